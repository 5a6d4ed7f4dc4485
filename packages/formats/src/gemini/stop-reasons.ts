import type { StopReason, StopReasonValue } from "../stop-reason.ts";
import type { GeminiFinishReason } from "./types.ts";

// Gemini's finishReason (https://ai.google.dev/api/generate-content#FinishReason) → ours. A
// function call ends with STOP: the caller says whether the answer holds calls.
const TO_INTERNAL: Record<GeminiFinishReason, StopReasonValue> = {
  STOP: "stop",
  MAX_TOKENS: "length",
  SAFETY: "content_filter",
  RECITATION: "content_filter",
  BLOCKLIST: "content_filter",
  PROHIBITED_CONTENT: "content_filter",
  SPII: "content_filter",
  IMAGE_SAFETY: "content_filter",
  LANGUAGE: "other",
  OTHER: "other",
  MALFORMED_FUNCTION_CALL: "other",
  UNEXPECTED_TOOL_CALL: "other",
  TOO_MANY_TOOL_CALLS: "other",
};

const isGeminiFinishReason = (raw: string): raw is GeminiFinishReason => Object.hasOwn(TO_INTERNAL, raw);

/** A Gemini finishReason as ours; STOP with function calls is a tool-call stop; unknown values are "other". */
export function geminiStopReason(raw: string, hasCalls: boolean): StopReason {
  if (raw === "STOP" && hasCalls) return { value: "tool_calls", raw };
  return { value: isGeminiFinishReason(raw) ? TO_INTERNAL[raw] : "other", raw };
}

const FROM_INTERNAL: Record<StopReasonValue, GeminiFinishReason> = {
  stop: "STOP",
  length: "MAX_TOKENS",
  // Gemini ends a turn of function calls with STOP.
  tool_calls: "STOP",
  // A refusal is the nearest thing Gemini has: a safety stop (its explanation in finishMessage).
  content_filter: "SAFETY",
  pause: "STOP",
  other: "OTHER",
};

/** The Gemini finishReason for ours: Gemini's own raw value when it is one, else the nearest. */
export function toGeminiFinishReason(stop: StopReason | null): GeminiFinishReason {
  if (stop === null) return "STOP";
  if (isGeminiFinishReason(stop.raw)) return stop.raw;
  return FROM_INTERNAL[stop.value];
}
