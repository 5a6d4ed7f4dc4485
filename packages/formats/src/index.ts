// Public API of @cc/formats. Biome keeps the blocks sorted by module path: one folder per wire
// format (anthropic-messages/…), then the pieces they share.

export {
  type AnthropicErrorBody,
  type AnthropicErrorObject,
  type AnthropicErrorType,
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
  type AnthropicRequestBody,
  type AnthropicThinkingParam,
  type AnthropicToolChoiceParam,
  type AnthropicToolParam,
  encodeAnthropicRequest,
  limitCacheBreakpoints,
  MAX_CACHE_BREAKPOINTS,
} from "./anthropic-messages/request-codec.ts";
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
} from "./anthropic-messages/stop-reasons.ts";
export { AnthropicStreamDecoder } from "./anthropic-messages/stream-decoder.ts";
export {
  type AnthropicStreamError,
  type AnthropicStreamRead,
  AnthropicStreamUsage,
  readAnthropicStreamEvent,
} from "./anthropic-messages/stream-usage.ts";
export { anthropicUsageToRecord } from "./anthropic-messages/usage.ts";
export {
  ERROR_STATUS,
  type ErrorKind,
  GatewayError,
  type GatewayErrorOptions,
  isGatewayError,
} from "./errors.ts";
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
export { openAiChatUsage } from "./openai-chat/usage.ts";
export { SseDecoder, type SseEvent, sseDecoderStream } from "./sse/decoder.ts";
export { encodeSse, encodeSseBytes, type SseMessage, sseEncoderStream } from "./sse/encoder.ts";
export type { StopReason, StopReasonValue } from "./stop-reason.ts";
export { estimateTokens } from "./tokens.ts";
export { translateSseStream } from "./translate-stream.ts";
export { emptyUsage, totalInput, type UsageRecord } from "./usage.ts";
