import type { StopReason, StopReasonValue } from "../stop-reason.ts";

/** Anthropic's `stop_reason` values (SDK `StopReason`, https://docs.anthropic.com/en/api/messages). */
export const ANTHROPIC_STOP_REASONS = [
  "end_turn",
  "max_tokens",
  "stop_sequence",
  "tool_use",
  "pause_turn",
  "refusal",
  "model_context_window_exceeded",
] as const;

/** One of {@link ANTHROPIC_STOP_REASONS}. */
export type AnthropicStopReason = (typeof ANTHROPIC_STOP_REASONS)[number];

const TO_INTERNAL: Record<AnthropicStopReason, StopReasonValue> = {
  end_turn: "stop",
  stop_sequence: "stop",
  max_tokens: "length",
  // The context window ran out mid-generation: to a client this is a length stop.
  model_context_window_exceeded: "length",
  tool_use: "tool_calls",
  refusal: "content_filter",
  // A server-tool loop paused; the client is expected to send the turn back to continue.
  pause_turn: "pause",
};

/** True for a known Anthropic stop reason. */
export function isAnthropicStopReason(raw: string): raw is AnthropicStopReason {
  return Object.hasOwn(TO_INTERNAL, raw);
}

/** Map an Anthropic `stop_reason` to the internal one; a value added later maps to "other". */
export function anthropicStopReason(raw: string): StopReason {
  return { value: isAnthropicStopReason(raw) ? TO_INTERNAL[raw] : "other", raw };
}

const FROM_INTERNAL: Record<StopReasonValue, AnthropicStopReason> = {
  stop: "end_turn",
  length: "max_tokens",
  tool_calls: "tool_use",
  content_filter: "refusal",
  pause: "pause_turn",
  // A reason we cannot name ends the turn normally, the one value that claims no cause.
  other: "end_turn",
};

/**
 * The Anthropic `stop_reason` for an internal one: the vendor's raw value when it is Anthropic's
 * own, else the nearest Anthropic value (`stop_sequence` when a stop sequence matched). Null
 * (never sent for a complete answer) is `end_turn`.
 */
export function toAnthropicStopReason(stop: StopReason | null, stopSequence?: string): AnthropicStopReason {
  if (stop === null) return "end_turn";
  if (isAnthropicStopReason(stop.raw)) return stop.raw;
  if (stop.value === "stop" && stopSequence !== undefined) return "stop_sequence";
  return FROM_INTERNAL[stop.value];
}
