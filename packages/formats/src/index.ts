// Public API of @cc/formats. Biome keeps the blocks sorted by module path: one folder per wire
// format (anthropic-messages/…), then the pieces they share.

export { ANTHROPIC_IMAGE_TOKENS_BOUND, anthropicCostFacts } from "./anthropic-messages/cost-facts.ts";
export {
  type AnthropicErrorBody,
  type AnthropicErrorObject,
  type AnthropicErrorType,
  anthropicErrorObject,
  anthropicUpstreamError,
  INSUFFICIENT_BALANCE_PREFIX,
  type RenderedAnthropicError,
  renderAnthropicError,
  renderAnthropicStreamError,
  upstreamErrorFromAnthropic,
} from "./anthropic-messages/error-renderer.ts";
export {
  allowedSampling,
  type ClaudeVersion,
  claudeVersion,
  rejectsBudgetThinking,
  restrictsSampling,
  type Sampling,
  supportsAdaptiveThinking,
} from "./anthropic-messages/model-rules.ts";
export {
  DEFAULT_MAX_TOKENS,
  type Normalized,
  type NormalizedMessagesRequest,
  normalizeMessagesRequest,
} from "./anthropic-messages/normalize-request.ts";
export {
  type AnthropicRequestBody,
  type AnthropicThinkingParam,
  type AnthropicToolChoiceParam,
  type AnthropicToolParam,
  encodeAnthropicRequest,
  limitCacheBreakpoints,
  MAX_CACHE_BREAKPOINTS,
} from "./anthropic-messages/request-codec.ts";
export { decodeAnthropicRequest } from "./anthropic-messages/request-decoder.ts";
export type {
  AnthropicBlockParam,
  AnthropicCacheControl,
  AnthropicDocumentBlockParam,
  AnthropicImageBlockParam,
  AnthropicRedactedThinkingBlockParam,
  AnthropicSource,
  AnthropicTextBlockParam,
  AnthropicThinkingBlockParam,
  AnthropicToolResultBlockParam,
  AnthropicToolUseBlockParam,
} from "./anthropic-messages/request-parts.ts";
export {
  type AnthropicBlockRead,
  decodeAnthropicResponse,
  readAnthropicBlock,
  refusalExplanation,
} from "./anthropic-messages/response-codec.ts";
export {
  type AnthropicBlockOut,
  type AnthropicEncodeOptions,
  type AnthropicMessageOut,
  type AnthropicStopDetails,
  anthropicMessageId,
  encodeAnthropicResponse,
} from "./anthropic-messages/response-encoder.ts";
export {
  ANTHROPIC_STREAM_EVENT_TYPES,
  type AnthropicContentBlockDelta,
  AnthropicContentBlockDeltaEventSchema,
  AnthropicContentBlockDeltaSchema,
  AnthropicContentBlockSchema,
  AnthropicContentBlockStartEventSchema,
  AnthropicContentBlockStopEventSchema,
  type AnthropicCountTokensRequest,
  AnthropicCountTokensRequestSchema,
  AnthropicErrorEventSchema,
  type AnthropicMessage,
  AnthropicMessageDeltaEventSchema,
  type AnthropicMessageParam,
  AnthropicMessageParamSchema,
  AnthropicMessageSchema,
  AnthropicMessageStartEventSchema,
  AnthropicMessageStopEventSchema,
  type AnthropicMessagesRequest,
  AnthropicMessagesRequestSchema,
  AnthropicPingEventSchema,
  AnthropicRedactedThinkingBlockSchema,
  type AnthropicStreamEvent,
  AnthropicStreamEventSchema,
  AnthropicTextBlockSchema,
  AnthropicThinkingBlockSchema,
  AnthropicToolUseBlockSchema,
  type AnthropicUsage,
  AnthropicUsageSchema,
} from "./anthropic-messages/schema.ts";
export {
  ANTHROPIC_STOP_REASONS,
  type AnthropicStopReason,
  anthropicStopReason,
  isAnthropicStopReason,
  toAnthropicStopReason,
} from "./anthropic-messages/stop-reasons.ts";
export { AnthropicStreamDecoder } from "./anthropic-messages/stream-decoder.ts";
export {
  AnthropicStreamEncoder,
  type AnthropicStreamEventOut,
  anthropicStreamFrame,
} from "./anthropic-messages/stream-encoder.ts";
export {
  type AnthropicStreamError,
  type AnthropicStreamRead,
  AnthropicStreamUsage,
  readAnthropicStreamEvent,
} from "./anthropic-messages/stream-usage.ts";
export {
  type AnthropicUsageOut,
  anthropicMessageObjects,
  anthropicMessageUsage,
  anthropicUsage,
  anthropicUsageToRecord,
} from "./anthropic-messages/usage.ts";
export {
  DEFAULT_TOOL_USES_BOUND,
  plainCostFacts,
  type RequestCostFacts,
  type RequestedExtra,
} from "./cost-facts.ts";
export {
  ERROR_STATUS,
  type ErrorKind,
  GatewayError,
  type GatewayErrorOptions,
  isGatewayError,
} from "./errors.ts";
export { invalidRequestFromIssues, parseRequest } from "./invalid-request.ts";
export { effortOfBudget, HIGH_EFFORT_BUDGET, MEDIUM_EFFORT_BUDGET } from "./ir/budget-effort.ts";
export type {
  CacheControl,
  ContentPart,
  DocumentPart,
  ImagePart,
  MediaSource,
  OutputPart,
  RedactedThinkingPart,
  TextPart,
  ThinkingPart,
  ToolCallPart,
  ToolResultContentPart,
  ToolResultPart,
} from "./ir/content.ts";
export {
  DEFAULT_MAX_OUTPUT_TOKENS,
  type EffortValue,
  type IrMessage,
  type IrReasoning,
  type IrRequest,
  type IrResponseFormat,
  type IrTool,
  type IrToolChoice,
} from "./ir/request.ts";
export type { IrResponse } from "./ir/response.ts";
export type {
  IrPartStart,
  IrStreamDecoder,
  IrStreamEncoder,
  IrStreamEvent,
  IrStreamFailure,
  IrStreamOutcome,
} from "./ir/stream.ts";
export { openAiChatCostFacts } from "./openai-chat/cost-facts.ts";
export {
  openAiErrorObject,
  type RenderedOpenAiError,
  renderOpenAiChatError,
  renderOpenAiChatStreamError,
} from "./openai-chat/error-renderer.ts";
export { foldChatChunks } from "./openai-chat/fold.ts";
export { decodeOpenAiChatRequest, parseOpenAiChatRequest } from "./openai-chat/request-codec.ts";
export { decodeOpenAiChatMessages } from "./openai-chat/request-messages.ts";
export {
  type ChatEncodeOptions,
  chatCompletionId,
  encodeOpenAiChatResponse,
} from "./openai-chat/response-codec.ts";
export {
  OPENAI_REASONING_EFFORTS,
  type OpenAiChatMessage,
  OpenAiChatMessageSchema,
  type OpenAiChatRequest,
  OpenAiChatRequestSchema,
  OpenAiThinkingBlockSchema,
} from "./openai-chat/schema.ts";
export { openAiFinishReason } from "./openai-chat/stop-reasons.ts";
export {
  type ChatStreamOptions,
  chatStreamFrame,
  OpenAiChatStreamEncoder,
} from "./openai-chat/stream-encoder.ts";
export { OpenAiChatStreamUsage } from "./openai-chat/stream-usage.ts";
export type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionDelta,
  ChatCompletionMessage,
  ChatCompletionUsage,
  ChatFinishReason,
  ChatStreamData,
  ChatThinkingBlock,
  ChatToolCall,
  ChatToolCallDelta,
  OpenAiErrorBody,
  OpenAiErrorObject,
} from "./openai-chat/types.ts";
export { openAiChatBodyUsage, openAiChatUsage, openAiChatUsageToRecord } from "./openai-chat/usage.ts";
export { openAiResponsesCostFacts } from "./openai-responses/cost-facts.ts";
export {
  openAiUpstreamError,
  renderOpenAiResponsesError,
  renderOpenAiResponsesStreamError,
  responsesError,
  upstreamErrorFromOpenAi,
} from "./openai-responses/error-renderer.ts";
export { foldResponsesEvents } from "./openai-responses/fold.ts";
export {
  decodeReasoningToken,
  encodeReasoningToken,
  isGatewayReasoningToken,
  type ReasoningToken,
  type ReasoningTokenRead,
} from "./openai-responses/reasoning-token.ts";
export {
  CUSTOM_TOOL_INPUT_SCHEMA,
  decodeOpenAiResponsesRequest,
  encodeOpenAiResponsesRequest,
  parseOpenAiResponsesRequest,
} from "./openai-responses/request-codec.ts";
export {
  decodeOpenAiResponsesResponse,
  encodeOpenAiResponsesResponse,
  type ResponsesEncodeOptions,
} from "./openai-responses/response-codec.ts";
export {
  type OpenAiResponsesRequest,
  OpenAiResponsesRequestSchema,
  type ResponsesInputItem,
  type ResponsesTool,
} from "./openai-responses/schema.ts";
export { responsesEnding, responsesStopReason } from "./openai-responses/stop-reasons.ts";
export { OpenAiResponsesStreamDecoder } from "./openai-responses/stream-decoder.ts";
export { OpenAiResponsesStreamEncoder, responsesStreamFrame } from "./openai-responses/stream-encoder.ts";
export type {
  ResponsesCustomToolCallItem,
  ResponsesError,
  ResponsesFunctionCallItem,
  ResponsesInputItemParam,
  ResponsesMessageItem,
  ResponsesOutputItem,
  ResponsesReasoningItem,
  ResponsesRequestBody,
  ResponsesResponse,
  ResponsesStreamEvent,
  ResponsesToolParam,
  ResponsesUsage,
} from "./openai-responses/types.ts";
export {
  openAiResponsesBodyObjects,
  openAiResponsesBodyUsage,
  openAiResponsesUsage,
  openAiResponsesUsageToRecord,
} from "./openai-responses/usage.ts";
export { MAX_OUTPUT_TOKENS_PARAM, outputTokenCap } from "./request-params.ts";
export { SseDecoder, type SseEvent, sseDecoderStream } from "./sse/decoder.ts";
export { encodeSse, encodeSseBytes, type SseMessage, sseEncoderStream } from "./sse/encoder.ts";
export type { StopReason, StopReasonValue } from "./stop-reason.ts";
export {
  type ObjectRef,
  OPENAI_RESPONSE_RETENTION_MS,
  objectNotFound,
  type StoredObject,
  type StoredObjectKind,
} from "./stored-objects.ts";
export { estimateTokens, estimateTokensFromBytes } from "./tokens.ts";
export { SseTranslator, translateSseStream } from "./translate-stream.ts";
export { emptyUsage, tokenCount, totalInput, totalTokens, type UsageRecord } from "./usage.ts";
export {
  billableUsage,
  billableUsageOf,
  endedNormally,
  type RelayedOutput,
  type UsageTap,
} from "./usage-tap.ts";
