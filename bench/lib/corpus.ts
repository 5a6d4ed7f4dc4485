/**
 * Inputs of the micro-benchmarks, built deterministically from a recorded stream so that the
 * bench files and the report agree on their sizes (the report turns vitest's hz into MB/s).
 *
 * The Anthropic stream: /fixtures/recorded/a-thinking-summarized.sse (a real recording: a
 * signed thinking block, then a text block with multi-byte characters and padded JSON), with
 * each run of thinking/text deltas repeated until the stream is about 1 MiB. Its events and
 * framing are the recording's; only the number of deltas grows.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SOURCE_FIXTURE = "fixtures/recorded/a-thinking-summarized.sse";
export const TARGET_BYTES = 1 << 20;
/** Chunk size of the "coalesced" framing: what a busy TCP connection delivers at once. */
export const COALESCED_CHUNK = 16 * 1024;

const isRepeatableDelta = (event: string) => /"type":"(text_delta|thinking_delta)"/.test(event);

/** The recorded stream grown to about `target` bytes, as its text. */
export function anthropicStreamText(target = TARGET_BYTES): string {
  const raw = readFileSync(path.join(root, SOURCE_FIXTURE), "utf8");
  const events = raw
    .split("\n\n")
    .filter((e) => e.trim() !== "")
    .map((e) => `${e}\n\n`);
  // Split into structural events and runs of consecutive text/thinking deltas.
  const parts: { run: boolean; events: string[] }[] = [];
  for (const e of events) {
    const run = isRepeatableDelta(e);
    const last = parts[parts.length - 1];
    if (last && last.run === run) last.events.push(e);
    else parts.push({ run, events: [e] });
  }
  const bytes = (list: string[]) => Buffer.byteLength(list.join(""));
  const fixed = parts.filter((p) => !p.run).reduce((n, p) => n + bytes(p.events), 0);
  const repeatable = parts.filter((p) => p.run).reduce((n, p) => n + bytes(p.events), 0);
  const times = Math.max(1, Math.ceil((target - fixed) / repeatable));
  return parts.map((p) => (p.run ? p.events.join("").repeat(times) : p.events.join(""))).join("");
}

/** The stream as the network would hand it over: one chunk per event, or fixed-size chunks. */
export function chunked(text: string, framing: "event" | "coalesced"): Uint8Array[] {
  const utf8 = new TextEncoder();
  if (framing === "event") {
    return text
      .split("\n\n")
      .filter((e) => e !== "")
      .map((e) => utf8.encode(`${e}\n\n`));
  }
  const all = utf8.encode(text);
  const out: Uint8Array[] = [];
  // Fixed-size slices cut events, lines and UTF-8 sequences anywhere, as TCP does.
  for (let i = 0; i < all.length; i += COALESCED_CHUNK) out.push(all.subarray(i, i + COALESCED_CHUNK));
  return out;
}

export const byteLength = (chunks: Uint8Array[]): number => chunks.reduce((n, c) => n + c.byteLength, 0);

/** How many SSE events the stream holds. */
export const eventCount = (text: string): number => text.split("\n\n").filter((e) => e !== "").length;

/**
 * What each micro-benchmark consumes per iteration, by its name in the bench files, so that
 * the report can convert hz into MB/s (input bytes) or events/s. Names must match.
 */
export function microInputs(): Record<string, { bytes?: number; events?: number; calls?: number }> {
  const text = anthropicStreamText();
  const bytes = Buffer.byteLength(text);
  const events = eventCount(text);
  return {
    "SseDecoder, one chunk per event": { bytes, events },
    "SseDecoder, 16 KiB chunks": { bytes, events },
    "usage tap: SseDecoder + AnthropicStreamUsage, one chunk per event": { bytes, events },
    "AnthropicStreamUsage.onEvent over decoded events": { bytes, events },
    "Anthropic → OpenAI Chat stream translation, one chunk per event": { bytes, events },
    "Anthropic → OpenAI Chat stream translation, 16 KiB chunks": { bytes, events },
    "Anthropic → OpenAI Chat via translateSseStream (TransformStream)": { bytes, events },
    "Anthropic → OpenAI Responses stream translation, one chunk per event": { bytes, events },
    "cost() × 1000": { calls: 1000 },
    "costBreakdown() × 1000": { calls: 1000 },
  };
}
