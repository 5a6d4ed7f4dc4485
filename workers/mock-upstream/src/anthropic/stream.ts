import type { UsageRecord } from "@cc/formats";
import type { OutBlock } from "./generate.ts";
import { deltaUsage, type MessageJson, startUsage } from "./message.ts";

/** One SSE event; its `type` is also the SSE `event:` name. */
export interface SseEvent {
  type: string;
  [key: string]: unknown;
}

export function frame(event: SseEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** Splits text on word boundaries into 3–6 pieces (fewer if there are fewer words). */
export function splitWords(text: string): string[] {
  const words = text.split(/(?<=\s)/).filter((w) => w !== "");
  const n = Math.min(words.length, Math.max(3, Math.min(6, Math.ceil(words.length / 3))));
  const pieces: string[] = [];
  for (let i = 0; i < n; i++) {
    pieces.push(
      words.slice(Math.floor((i * words.length) / n), Math.floor(((i + 1) * words.length) / n)).join(""),
    );
  }
  return pieces;
}

/** Tool input JSON as input_json_delta pieces: "" first (as the API often does), then ≤ 3 slices. */
export function splitJson(json: string): string[] {
  const size = Math.max(1, Math.ceil(json.length / 3));
  const pieces = [""];
  for (let i = 0; i < json.length; i += size) pieces.push(json.slice(i, i + size));
  return pieces;
}

function blockEvents(block: OutBlock, index: number): SseEvent[] {
  const delta = (d: Record<string, unknown>): SseEvent => ({ type: "content_block_delta", index, delta: d });
  switch (block.type) {
    case "thinking":
      return [
        {
          type: "content_block_start",
          index,
          content_block: { type: "thinking", thinking: "", signature: "" },
        },
        ...splitWords(block.thinking).map((thinking) => delta({ type: "thinking_delta", thinking })),
        delta({ type: "signature_delta", signature: block.signature }),
      ];
    case "text":
      return [
        { type: "content_block_start", index, content_block: { type: "text", text: "" } },
        ...splitWords(block.text).map((text) => delta({ type: "text_delta", text })),
      ];
    case "tool_use":
    case "server_tool_use":
      return [
        {
          type: "content_block_start",
          index,
          content_block: { type: block.type, id: block.id, name: block.name, input: {} },
        },
        ...splitJson(JSON.stringify(block.input)).map((partial_json) =>
          delta({ type: "input_json_delta", partial_json }),
        ),
      ];
    default:
      // A server tool's result arrives whole in its content_block_start.
      return [{ type: "content_block_start", index, content_block: block }];
  }
}

/**
 * The full event sequence of https://docs.anthropic.com/en/docs/build-with-claude/streaming: message_start, then per block start/deltas/stop
 * (a ping right after the first content_block_start, or after message_start when there is no
 * block), message_delta with stop_reason and cumulative usage, message_stop.
 */
export function messageEvents(msg: MessageJson, usage: UsageRecord): SseEvent[] {
  const { content, stop_reason, usage: _usage, container, ...head } = msg;
  const events: SseEvent[] = [
    {
      type: "message_start",
      message: {
        ...head,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        container: null,
        usage: startUsage(usage),
      },
    },
  ];
  if (content.length === 0) events.push({ type: "ping" });
  content.forEach((block, index) => {
    const [start, ...deltas] = blockEvents(block, index);
    if (start) events.push(start);
    if (index === 0) events.push({ type: "ping" });
    events.push(...deltas, { type: "content_block_stop", index });
  });
  events.push(
    {
      type: "message_delta",
      // The container a code-execution run used arrives with the stop reason.
      delta: { stop_reason, stop_sequence: null, stop_details: null, ...(container ? { container } : {}) },
      usage: deltaUsage(usage),
    },
    { type: "message_stop" },
  );
  return events;
}

/**
 * Where `cut` and `stream-error` break off: after the second content_block_delta (or the last
 * delta before the first content_block_stop, or right after message_start + ping if no block).
 */
export function breakOffPoint(events: SseEvent[]): number {
  let deltas = 0;
  for (let i = 0; i < events.length; i++) {
    const type = events[i]?.type;
    if (type === "content_block_delta" && ++deltas === 2) return i + 1;
    if (type === "content_block_stop" || type === "message_delta") return i;
  }
  return events.length;
}

export const OVERLOADED_EVENT: SseEvent = {
  type: "error",
  error: { type: "overloaded_error", message: "Overloaded" },
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A real stream: each chunk is its own enqueue, with `delayMs` between chunks. */
export function chunkStream(chunks: string[], delayMs = 0): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let i = 0;
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (delayMs > 0 && i > 0) await sleep(delayMs);
        const chunk = chunks[i];
        if (cancelled) return; // the client hung up while we slept
        if (chunk === undefined) return controller.close();
        i += 1;
        controller.enqueue(encoder.encode(chunk));
        if (i >= chunks.length) controller.close();
      },
      cancel() {
        cancelled = true;
      },
    },
    // No read-ahead: a chunk is produced only when the reader asks, so chunks are not coalesced.
    { highWaterMark: 0 },
  );
}

export function sseResponse(chunks: string[], delayMs = 0): Response {
  return new Response(chunkStream(chunks, delayMs), {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" },
  });
}
