/**
 * IR response → OpenAI Responses `Response` object
 * (https://platform.openai.com/docs/api-reference/responses/object): the answer a Responses
 * client (Codex) gets when Claude answered. The output items are built here for the streamed
 * answer too (stream-encoder.ts), so that both carry the same ids and fields.
 */
import type { RedactedThinkingPart, ThinkingPart } from "../ir/content.ts";
import type { IrTool } from "../ir/request.ts";
import type { IrResponse } from "../ir/response.ts";
import { encodeReasoningToken, thinkingDigest } from "./reasoning-token.ts";
import { responsesEnding } from "./stop-reasons.ts";
import type {
  ResponsesCustomToolCallItem,
  ResponsesFunctionCallItem,
  ResponsesMessageItem,
  ResponsesOutputItem,
  ResponsesOutputText,
  ResponsesReasoningItem,
  ResponsesRefusal,
  ResponsesResponse,
} from "./types.ts";
import { openAiResponsesUsage } from "./usage.ts";

/** Options of the Responses encoders. */
export interface ResponsesEncodeOptions {
  /** `created_at`, in Unix seconds; now when absent. */
  createdAt?: number;
  /** The model name to report (e.g. the client's alias); the vendor's model id when absent. */
  model?: string;
  /** The request's IR tools: calls of its custom (free-text) tools become custom_tool_call items. */
  tools?: readonly IrTool[];
}

/** Now, in the Unix seconds of `created_at`. */
export const unixSeconds = (): number => Math.floor(Date.now() / 1000);

/**
 * Encode an IR response as a Response object. Each part is one output item, in order, with the
 * ids the streamed answer uses: text → message, thinking → reasoning (the signed block in
 * `encrypted_content`), tool call → function_call or custom_tool_call. A refusal adds a message
 * with a refusal part; only truncation makes the status `incomplete`.
 */
export function encodeOpenAiResponsesResponse(
  res: IrResponse,
  options: ResponsesEncodeOptions = {},
): ResponsesResponse {
  const custom = customToolNames(options.tools);
  const output: ResponsesOutputItem[] = [];
  for (const p of res.content) {
    const i = output.length;
    if (p.type === "text")
      output.push(messageItem(itemId("msg", res.id, i), [outputText(p.text)], "completed"));
    else if (p.type === "tool_call") {
      output.push(
        custom.has(p.name)
          ? customToolCallItem(itemId("ctc", res.id, i), p.id, p.name, customToolInput(p.input))
          : functionCallItem(itemId("fc", res.id, i), p.id, p.name, JSON.stringify(p.input), "completed"),
      );
    } else output.push(reasoningItem(itemId("rs", res.id, i), p));
  }
  if (res.stopReason?.value === "content_filter") {
    const refusal = refusalPart(res.refusal ?? REFUSAL_FALLBACK);
    output.push(messageItem(itemId("msg", res.id, output.length), [refusal], "completed"));
  }
  const ending = responsesEnding(res.stopReason);
  return {
    id: responseId(res.id),
    object: "response",
    created_at: options.createdAt ?? unixSeconds(),
    status: ending.status,
    model: options.model ?? res.model,
    output,
    error: null,
    incomplete_details: ending.incompleteDetails,
    usage: openAiResponsesUsage(res.usage),
  };
}

// ── output items ─────────────────────────────────────────────────────────────────────────

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
 * omitted), and the signature with the text's digest in `encrypted_content`, so that the client
 * sends both back and Claude gets its block unmodified on the next turn. The text is not repeated
 * in the token: it would double the item, which the stream sends twice (output_item.done and
 * response.completed).
 */
export function reasoningItem(id: string, part: ThinkingPart | RedactedThinkingPart): ResponsesReasoningItem {
  const token =
    part.type === "thinking"
      ? encodeReasoningToken({ v: 2, signature: part.signature, digest: thinkingDigest(part.text) })
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
