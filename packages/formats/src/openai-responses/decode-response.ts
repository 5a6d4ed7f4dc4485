/**
 * OpenAI Responses `Response` object → IR response
 * (https://platform.openai.com/docs/api-reference/responses/object): the answer of a GPT
 * upstream read into IR, for a client of another format (Claude Code on GPT).
 */
import { GatewayError } from "../errors.ts";
import type { OutputPart } from "../ir/content.ts";
import type { IrResponse } from "../ir/response.ts";
import { upstreamErrorFromOpenAi } from "./errors.ts";
import { encodeReasoningToken } from "./reasoning-token.ts";
import { type ResponsesOutputItemRead, ResponsesResponseSchema } from "./schema.ts";
import { responsesStopReason } from "./stop-reasons.ts";
import { openAiResponsesBodyUsage, openAiResponsesUsageToRecord } from "./usage.ts";

const unreadable = (cause: unknown) =>
  new GatewayError("upstream", "The upstream response could not be read.", { cause });

/** A function call's arguments as the IR's JSON object; "" (no arguments) is `{}`. */
function argumentsObject(args: string | null | undefined): Record<string, unknown> {
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
