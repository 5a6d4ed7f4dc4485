/**
 * Output items of a Responses answer, built the same way for the streamed and the non-streamed
 * answer so that both carry the same ids and fields.
 */
import type { RedactedThinkingPart, ThinkingPart } from "../ir/content.ts";
import type { IrTool } from "../ir/request.ts";
import { encodeReasoningToken } from "./reasoning-token.ts";
import type {
  ResponsesCustomToolCallItem,
  ResponsesFunctionCallItem,
  ResponsesMessageItem,
  ResponsesOutputText,
  ResponsesReasoningItem,
  ResponsesRefusal,
} from "./types.ts";

// The vendor's id without its kind prefix: `msg_01ab` → `01ab`, so ids stay traceable upstream.
const baseId = (vendorId: string): string => vendorId.replace(/^(msg|resp)_/, "");

/** The Response id for a vendor message id: one id, streamed or not. */
export const responseId = (vendorId: string): string => `resp_${baseId(vendorId)}`;

/** The id of the output item at `outputIndex`: `msg_…`, `rs_…`, `fc_…` or `ctc_…`, unique per answer. */
export const itemId = (prefix: "msg" | "rs" | "fc" | "ctc", vendorId: string, outputIndex: number): string =>
  `${prefix}_${baseId(vendorId)}_${outputIndex}`;

/** Shown in a refusal part when the vendor refused without an explanation. */
export const REFUSAL_FALLBACK = "The model declined to answer this request.";

/** The names of the request's free-text (custom) tools, whose calls become custom_tool_call items. */
export function customToolNames(tools: readonly IrTool[] | undefined): ReadonlySet<string> {
  return new Set((tools ?? []).filter((t) => t.custom !== undefined).map((t) => t.name));
}

/**
 * The free text of a custom tool call from its JSON input `{input: "<text>"}` (the wrapper the
 * vendor was given, see IrTool.custom). A model that ignored the wrapper gets its JSON passed on.
 */
export function customToolInput(input: Record<string, unknown>): string {
  if (typeof input.input === "string") return input.input;
  return Object.keys(input).length === 0 ? "" : JSON.stringify(input);
}

/** {@link customToolInput} of streamed JSON text; text that is not a JSON object passes as is. */
export function customToolInputFromJson(json: string): string {
  try {
    const input: unknown = JSON.parse(json);
    if (typeof input === "object" && input !== null && !Array.isArray(input)) {
      return customToolInput(input as Record<string, unknown>);
    }
  } catch {}
  return json;
}

export const outputText = (text: string): ResponsesOutputText => ({
  type: "output_text",
  text,
  annotations: [],
  logprobs: [],
});

export const refusalPart = (refusal: string): ResponsesRefusal => ({ type: "refusal", refusal });

export const messageItem = (
  id: string,
  content: ResponsesMessageItem["content"],
  status: ResponsesMessageItem["status"],
): ResponsesMessageItem => ({ type: "message", id, role: "assistant", status, content });

/**
 * A reasoning item for Claude's thinking: the text as its summary (none when the thinking was
 * omitted), and the block itself, signature included, in `encrypted_content`, so that the client
 * sends it back and Claude gets its block unmodified on the next turn.
 */
export function reasoningItem(id: string, part: ThinkingPart | RedactedThinkingPart): ResponsesReasoningItem {
  const token =
    part.type === "thinking"
      ? encodeReasoningToken({ v: 1, thinking: part.text, signature: part.signature })
      : encodeReasoningToken({ v: 1, redacted: part.data });
  const summary =
    part.type === "thinking" && part.text !== "" ? [{ type: "summary_text" as const, text: part.text }] : [];
  return { type: "reasoning", id, summary, encrypted_content: token };
}

export const functionCallItem = (
  id: string,
  callId: string,
  name: string,
  args: string,
  status: ResponsesFunctionCallItem["status"],
): ResponsesFunctionCallItem => ({
  type: "function_call",
  id,
  call_id: callId,
  name,
  arguments: args,
  status,
});

export const customToolCallItem = (
  id: string,
  callId: string,
  name: string,
  input: string,
): ResponsesCustomToolCallItem => ({ type: "custom_tool_call", id, call_id: callId, name, input });
