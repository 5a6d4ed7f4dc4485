import type { StopReason } from "../stop-reason.ts";
import type { ResponsesResponse } from "./types.ts";

/** How a Responses answer ends: its terminal status and why it is incomplete, if it is. */
export interface ResponsesEnding {
  status: "completed" | "incomplete";
  incompleteDetails: ResponsesResponse["incomplete_details"];
}

/**
 * The terminal status for an internal stop reason. Only real truncation (max tokens, a full
 * context window) is `incomplete`: Codex treats `response.incomplete` as a failure and retries
 * the turn (docs/wire-formats.md, "Claude → OpenAI Responses (Codex)"), so nothing else may end that way. A refusal is `completed`;
 * the encoders add a refusal content part. A paused server-tool turn (`pause`) cannot be resumed
 * by a Responses client and ends as `completed` with what it has.
 */
export function responsesEnding(stop: StopReason | null): ResponsesEnding {
  if (stop?.value === "length") {
    return { status: "incomplete", incompleteDetails: { reason: "max_output_tokens" } };
  }
  return { status: "completed", incompleteDetails: null };
}

/**
 * The internal stop reason of a Responses answer (from a GPT upstream). Responses has no stop
 * reason: a completed answer with a tool call stopped for it (docs/wire-formats.md, "Stop reasons"),
 * otherwise it stopped normally; `raw` keeps the status or incomplete reason.
 */
export function responsesStopReason(
  status: string | undefined,
  incompleteReason: string | null | undefined,
  hasToolCalls: boolean,
): StopReason {
  if (status === "incomplete") {
    const raw = incompleteReason ?? "incomplete";
    if (raw === "max_output_tokens") return { value: "length", raw };
    if (raw === "content_filter") return { value: "content_filter", raw };
    return { value: "other", raw };
  }
  if (status !== undefined && status !== "completed") return { value: "other", raw: status };
  return hasToolCalls ? { value: "tool_calls", raw: "completed" } : { value: "stop", raw: "completed" };
}
