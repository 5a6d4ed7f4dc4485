/**
 * Anthropic Messages (https://docs.anthropic.com/en/api/messages): the format of Claude and of
 * Claude Code, both ways. One record; the files beside this one are named for what they do.
 */
import { parseRequest } from "../invalid-request.ts";
import type { WireFormatRecord } from "../wire-format.ts";
import { anthropicCostFacts } from "./cost-facts.ts";
import { decodeAnthropicRequest } from "./decode-request.ts";
import { decodeAnthropicResponse } from "./decode-response.ts";
import { encodeAnthropicRequest } from "./encode-request.ts";
import { type AnthropicEncodeOptions, encodeAnthropicResponse } from "./encode-response.ts";
import { anthropicUpstreamError, renderAnthropicError, renderAnthropicStreamError } from "./errors.ts";
import { type AnthropicMessagesRequest, AnthropicMessagesRequestSchema } from "./schema.ts";
import { AnthropicStreamDecoder } from "./stream-decoder.ts";
import { AnthropicStreamEncoder } from "./stream-encoder.ts";
import { AnthropicStreamUsage } from "./stream-usage.ts";
import { anthropicMessageUsage } from "./usage.ts";

export const anthropicMessages: WireFormatRecord<AnthropicMessagesRequest, AnthropicEncodeOptions> = {
  parseRequest: (body) => parseRequest(AnthropicMessagesRequestSchema, body),
  decodeRequest: decodeAnthropicRequest,
  encodeResponse: encodeAnthropicResponse,
  StreamEncoder: AnthropicStreamEncoder,
  renderError: renderAnthropicError,
  renderStreamError: renderAnthropicStreamError,
  costFacts: anthropicCostFacts,
  StreamUsage: AnthropicStreamUsage,
  bodyUsage: anthropicMessageUsage,
  upstreamError: anthropicUpstreamError,
  encodeRequest: encodeAnthropicRequest,
  decodeResponse: decodeAnthropicResponse,
  StreamDecoder: AnthropicStreamDecoder,
};
