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
/** A hosted tool's call (the `extras` scenario): web search, file search, code interpreter. */
export interface HostedCallItem {
  id: string;
  type: "web_search_call" | "file_search_call" | "code_interpreter_call";
  status: "completed";
}
export type OutputItem = ReasoningItem | MessageItem | FunctionCallItem | CustomToolCallItem | HostedCallItem;

/** The hosted tools the `extras` scenario can run, and their item types. */
export const HOSTED_TOOLS = {
  web_search: "web_search_call",
  file_search: "file_search_call",
  code_interpreter: "code_interpreter_call",
} as const;

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
 * The output items, in order: hosted tool calls (`extras`), reasoning (its summary = the reasoning text; encrypted_content
 * when `include` asks for it), the message (when there is text), then one function_call or
 * custom_tool_call per tool call. Ids: rs_/msg_/fc_/ctc_mock_<request>_<output_index>.
 */
export function outputItems(
  a: Answer,
  requestNumber: number,
  includeEncrypted: boolean,
  hosted: Readonly<Record<string, number>> = {},
): OutputItem[] {
  const items: OutputItem[] = [];
  const id = (prefix: string) => `${prefix}_mock_${requestNumber}_${items.length}`;
  for (const [tool, n] of Object.entries(hosted)) {
    const type = HOSTED_TOOLS[tool as keyof typeof HOSTED_TOOLS];
    for (let i = 0; i < n; i++) items.push({ id: id("ht"), type, status: "completed" });
  }
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
