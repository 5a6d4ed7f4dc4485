/**
 * IR response ↔ OpenAI Responses `Response` object (wire-formats.md §3.2): the answer a
 * Responses client gets (Claude behind Codex), and the answer of a GPT upstream read into IR.
 */
import { GatewayError } from "../errors.ts";
import type { OutputPart } from "../ir/content.ts";
import type { IrTool } from "../ir/request.ts";
import type { IrResponse } from "../ir/response.ts";
import { upstreamErrorFromOpenAi } from "./error-renderer.ts";
import {
  customToolCallItem,
  customToolInput,
  customToolNames,
  functionCallItem,
  itemId,
  messageItem,
  outputText,
  REFUSAL_FALLBACK,
  reasoningItem,
  refusalPart,
  responseId,
} from "./output-items.ts";
import { encodeReasoningToken } from "./reasoning-token.ts";
import { type ResponsesOutputItemRead, ResponsesResponseSchema } from "./response-schema.ts";
import { responsesEnding, responsesStopReason } from "./stop-reasons.ts";
import type { ResponsesOutputItem, ResponsesResponse } from "./types.ts";
import { openAiResponsesBodyUsage, openAiResponsesUsage, openAiResponsesUsageToRecord } from "./usage.ts";

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

const unreadable = (cause: unknown) =>
  new GatewayError("upstream", "The upstream response could not be read.", { cause });

/** A function call's arguments as the IR's JSON object; "" (no arguments) is `{}`. */
export function argumentsObject(args: string | null | undefined): Record<string, unknown> {
  if (args == null || args.trim() === "") return {};
  let input: unknown;
  try {
    input = JSON.parse(args);
  } catch (e) {
    throw unreadable(e);
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw unreadable(args);
  return input as Record<string, unknown>;
}

/**
 * A GPT reasoning item as a thinking part: the summary as its text, and the item's id and
 * encrypted content as its signature, to be restored when an Anthropic client sends it back.
 */
export function thinkingFromReasoning(
  id: string,
  text: string,
  encrypted: string | null | undefined,
): OutputPart {
  const openai = encrypted == null ? { id } : { id, encrypted_content: encrypted };
  return { type: "thinking", text, signature: encodeReasoningToken({ v: 1, openai }) };
}

function readItem(item: ResponsesOutputItemRead, content: OutputPart[]): string {
  let refusal = "";
  if (item.type === "message") {
    for (const part of item.content) {
      if (part.type === "output_text" && part.text) content.push({ type: "text", text: part.text });
      if (part.type === "refusal" && part.refusal) refusal += part.refusal;
    }
  } else if (item.type === "reasoning") {
    const text = (item.summary ?? []).map((s) => s.text).join("\n\n");
    content.push(thinkingFromReasoning(item.id, text, item.encrypted_content));
  } else if (item.type === "function_call") {
    content.push({
      type: "tool_call",
      id: item.call_id,
      name: item.name,
      input: argumentsObject(item.arguments),
    });
  } else if (item.type === "custom_tool_call") {
    content.push({
      type: "tool_call",
      id: item.call_id,
      name: item.name,
      input: { input: item.input ?? "" },
    });
  }
  return refusal;
}

/**
 * Decode a `POST /v1/responses` answer of a GPT upstream. Throws a GatewayError: `upstream`
 * (502) when the body is not a Response, the upstream's own error when it is a failed one.
 * Hosted-tool items (web search…) are dropped: no client format we serve can show them.
 */
export function decodeOpenAiResponsesResponse(json: unknown): IrResponse {
  const parsed = ResponsesResponseSchema.safeParse(json);
  if (!parsed.success) throw unreadable(parsed.error);
  const r = parsed.data;
  if (r.status === "failed") {
    const { kind, message } = upstreamErrorFromOpenAi(r.error?.code, r.error?.message);
    throw new GatewayError(kind, message);
  }
  const content: OutputPart[] = [];
  let refusal = "";
  for (const item of r.output ?? []) refusal += readItem(item, content);
  const hasCalls = content.some((p) => p.type === "tool_call");
  let stopReason = responsesStopReason(r.status ?? undefined, r.incomplete_details?.reason, hasCalls);
  if (refusal !== "" && stopReason.value === "stop") stopReason = { value: "content_filter", raw: "refusal" };
  const res: IrResponse = {
    id: r.id,
    model: r.model ?? "",
    content,
    stopReason,
    usage: openAiResponsesBodyUsage(r) ?? openAiResponsesUsageToRecord(r.usage),
    rawUsage: r.usage,
  };
  if (refusal !== "") res.refusal = refusal;
  return res;
}
