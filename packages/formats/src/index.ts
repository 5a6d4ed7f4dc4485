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
} from "./anthropic-messages/error-renderer.ts";
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
  AnthropicMessageDeltaEventSchema,
  type AnthropicMessageParam,
  AnthropicMessageParamSchema,
  AnthropicMessageStartEventSchema,
  AnthropicMessageStopEventSchema,
  type AnthropicMessagesRequest,
  AnthropicMessagesRequestSchema,
  AnthropicPingEventSchema,
  type AnthropicStreamEvent,
  AnthropicStreamEventSchema,
  type AnthropicUsage,
  AnthropicUsageSchema,
} from "./anthropic-messages/schema.ts";
export {
  ANTHROPIC_STOP_REASONS,
  type AnthropicStopReason,
  anthropicStopReason,
  isAnthropicStopReason,
} from "./anthropic-messages/stop-reasons.ts";
export { type AnthropicStreamError, AnthropicStreamUsage } from "./anthropic-messages/stream-usage.ts";
export { anthropicUsageToRecord } from "./anthropic-messages/usage.ts";
export {
  ERROR_STATUS,
  type ErrorKind,
  GatewayError,
  type GatewayErrorOptions,
  isGatewayError,
} from "./errors.ts";
export { SseDecoder, type SseEvent, sseDecoderStream } from "./sse/decoder.ts";
export { encodeSse, encodeSseBytes, type SseMessage, sseEncoderStream } from "./sse/encoder.ts";
export type { StopReason, StopReasonValue } from "./stop-reason.ts";
export { estimateTokens } from "./tokens.ts";
export { emptyUsage, totalInput, type UsageRecord } from "./usage.ts";
