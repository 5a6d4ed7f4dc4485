/**
 * OpenAI Chat Completions (https://platform.openai.com/docs/api-reference/chat): a client
 * format (the OpenAI SDKs and most tools) in front of Claude, and a passthrough format to GPT,
 * which the gateway meters but never translates to. One record; the files beside this one are
 * named for what they do.
 */

import { openAiUpstreamError } from "../openai-responses/errors.ts";
import type { WireFormatRecord } from "../wire-format.ts";
import { openAiChatCostFacts } from "./cost-facts.ts";
import { decodeOpenAiChatRequest, parseOpenAiChatRequest } from "./decode-request.ts";
import { encodeOpenAiChatResponse } from "./encode-response.ts";
import { renderOpenAiChatError, renderOpenAiChatStreamError } from "./errors.ts";
import type { OpenAiChatRequest } from "./schema.ts";
import { type ChatStreamOptions, OpenAiChatStreamEncoder } from "./stream-encoder.ts";
import { OpenAiChatStreamUsage } from "./stream-usage.ts";
import { openAiChatBodyUsage } from "./usage.ts";

export const openAiChat: WireFormatRecord<OpenAiChatRequest, ChatStreamOptions> = {
  parseRequest: parseOpenAiChatRequest,
  decodeRequest: decodeOpenAiChatRequest,
  encodeResponse: encodeOpenAiChatResponse,
  StreamEncoder: OpenAiChatStreamEncoder,
  renderError: renderOpenAiChatError,
  renderStreamError: renderOpenAiChatStreamError,
  costFacts: openAiChatCostFacts,
  StreamUsage: OpenAiChatStreamUsage,
  bodyUsage: openAiChatBodyUsage,
  upstreamError: openAiUpstreamError,
};
