/**
 * OpenAI Responses (https://platform.openai.com/docs/api-reference/responses): the format of
 * Codex CLI, and the one the gateway speaks to GPT when it translates. Both ways. One record; the
 * files beside this one are named for what they do.
 */
import type { WireFormatRecord } from "../wire-format.ts";
import { openAiResponsesCostFacts } from "./cost-facts.ts";
import { decodeOpenAiResponsesRequest, parseOpenAiResponsesRequest } from "./decode-request.ts";
import { decodeOpenAiResponsesResponse } from "./decode-response.ts";
import { encodeOpenAiResponsesRequest } from "./encode-request.ts";
import { encodeOpenAiResponsesResponse, type ResponsesEncodeOptions } from "./encode-response.ts";
import {
  openAiUpstreamError,
  renderOpenAiResponsesError,
  renderOpenAiResponsesStreamError,
} from "./errors.ts";
import type { OpenAiResponsesRequest } from "./schema.ts";
import { OpenAiResponsesStreamDecoder } from "./stream-decoder.ts";
import { OpenAiResponsesStreamEncoder } from "./stream-encoder.ts";
import { openAiResponsesBodyUsage } from "./usage.ts";

export const openAiResponses: WireFormatRecord<OpenAiResponsesRequest, ResponsesEncodeOptions> = {
  parseRequest: parseOpenAiResponsesRequest,
  decodeRequest: decodeOpenAiResponsesRequest,
  encodeResponse: encodeOpenAiResponsesResponse,
  StreamEncoder: OpenAiResponsesStreamEncoder,
  renderError: renderOpenAiResponsesError,
  renderStreamError: renderOpenAiResponsesStreamError,
  costFacts: openAiResponsesCostFacts,
  // The stream decoder is also the usage tap: hosted tool calls and usage come from the same
  // events it decodes, so a passthrough stream is followed by a decoder whose output is unused.
  StreamUsage: OpenAiResponsesStreamDecoder,
  bodyUsage: openAiResponsesBodyUsage,
  upstreamError: openAiUpstreamError,
  encodeRequest: encodeOpenAiResponsesRequest,
  decodeResponse: decodeOpenAiResponsesResponse,
  StreamDecoder: OpenAiResponsesStreamDecoder,
};
