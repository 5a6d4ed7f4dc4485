/**
 * The internal stop reason, shared by every wire format: a small set of values the translators
 * map between, plus the vendor's raw value so nothing is lost on the way.
 */

/** Why generation stopped, in the gateway's own terms. */
export type StopReasonValue = "stop" | "length" | "tool_calls" | "content_filter" | "pause" | "other";

/** A stop reason: our value and the vendor's raw one (e.g. `{value: "length", raw: "max_tokens"}`). */
export interface StopReason {
  value: StopReasonValue;
  raw: string;
}
