/**
 * Helpers for the tests that replay Anthropic streams (recorded and hand-made). Pure: the tests
 * read the files with node:fs and hand the bytes over.
 */
import { AnthropicStreamDecoder } from "../src/anthropic-messages/stream-decoder.ts";
import { OpenAiChatStreamEncoder } from "../src/openai-chat/stream-encoder.ts";
import type { ChatCompletionChunk, ChatStreamData } from "../src/openai-chat/types.ts";
import { SseDecoder, type SseEvent } from "../src/sse/decoder.ts";

/** The `created` every replay uses, so expected chunks can be written down. */
export const CREATED = 1_760_000_000;

/** The recorded fixtures, and the hand-made ones beside this file. */
export const RECORDED = ["a-text.sse", "a-tool-no-args.sse", "a-thinking-summarized.sse", "a-refusal.sse"];
export const HAND_MADE = [
  "a-multi-tool.sse",
  "a-thinking-tool.sse",
  "a-max-tokens.sse",
  "a-error-midstream.sse",
  "a-apply-patch.sse",
];
/** Hand-made OpenAI Responses streams (the recorded one is `o-resp-text.sse`). */
export const HAND_MADE_RESPONSES = [
  "o-resp-reasoning-tool.sse",
  "o-resp-failed.sse",
  "o-resp-incomplete.sse",
];

/** The SSE events of a stream's bytes. */
export function sseEvents(bytes: Uint8Array): SseEvent[] {
  const d = new SseDecoder();
  return d.push(bytes).concat(d.end());
}

/** Translate a whole Anthropic stream into OpenAI Chat stream payloads, upstream end included. */
export function translate(events: SseEvent[], includeUsage: boolean): ChatStreamData[] {
  const decoder = new AnthropicStreamDecoder();
  const encoder = new OpenAiChatStreamEncoder({ includeUsage, created: CREATED });
  const ir = events.flatMap((ev) => decoder.decode(ev)).concat(decoder.end());
  return ir.flatMap((ev) => encoder.encode(ev));
}

/** The chunks among the payloads (no `[DONE]`, no error frame). */
export const chunksOf = (data: ChatStreamData[]): ChatCompletionChunk[] =>
  data.filter((d): d is ChatCompletionChunk => typeof d !== "string" && "choices" in d);

type Json = Record<string, unknown>;

/**
 * The Message a non-streamed request would have returned, accumulated from the raw events the
 * way Anthropic documents the stream (https://docs.anthropic.com/en/docs/build-with-claude/streaming): block texts and JSON deltas concatenated, the
 * message_delta's stop fields and non-null usage fields laid over message_start's. It reads the
 * JSON directly, independent of the decoder under test.
 */
export function anthropicMessageFromEvents(events: SseEvent[]): Json {
  let message: Json = {};
  const blocks: Json[] = [];
  const inputJson: string[] = [];
  for (const ev of events) {
    const e = JSON.parse(ev.data) as Json & { index: number; delta: Json };
    const block = blocks[e.index] ?? {};
    if (e.type === "message_start") message = { ...(e.message as Json) };
    else if (e.type === "content_block_start") {
      blocks[e.index] = structuredClone(e.content_block as Json);
      inputJson[e.index] = "";
    } else if (e.type === "content_block_delta") {
      const d = e.delta;
      if (d.type === "text_delta") block.text = String(block.text) + String(d.text);
      if (d.type === "thinking_delta") block.thinking = String(block.thinking) + String(d.thinking);
      if (d.type === "signature_delta") block.signature = String(d.signature);
      if (d.type === "input_json_delta") inputJson[e.index] += String(d.partial_json);
    } else if (e.type === "content_block_stop" && block.type === "tool_use") {
      const text = inputJson[e.index] ?? "";
      block.input = text === "" ? {} : JSON.parse(text);
    } else if (e.type === "message_delta") {
      Object.assign(message, e.delta);
      const usage = Object.entries((e.usage as Json | undefined) ?? {}).filter(([, v]) => v != null);
      message.usage = { ...(message.usage as Json), ...Object.fromEntries(usage) };
    }
  }
  return { ...message, content: blocks };
}
