/**
 * The Anthropic Messages JSON the gateway writes: the request body it sends to
 * `POST /v1/messages` (https://docs.anthropic.com/en/api/messages) and the Message, usage and
 * stream events it answers an Anthropic client with. What it reads is validated by schema.ts.
 */
import type { EffortValue } from "../ir/request.ts";
import type { AnthropicStopReason } from "./stop-reasons.ts";

// ── the request body ─────────────────────────────────────────────────────────────────────

/** `cache_control` as Anthropic spells it. */
export interface AnthropicCacheControl {
  type: "ephemeral";
  ttl?: "5m" | "1h";
}

/** A block that may carry a cache breakpoint. */
export interface Cacheable {
  cache_control?: AnthropicCacheControl;
}

export type AnthropicSource =
  | { type: "base64"; media_type: string; data: string }
  | { type: "url"; url: string };

export interface AnthropicTextBlockParam extends Cacheable {
  type: "text";
  text: string;
}
export interface AnthropicImageBlockParam extends Cacheable {
  type: "image";
  source: AnthropicSource;
}
export interface AnthropicDocumentBlockParam extends Cacheable {
  type: "document";
  source: AnthropicSource;
}
export interface AnthropicToolUseBlockParam extends Cacheable {
  type: "tool_use";
  id: string;
  name: string;
  input: Record<string, unknown>;
}
export interface AnthropicToolResultBlockParam extends Cacheable {
  type: "tool_result";
  tool_use_id: string;
  content?: (AnthropicTextBlockParam | AnthropicImageBlockParam | AnthropicDocumentBlockParam)[];
  is_error?: boolean;
}
export interface AnthropicThinkingBlockParam {
  type: "thinking";
  thinking: string;
  signature: string;
}
export interface AnthropicRedactedThinkingBlockParam {
  type: "redacted_thinking";
  data: string;
}

/** Any block the gateway sends in a request. */
export type AnthropicBlockParam =
  | AnthropicTextBlockParam
  | AnthropicImageBlockParam
  | AnthropicDocumentBlockParam
  | AnthropicToolUseBlockParam
  | AnthropicToolResultBlockParam
  | AnthropicThinkingBlockParam
  | AnthropicRedactedThinkingBlockParam;

/** A custom tool (SDK `Tool`). */
export interface AnthropicToolParam extends Cacheable {
  name: string;
  description?: string;
  input_schema: Record<string, unknown>;
  strict?: boolean;
}

/** SDK `ToolChoice`. `disable_parallel_tool_use` never goes on `none`. */
export type AnthropicToolChoiceParam =
  | { type: "auto" | "any"; disable_parallel_tool_use?: boolean }
  | { type: "tool"; name: string; disable_parallel_tool_use?: boolean }
  | { type: "none" };

/** SDK `ThinkingConfigParam`, the two kinds the gateway sends. */
export type AnthropicThinkingParam =
  | { type: "adaptive"; display?: "summarized" | "omitted" }
  | { type: "enabled"; budget_tokens: number; display?: "summarized" | "omitted" };

/** The body the gateway sends to `POST /v1/messages`. */
export interface AnthropicRequestBody {
  model: string;
  max_tokens: number;
  messages: { role: "user" | "assistant"; content: AnthropicBlockParam[] }[];
  system?: AnthropicTextBlockParam[];
  tools?: AnthropicToolParam[];
  tool_choice?: AnthropicToolChoiceParam;
  thinking?: AnthropicThinkingParam;
  output_config?: {
    effort?: EffortValue;
    format?: { type: "json_schema"; schema: Record<string, unknown> };
  };
  stop_sequences?: string[];
  temperature?: number;
  top_p?: number;
  metadata?: { user_id: string };
  stream: boolean;
}

// ── the answer ───────────────────────────────────────────────────────────────────────────

/** A content block of a Message as the gateway sends it. */
export type AnthropicBlockOut =
  | { type: "text"; text: string }
  | { type: "thinking"; thinking: string; signature: string }
  | { type: "redacted_thinking"; data: string }
  | { type: "tool_use"; id: string; name: string; input: Record<string, unknown> };

/** `stop_details` of a refusal (added 2026-04). */
export interface AnthropicStopDetails {
  type: "refusal";
  category: null;
  explanation: string | null;
}

/** Anthropic's `usage` object (SDK `Usage`) as the gateway sends it. */
export interface AnthropicUsageOut {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
  output_tokens: number;
  output_tokens_details: { thinking_tokens: number };
}

/** A Message (SDK `Message`). */
export interface AnthropicMessageOut {
  id: string;
  type: "message";
  role: "assistant";
  model: string;
  content: AnthropicBlockOut[];
  stop_reason: AnthropicStopReason;
  stop_sequence: string | null;
  stop_details: AnthropicStopDetails | null;
  usage: AnthropicUsageOut;
}

/** One event of an Anthropic stream: its JSON, whose `type` is also its SSE `event:` name. */
export type AnthropicStreamEventOut = { type: string } & Record<string, unknown>;
