// Public API of @cc/formats: what the Workers (and the benchmarks) use, nothing else. One record
// per wire format (anthropicMessages, openAiChat, openAiResponses, gemini: every codec of the format, by
// direction), then the names the gateway imports one by one, grouped by folder. Everything else
// is internal to the package. Biome keeps the blocks sorted by module path.

export { anthropicCostFacts } from "./anthropic-messages/cost-facts.ts";
export { decodeAnthropicRequest } from "./anthropic-messages/decode-request.ts";
export { decodeAnthropicResponse } from "./anthropic-messages/decode-response.ts";
export { encodeAnthropicRequest } from "./anthropic-messages/encode-request.ts";
export { encodeAnthropicResponse } from "./anthropic-messages/encode-response.ts";
export {
  anthropicUpstreamError,
  renderAnthropicError,
  renderAnthropicStreamError,
  upstreamErrorFromAnthropic,
} from "./anthropic-messages/errors.ts";
export { anthropicMessages } from "./anthropic-messages/index.ts";
export { normalizeMessagesRequest } from "./anthropic-messages/normalize-request.ts";
export {
  type AnthropicCountTokensRequest,
  AnthropicCountTokensRequestSchema,
  type AnthropicMessagesRequest,
  AnthropicMessagesRequestSchema,
} from "./anthropic-messages/schema.ts";
export { AnthropicStreamDecoder } from "./anthropic-messages/stream-decoder.ts";
export { AnthropicStreamEncoder } from "./anthropic-messages/stream-encoder.ts";
export { AnthropicStreamUsage } from "./anthropic-messages/stream-usage.ts";
export { anthropicMessageObjects, anthropicMessageUsage } from "./anthropic-messages/usage.ts";
export type { RequestCostFacts } from "./cost-facts.ts";
export { type ErrorKind, GatewayError, isGatewayError } from "./errors.ts";
export { geminiCostFacts } from "./gemini/cost-facts.ts";
export { decodeGeminiRequest, parseGeminiRequest } from "./gemini/decode-request.ts";
export { decodeGeminiResponse } from "./gemini/decode-response.ts";
export { encodeGeminiRequest } from "./gemini/encode-request.ts";
export { encodeGeminiResponse } from "./gemini/encode-response.ts";
export {
  geminiUpstreamError,
  isGeminiKeyRefusal,
  renderGeminiError,
  renderGeminiStreamError,
} from "./gemini/errors.ts";
export { gemini } from "./gemini/index.ts";
export {
  camelizeGeminiBody,
  type GeminiCountTokensRequest,
  GeminiCountTokensRequestSchema,
  type GeminiGenerateContentRequest,
} from "./gemini/schema.ts";
export { GeminiStreamDecoder } from "./gemini/stream-decoder.ts";
export { GeminiStreamEncoder } from "./gemini/stream-encoder.ts";
export { GeminiStreamUsage } from "./gemini/stream-usage.ts";
export { geminiBodyUsage } from "./gemini/usage.ts";
export { parseRequest } from "./invalid-request.ts";
export { HIGH_EFFORT_BUDGET, MEDIUM_EFFORT_BUDGET } from "./ir/budget-effort.ts";
export type { IrRequest } from "./ir/request.ts";
export type { IrResponse } from "./ir/response.ts";
export type { IrStreamDecoder, IrStreamEncoder } from "./ir/stream.ts";
export { openAiChatCostFacts } from "./openai-chat/cost-facts.ts";
export { decodeOpenAiChatRequest, parseOpenAiChatRequest } from "./openai-chat/decode-request.ts";
export { encodeOpenAiChatResponse } from "./openai-chat/encode-response.ts";
export {
  openAiErrorObject,
  renderOpenAiChatError,
  renderOpenAiChatStreamError,
} from "./openai-chat/errors.ts";
export { openAiChat } from "./openai-chat/index.ts";
export type { OpenAiChatRequest } from "./openai-chat/schema.ts";
export { OpenAiChatStreamEncoder } from "./openai-chat/stream-encoder.ts";
export { OpenAiChatStreamUsage } from "./openai-chat/stream-usage.ts";
export { openAiChatBodyUsage } from "./openai-chat/usage.ts";
export { openAiResponsesCostFacts } from "./openai-responses/cost-facts.ts";
export {
  decodeOpenAiResponsesRequest,
  parseOpenAiResponsesRequest,
} from "./openai-responses/decode-request.ts";
export { decodeOpenAiResponsesResponse } from "./openai-responses/decode-response.ts";
export { encodeOpenAiResponsesRequest } from "./openai-responses/encode-request.ts";
export { encodeOpenAiResponsesResponse } from "./openai-responses/encode-response.ts";
export { openAiUpstreamError } from "./openai-responses/errors.ts";
export { openAiResponses } from "./openai-responses/index.ts";
export type { OpenAiResponsesRequest } from "./openai-responses/schema.ts";
export { OpenAiResponsesStreamDecoder } from "./openai-responses/stream-decoder.ts";
export { OpenAiResponsesStreamEncoder } from "./openai-responses/stream-encoder.ts";
export { openAiResponsesBodyObjects, openAiResponsesBodyUsage } from "./openai-responses/usage.ts";
export { DEFAULT_MAX_OUTPUT_TOKENS, DEFAULT_MAX_TOKENS } from "./request-params.ts";
export { SseDecoder, type SseEvent } from "./sse/decoder.ts";
export { encodeSse } from "./sse/encoder.ts";
export { type ObjectRef, objectNotFound, type StoredObject } from "./stored-objects.ts";
export { estimateTokens, estimateTokensFromBytes } from "./tokens.ts";
export { SseTranslator, translateSseStream } from "./translate-stream.ts";
export { emptyUsage, type UsageRecord } from "./usage.ts";
export { billableUsage, billableUsageOf, endedNormally, type UsageTap } from "./usage-tap.ts";
