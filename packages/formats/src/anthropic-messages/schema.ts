/**
 * Zod schemas of the Anthropic Messages API (https://docs.anthropic.com/en/api/messages). They check only what the
 * gateway reads and let every other field through untouched (loose objects): the vendor adds
 * fields often, and a passthrough must not drop or reject what it does not know.
 */
import { z } from "zod";
import { outputTokenCap } from "../request-params.ts";

/** Any content block: a loose object with a `type`. */
export const AnthropicContentBlockSchema = z.looseObject({ type: z.string() });

/** One conversation turn. `system` is the 2026 mid-conversation system role. */
export const AnthropicMessageParamSchema = z.looseObject({
  role: z.enum(["user", "assistant", "system"]),
  content: z.union([z.string(), z.array(AnthropicContentBlockSchema)]),
});
export type AnthropicMessageParam = z.infer<typeof AnthropicMessageParamSchema>;

const SystemSchema = z.union([z.string(), z.array(AnthropicContentBlockSchema)]);
// Custom tools carry `name` + `input_schema`, server tools `type` + `name`; upstream checks the rest.
const ToolSchema = z.looseObject({ name: z.string().optional(), type: z.string().optional() });
const ToolChoiceSchema = z.looseObject({ type: z.string() });
const ThinkingSchema = z.looseObject({ type: z.string() });

/** Body of `POST /v1/messages`. */
export const AnthropicMessagesRequestSchema = z.looseObject({
  model: z.string().min(1),
  // 0 is valid: it pre-warms the prompt cache without generating. Optional here: the gateway
  // sends its documented default when absent (normalize-request.ts).
  max_tokens: outputTokenCap(0).optional(),
  messages: z.array(AnthropicMessageParamSchema),
  stream: z.boolean().optional(),
  system: SystemSchema.optional(),
  tools: z.array(ToolSchema).optional(),
  tool_choice: ToolChoiceSchema.optional(),
  thinking: ThinkingSchema.optional(),
  stop_sequences: z.array(z.string()).optional(),
  metadata: z.looseObject({ user_id: z.string().nullish() }).optional(),
  // Sampling, in Anthropic's ranges: refused here rather than after a round trip upstream.
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.int().min(0).optional(),
});
export type AnthropicMessagesRequest = z.infer<typeof AnthropicMessagesRequestSchema>;

/** Body of `POST /v1/messages/count_tokens` (https://docs.anthropic.com/en/api/messages-count-tokens): no `max_tokens`,
 * no `stream`. */
export const AnthropicCountTokensRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(AnthropicMessageParamSchema),
  system: SystemSchema.optional(),
  tools: z.array(ToolSchema).optional(),
  tool_choice: ToolChoiceSchema.optional(),
  thinking: ThinkingSchema.optional(),
});
export type AnthropicCountTokensRequest = z.infer<typeof AnthropicCountTokensRequestSchema>;

// Token counts are nullable in the SDK's MessageDeltaUsage; a missing or null count means 0.
const tokenCount = z.number().nullish();

/** The `usage` object of a Message, message_start or message_delta. */
export const AnthropicUsageSchema = z.looseObject({
  input_tokens: tokenCount,
  cache_creation_input_tokens: tokenCount,
  cache_read_input_tokens: tokenCount,
  cache_creation: z
    .looseObject({ ephemeral_5m_input_tokens: tokenCount, ephemeral_1h_input_tokens: tokenCount })
    .nullish(),
  output_tokens: tokenCount,
  output_tokens_details: z.looseObject({ thinking_tokens: tokenCount }).nullish(),
});
export type AnthropicUsage = z.infer<typeof AnthropicUsageSchema>;

/** A `text` block of a response. */
export const AnthropicTextBlockSchema = z.looseObject({ type: z.literal("text"), text: z.string() });
/** A `thinking` block; content_block_start sends it with empty thinking and signature. */
export const AnthropicThinkingBlockSchema = z.looseObject({
  type: z.literal("thinking"),
  thinking: z.string(),
  signature: z.string().optional(),
});
/** A `redacted_thinking` block: encrypted reasoning. */
export const AnthropicRedactedThinkingBlockSchema = z.looseObject({
  type: z.literal("redacted_thinking"),
  data: z.string(),
});
/** A `tool_use` block; content_block_start sends `input: {}` and the input follows as JSON deltas. */
export const AnthropicToolUseBlockSchema = z.looseObject({
  type: z.literal("tool_use"),
  id: z.string(),
  name: z.string(),
  input: z.record(z.string(), z.unknown()),
});

/** A complete response of `POST /v1/messages` (SDK `Message`). */
export const AnthropicMessageSchema = z.looseObject({
  id: z.string(),
  model: z.string(),
  content: z.array(AnthropicContentBlockSchema),
  stop_reason: z.string().nullish(),
  stop_sequence: z.string().nullish(),
  usage: AnthropicUsageSchema,
});
export type AnthropicMessage = z.infer<typeof AnthropicMessageSchema>;

/** The `delta` of a content_block_delta; the field set depends on `type` (https://docs.anthropic.com/en/docs/build-with-claude/streaming). */
export const AnthropicContentBlockDeltaSchema = z.looseObject({
  type: z.string(),
  text: z.string().optional(), // text_delta
  thinking: z.string().optional(), // thinking_delta
  partial_json: z.string().optional(), // input_json_delta
  signature: z.string().optional(), // signature_delta
});
export type AnthropicContentBlockDelta = z.infer<typeof AnthropicContentBlockDeltaSchema>;

/** `message_start`: the message id, model and initial usage. */
export const AnthropicMessageStartEventSchema = z.looseObject({
  type: z.literal("message_start"),
  message: z.looseObject({ id: z.string(), model: z.string(), usage: AnthropicUsageSchema }),
});
/** `content_block_start`: a block opens at `index`. */
export const AnthropicContentBlockStartEventSchema = z.looseObject({
  type: z.literal("content_block_start"),
  index: z.int().min(0),
  content_block: AnthropicContentBlockSchema,
});
/** `content_block_delta`: a piece of the block at `index`. */
export const AnthropicContentBlockDeltaEventSchema = z.looseObject({
  type: z.literal("content_block_delta"),
  index: z.int().min(0),
  delta: AnthropicContentBlockDeltaSchema,
});
/** `content_block_stop`: the block at `index` is complete. */
export const AnthropicContentBlockStopEventSchema = z.looseObject({
  type: z.literal("content_block_stop"),
  index: z.int().min(0),
});
/** `message_delta`: stop reason and cumulative usage. */
export const AnthropicMessageDeltaEventSchema = z.looseObject({
  type: z.literal("message_delta"),
  delta: z.looseObject({ stop_reason: z.string().nullish(), stop_sequence: z.string().nullish() }),
  usage: AnthropicUsageSchema.nullish(),
});
/** `message_stop`: the stream completed. */
export const AnthropicMessageStopEventSchema = z.looseObject({ type: z.literal("message_stop") });
/** `ping`: keep-alive, may appear anywhere. */
export const AnthropicPingEventSchema = z.looseObject({ type: z.literal("ping") });
/** `error`: a failure after HTTP 200. */
export const AnthropicErrorEventSchema = z.looseObject({
  type: z.literal("error"),
  error: z.looseObject({ type: z.string(), message: z.string().optional() }),
});

/** Any Anthropic stream event, discriminated on `type` (the same as its SSE `event:` name). */
export const AnthropicStreamEventSchema = z.discriminatedUnion("type", [
  AnthropicMessageStartEventSchema,
  AnthropicContentBlockStartEventSchema,
  AnthropicContentBlockDeltaEventSchema,
  AnthropicContentBlockStopEventSchema,
  AnthropicMessageDeltaEventSchema,
  AnthropicMessageStopEventSchema,
  AnthropicPingEventSchema,
  AnthropicErrorEventSchema,
]);
export type AnthropicStreamEvent = z.infer<typeof AnthropicStreamEventSchema>;

/** The `type` values of {@link AnthropicStreamEventSchema}. */
export const ANTHROPIC_STREAM_EVENT_TYPES: ReadonlySet<string> = new Set([
  "message_start",
  "content_block_start",
  "content_block_delta",
  "content_block_stop",
  "message_delta",
  "message_stop",
  "ping",
  "error",
]);
