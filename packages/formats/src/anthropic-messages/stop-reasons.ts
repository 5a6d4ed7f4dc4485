import type { StopReason, StopReasonValue } from "../stop-reason.ts";

/** Anthropic's `stop_reason` values (SDK `StopReason`, wire-formats.md §1.3). */
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
