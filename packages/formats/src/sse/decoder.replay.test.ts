// Replays the recorded vendor streams through the decoder, chunked every way we can think of.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SseDecoder, type SseEvent, sseDecoderStream } from "./decoder.ts";

const FIXTURES = new URL("../../../../fixtures/recorded/", import.meta.url);
const fixtureNames = readdirSync(FIXTURES).filter((f) => f.endsWith(".sse"));
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(name, FIXTURES)));

const utf8 = new TextEncoder();
const bytes = (s: string) => utf8.encode(s);

function decodeChunks(chunks: Uint8Array[]): SseEvent[] {
  const d = new SseDecoder();
  const out = chunks.flatMap((c) => d.push(c));
  return out.concat(d.end());
}
const decode = (s: string | Uint8Array) => decodeChunks([typeof s === "string" ? bytes(s) : s]);

/** The fixture's events read off with plain string splitting: an oracle independent of the decoder. */
function expectedEvents(text: string): SseEvent[] {
  return text
    .split("\n\n")
    .filter((block) => block.length > 0)
    .map((block) => {
      const [eventLine = "", dataLine = ""] = block.split("\n");
      return { event: eventLine.slice("event: ".length), data: dataLine.slice("data: ".length) };
    });
}

// mulberry32: a tiny seeded PRNG so the random chunkings are the same on every run.
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomChunks(buf: Uint8Array, seed: number): Uint8Array[] {
  const rand = prng(seed);
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < buf.length; ) {
    const n = 1 + Math.floor(rand() * 7);
    chunks.push(buf.subarray(i, i + n));
    i += n;
  }
  return chunks;
}

function everySplit(buf: Uint8Array, expected: SseEvent[]): void {
  for (let i = 0; i <= buf.length; i++) {
    const got = decodeChunks([buf.subarray(0, i), buf.subarray(i)]);
    if (JSON.stringify(got) !== JSON.stringify(expected))
      expect({ split: i, got }).toEqual({ split: i, expected });
  }
}

async function collect<T>(stream: ReadableStream<T>): Promise<T[]> {
  const reader = stream.getReader();
  const out: T[] = [];
  for (let r = await reader.read(); !r.done; r = await reader.read()) out.push(r.value);
  return out;
}

describe("recorded fixtures", () => {
  it("finds the fixtures", () => {
    expect(fixtureNames.length).toBeGreaterThanOrEqual(5);
  });

  for (const name of fixtureNames) {
    describe(name, () => {
      const buf = fixture(name);
      const whole = decode(buf);

      it("parses whole into one event per block, event name = JSON type", () => {
        expect(whole).toEqual(expectedEvents(new TextDecoder().decode(buf)));
        for (const ev of whole) expect((JSON.parse(ev.data) as { type: string }).type).toBe(ev.event);
      });

      it("gives the same events when split into 2 chunks at every byte boundary", () => {
        everySplit(buf, whole);
      });

      it("gives the same events in random 1–7 byte chunks", () => {
        for (const seed of [1, 2, 3, 42, 2026]) expect(decodeChunks(randomChunks(buf, seed))).toEqual(whole);
      });

      it("gives the same events with CRLF and with CR line endings", () => {
        const text = new TextDecoder().decode(buf);
        const crlf = bytes(text.replaceAll("\n", "\r\n"));
        const cr = bytes(text.replaceAll("\n", "\r"));
        expect(decode(crlf)).toEqual(whole);
        expect(decode(cr)).toEqual(whole);
        // Covers a CR ending one chunk and its LF opening the next.
        everySplit(crlf, whole);
        expect(decodeChunks(randomChunks(cr, 7))).toEqual(whole);
      });
    });
  }
});

describe("sseDecoderStream", () => {
  it("turns a byte stream into events", async () => {
    const buf = fixture("a-tool-no-args.sse");
    const chunks = randomChunks(buf, 9);
    const source = new ReadableStream<Uint8Array>({
      start(c) {
        for (const chunk of chunks) c.enqueue(chunk);
        c.close();
      },
    });
    expect(await collect(source.pipeThrough(sseDecoderStream()))).toEqual(decode(buf));
  });
});
