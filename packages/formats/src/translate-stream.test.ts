// The byte pipe: Anthropic SSE bytes in, OpenAI Chat SSE bytes out, however the bytes are split.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HAND_MADE, RECORDED, sseEvents, translate } from "../test-fixtures/replay.ts";
import { renderAnthropicStreamError } from "./anthropic-messages/errors.ts";
import { AnthropicStreamDecoder } from "./anthropic-messages/stream-decoder.ts";
import { GatewayError } from "./errors.ts";
import { chatStreamFrame, OpenAiChatStreamEncoder } from "./openai-chat/stream-encoder.ts";
import { translateSseStream } from "./translate-stream.ts";

const HAND = new URL("../test-fixtures/", import.meta.url);
const REC = new URL("../../../fixtures/recorded/", import.meta.url);
const fixture = (file: string) =>
  new Uint8Array(readFileSync(new URL(file, HAND_MADE.includes(file) ? HAND : REC)));

// mulberry32: seeded, so the random splits are the same on every run.
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function split(bytes: Uint8Array, seed: number): Uint8Array[] {
  const rand = prng(seed);
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; ) {
    const n = 1 + Math.floor(rand() * 40);
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}

async function pipe(chunks: Uint8Array[], includeUsage: boolean) {
  const decoder = new AnthropicStreamDecoder();
  const encoder = new OpenAiChatStreamEncoder({ includeUsage, created: 1_760_000_000 });
  const input = new ReadableStream<Uint8Array>({
    start(c) {
      for (const chunk of chunks) c.enqueue(chunk);
      c.close();
    },
  });
  const text = await new Response(input.pipeThrough(translateSseStream(decoder, encoder))).text();
  return { text, decoder };
}

describe("translateSseStream", () => {
  for (const file of [...RECORDED, ...HAND_MADE]) {
    it(`${file}: the same bytes out whether the input comes whole or in random pieces`, async () => {
      const bytes = fixture(file);
      const expected = translate(sseEvents(bytes), true).map(chatStreamFrame).join("");
      expect((await pipe([bytes], true)).text).toBe(expected);
      for (const seed of [1, 2, 3]) expect((await pipe(split(bytes, seed), true)).text).toBe(expected);
    });
  }

  it("leaves usage and outcome on the decoder for settlement", async () => {
    const { text, decoder } = await pipe([fixture("a-multi-tool.sse")], false);
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
    expect(decoder.outcome).toBe("finished");
    expect(decoder.usage()).toEqual({
      input: 40,
      cacheWrite5m: 200,
      cacheWrite1h: 0,
      cacheRead: 1000,
      output: 85,
      thinking: 0,
    });
  });

  it("ends a stream cut mid-event with an error frame and an estimated usage", async () => {
    const bytes = fixture("a-text.sse");
    const cut = bytes.subarray(0, new TextDecoder().decode(bytes).indexOf("doing well") + 3);
    const { text, decoder } = await pipe([cut], true);
    expect(text).not.toContain("[DONE]");
    expect(text.endsWith('"type":"api_error","param":null,"code":"upstream_error"}}\n\n')).toBe(true);
    expect(decoder.outcome).toBe("errored");
    // Text seen: "Hello! I" → 8 bytes → 2 tokens.
    expect(decoder.usage()).toMatchObject({ input: 12, output: 2 });
  });

  it("turns an Anthropic error frame written after an upstream failure into the client's error frame", async () => {
    const bytes = fixture("a-text.sse");
    const upTo = new TextDecoder().decode(bytes).indexOf("event: content_block_stop");
    const failure = new TextEncoder().encode(
      renderAnthropicStreamError(new GatewayError("upstream", "Upstream connection lost.")),
    );
    const { text, decoder } = await pipe([bytes.subarray(0, upTo), failure], false);
    expect(
      text.endsWith(
        'data: {"error":{"message":"Upstream connection lost.","type":"api_error","param":null,"code":"upstream_error"}}\n\n',
      ),
    ).toBe(true);
    expect(text.match(/"error"/g)).toHaveLength(1);
    expect(decoder.outcome).toBe("errored");
  });
});
