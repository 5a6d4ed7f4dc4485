import type { StopReason, StopReasonValue } from "../stop-reason.ts";
import type { ChatFinishReason } from "./types.ts";

const FINISH_REASON: Record<StopReasonValue, ChatFinishReason> = {
  stop: "stop",
  length: "length",
  tool_calls: "tool_calls",
  content_filter: "content_filter",
  // A paused server-tool turn ended normally from the client's side; Portkey maps it the same.
  pause: "stop",
  // A reason added after this code: clients know only the four values, and "stop" is the
  // one that does not claim a cause.
  other: "stop",
};

/** The `finish_reason` for an internal stop reason; never the vendor's raw value (docs/wire-formats.md, "Stop reasons"). */
export function openAiFinishReason(stop: StopReason | null): ChatFinishReason {
  return stop === null ? "stop" : FINISH_REASON[stop.value];
}
