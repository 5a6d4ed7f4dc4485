import { hash64 } from "../../anthropic/hash.ts";
import type { Answer } from "../answer.ts";

export interface OutputText {
  type: "output_text";
  annotations: never[];
  logprobs: never[];
  text: string;
}
export interface ReasoningItem {
  id: string;
  type: "reasoning";
  summary: { type: "summary_text"; text: string }[];
  encrypted_content?: string;
}
export interface MessageItem {
  id: string;
  type: "message";
  status: "completed" | "incomplete";
  content: OutputText[];
  role: "assistant";
}
export interface FunctionCallItem {
  id: string;
  type: "function_call";
  status: "completed";
  arguments: string;
  call_id: string;
  name: string;
}
export interface CustomToolCallItem {
  id: string;
  type: "custom_tool_call";
  status: "completed";
  call_id: string;
  input: string;
  name: string;
}
export type OutputItem = ReasoningItem | MessageItem | FunctionCallItem | CustomToolCallItem;

export const outputText = (text: string): OutputText => ({
  type: "output_text",
  annotations: [],
  logprobs: [],
  text,
});

/** Opaque-looking, Fernet-like, but reproducible from the reasoning text. */
export function encryptedContentFor(reasoning: string): string {
  return `gAAAAA${btoa(`mock-reasoning:${hash64(reasoning)}:${hash64(reasoning, 1)}`)}`;
}

/**
 * The output items, in order: reasoning (its summary = the reasoning text; encrypted_content
 * when `include` asks for it), the message (when there is text), then one function_call or
 * custom_tool_call per tool call. Ids: rs_/msg_/fc_/ctc_mock_<request>_<output_index>.
 */
export function outputItems(a: Answer, requestNumber: number, includeEncrypted: boolean): OutputItem[] {
  const items: OutputItem[] = [];
  const id = (prefix: string) => `${prefix}_mock_${requestNumber}_${items.length}`;
  if (a.reasoning !== null) {
    const item: ReasoningItem = {
      id: id("rs"),
      type: "reasoning",
      summary: a.reasoning === "" ? [] : [{ type: "summary_text", text: a.reasoning }],
    };
    if (includeEncrypted) item.encrypted_content = encryptedContentFor(a.reasoning);
    items.push(item);
  }
  if (a.text !== null && a.text !== "") {
    items.push({
      id: id("msg"),
      type: "message",
      status: a.truncated ? "incomplete" : "completed",
      content: [outputText(a.text)],
      role: "assistant",
    });
  }
  for (const call of a.toolCalls) {
    items.push(
      call.kind === "function"
        ? {
            id: id("fc"),
            type: "function_call",
            status: "completed",
            arguments: call.arguments,
            call_id: call.callId,
            name: call.name,
          }
        : {
            id: id("ctc"),
            type: "custom_tool_call",
            status: "completed",
            call_id: call.callId,
            input: call.input,
            name: call.name,
          },
    );
  }
  return items;
}
