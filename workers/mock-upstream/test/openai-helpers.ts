import { expect } from "vitest";
import { z } from "zod";
import { call, KEY } from "./helpers.ts";

export { KEY, nonce, tokens } from "./helpers.ts";

/** POST JSON to an OpenAI route with `Authorization: Bearer <key>` (override through `headers`). */
export function postOpenAi(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  const all = new Headers({ "content-type": "application/json", authorization: `Bearer ${KEY}` });
  for (const [name, value] of Object.entries(headers)) all.set(name, value);
  return call(path, {
    method: "POST",
    headers: all,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export const chat = (body: unknown, headers: Record<string, string> = {}) =>
  postOpenAi("/v1/chat/completions", body, headers);
export const responses = (body: unknown, headers: Record<string, string> = {}) =>
  postOpenAi("/v1/responses", body, headers);

export const chatRequest = (content: unknown, extra: Record<string, unknown> = {}) => ({
  model: "gpt-5.4",
  messages: [{ role: "user", content }],
  ...extra,
});
export const responsesRequest = (input: unknown, extra: Record<string, unknown> = {}) => ({
  model: "gpt-5.5",
  input,
  ...extra,
});

export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

// ---------- Chat Completions ----------

export interface ChatToolCall {
  index?: number;
  id?: string;
  type?: string;
  function: { name?: string; arguments: string };
}
export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; cache_write_tokens: number; audio_tokens: number };
  completion_tokens_details: { reasoning_tokens: number };
}
export interface ChatCompletion {
  id: string;
  object: string;
  created: number;
  model: string;
  choices: {
    index: number;
    message: { role: string; content: string | null; refusal: null; tool_calls?: ChatToolCall[] };
    logprobs: null;
    finish_reason: string;
  }[];
  usage: ChatUsage;
}
export interface ChatChunk {
  id: string;
  object: string;
  created: number;
  model: string;
  choices: {
    index: number;
    delta: { role?: string; content?: string | null; tool_calls?: ChatToolCall[] };
    finish_reason: string | null;
  }[];
  usage?: ChatUsage | null;
  error?: OpenAiErrorBody["error"];
}

/** Data-only frames: `data: {…}\n\n`…, the `[DONE]` marker kept as the string "[DONE]". */
export function parseDataSse(text: string): (ChatChunk | "[DONE]")[] {
  expect(text.endsWith("\n\n")).toBe(true);
  return text
    .slice(0, -2)
    .split("\n\n")
    .map((raw) => {
      const m = /^data: ([^\n]+)$/.exec(raw);
      if (!m) throw new Error(`malformed SSE frame: ${JSON.stringify(raw)}`);
      return m[1] === "[DONE]" ? "[DONE]" : (JSON.parse(m[1] ?? "") as ChatChunk);
    });
}

/** What a client accumulates from a chat stream, in the shape of a non-streamed completion. */
export function foldChat(frames: (ChatChunk | "[DONE]")[]) {
  const chunks = frames.filter((f): f is ChatChunk => f !== "[DONE]");
  let content: string | null = null;
  let role = "";
  let finish: string | null = null;
  let usage: ChatUsage | null = null;
  const calls: ChatToolCall[] = [];
  for (const c of chunks) {
    if (c.usage) usage = c.usage;
    for (const choice of c.choices) {
      const d = choice.delta;
      if (d.role) role = d.role;
      if (typeof d.content === "string") content = `${content ?? ""}${d.content}`;
      for (const t of d.tool_calls ?? []) {
        const i = t.index ?? 0;
        const call = calls[i];
        if (call === undefined) {
          calls[i] = {
            id: t.id,
            type: t.type,
            function: { name: t.function.name, arguments: t.function.arguments },
          };
        } else {
          call.function.arguments += t.function.arguments;
        }
      }
      if (choice.finish_reason) finish = choice.finish_reason;
    }
  }
  return { role, content, tool_calls: calls, finish_reason: finish, usage };
}

// ---------- Responses ----------

export interface ResponsesUsage {
  input_tokens: number;
  input_tokens_details: { cache_write_tokens: number; cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}
export interface OutputItem {
  id: string;
  type: string;
  status?: string;
  role?: string;
  content?: { type: string; text: string; annotations: unknown[] }[];
  summary?: { type: string; text: string }[];
  encrypted_content?: string;
  call_id?: string;
  name?: string;
  arguments?: string;
  input?: string;
}
export interface ResponseBody {
  id: string;
  object: string;
  created_at: number;
  status: string;
  error: { code: string; message: string } | null;
  incomplete_details: { reason: string } | null;
  model: string;
  output: OutputItem[];
  usage: ResponsesUsage | null;
  [key: string]: unknown;
}
export interface ResponsesEvent {
  type: string;
  sequence_number: number;
  response?: ResponseBody;
  item?: OutputItem;
  output_index?: number;
  item_id?: string;
  content_index?: number;
  summary_index?: number;
  delta?: string;
  text?: string;
  arguments?: string;
  input?: string;
  name?: string;
  part?: { type: string; text: string };
}

/** `event: X\ndata: {…}\n\n` frames; every event name must equal its JSON type. */
export function parseEventSse(text: string): ResponsesEvent[] {
  expect(text.endsWith("\n\n")).toBe(true);
  return text
    .slice(0, -2)
    .split("\n\n")
    .map((raw) => {
      const m = /^event: ([^\n]+)\ndata: ([^\n]+)$/.exec(raw);
      if (!m) throw new Error(`malformed SSE frame: ${JSON.stringify(raw)}`);
      const data = JSON.parse(m[2] ?? "") as ResponsesEvent;
      expect(m[1]).toBe(data.type);
      return data;
    });
}

/** Sequence numbers 0..n−1, contiguous. */
export function expectSequence(events: ResponsesEvent[]): void {
  expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
}

/**
 * Rebuilds the output items from the deltas alone (added → deltas → done), checking on the way
 * that every `done` repeats what the deltas built; returns the items a client would hold.
 */
export function foldResponses(events: ResponsesEvent[]): OutputItem[] {
  const items: OutputItem[] = [];
  const text = new Map<string, string>();
  const key = (e: ResponsesEvent) => `${e.output_index}:${e.content_index ?? e.summary_index ?? 0}`;
  for (const e of events) {
    const at = e.output_index ?? -1;
    switch (e.type) {
      case "response.output_item.added":
        items[at] = structuredClone(e.item!);
        break;
      case "response.output_text.delta":
      case "response.reasoning_summary_text.delta":
      case "response.function_call_arguments.delta":
      case "response.custom_tool_call_input.delta":
        text.set(key(e), `${text.get(key(e)) ?? ""}${e.delta}`);
        break;
      case "response.output_text.done":
      case "response.reasoning_summary_text.done":
        expect(e.text).toBe(text.get(key(e)) ?? "");
        break;
      case "response.content_part.done": {
        const item = items[at]!;
        item.content = [
          ...(item.content ?? []),
          { ...(e.part as { type: string; text: string }), annotations: [] },
        ];
        expect(e.part?.text).toBe(text.get(key(e)) ?? "");
        break;
      }
      case "response.reasoning_summary_part.done":
        items[at]!.summary = [...(items[at]!.summary ?? []), e.part!];
        break;
      case "response.function_call_arguments.done":
        expect(e.arguments).toBe(text.get(key(e)));
        items[at]!.arguments = e.arguments;
        break;
      case "response.custom_tool_call_input.done":
        expect(e.input).toBe(text.get(key(e)));
        items[at]!.input = e.input;
        break;
      case "response.output_item.done":
        expect(e.item?.id).toBe(items[at]?.id);
        items[at] = {
          ...items[at]!,
          status: e.item?.status,
          ...(e.item?.encrypted_content ? { encrypted_content: e.item.encrypted_content } : {}),
        };
        break;
    }
  }
  return items;
}

/** Ids and timestamps differ between two requests; the rest must not. */
export function withoutIds(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value)
      .replace(/(resp|msg|rs|fc|ctc|call)_mock_\d+/g, "$1_mock_N")
      .replace(/chatcmpl-mock-\d+/g, "chatcmpl-mock-N")
      .replace(/"(created_at|completed_at|created)":\d+/g, '"$1":0'),
  );
}

/** Whether `value` validates against the JSON schema (zod's converter; test-only). */
export function validAgainst(schema: unknown, value: unknown): boolean {
  return z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]).safeParse(value).success;
}
