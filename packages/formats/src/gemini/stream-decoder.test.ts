// Gemini streams (hand-made in Google's shape, test-fixtures/g-*.sse) through the decoder, into
// an Anthropic and an OpenAI Chat client: the folded stream equals the non-streamed translation
// of the same answer (folded from the raw chunks by an independent helper).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { foldChatChunks } from "../../test-fixtures/fold-chat.ts";
import { foldGeminiChunks, geminiChunks } from "../../test-fixtures/fold-gemini.ts";
import { anthropicMessageFromEvents, CREATED, chunksOf, sseEvents } from "../../test-fixtures/replay.ts";
import { encodeAnthropicResponse } from "../anthropic-messages/encode-response.ts";
import { AnthropicStreamEncoder } from "../anthropic-messages/stream-encoder.ts";
import { encodeOpenAiChatResponse } from "../openai-chat/encode-response.ts";
import { OpenAiChatStreamEncoder } from "../openai-chat/stream-encoder.ts";
import { translateSseStream } from "../translate-stream.ts";
import { decodeGeminiResponse } from "./decode-response.ts";
import { GeminiStreamDecoder } from "./stream-decoder.ts";
import { GeminiStreamUsage } from "./stream-usage.ts";

const FIXTURES = ["g-thoughts-text.sse", "g-parallel-calls.sse", "g-max-tokens.sse", "g-blocked.sse"];
const bytes = (file: string) =>
  new Uint8Array(readFileSync(new URL(`../../test-fixtures/${file}`, import.meta.url)));
const text = (file: string) => new TextDecoder().decode(bytes(file));

/** The client's SSE text for a whole upstream stream, split at every byte boundary the test picks. */
async function translate(file: string, encoder: AnthropicStreamEncoder | OpenAiChatStreamEncoder) {
  const decoder = new GeminiStreamDecoder();
  const out = new Response(
    new Blob([bytes(file)]).stream().pipeThrough(translateSseStream(decoder, encoder)),
  );
  return { text: await out.text(), decoder };
}

describe("folded stream = non-streamed translation", () => {
  it.each(FIXTURES)("%s to an Anthropic client", async (file) => {
    const direct = encodeAnthropicResponse(decodeGeminiResponse(foldGeminiChunks(geminiChunks(text(file)))));
    const { text: sse, decoder } = await translate(file, new AnthropicStreamEncoder());
    expect(anthropicMessageFromEvents(sseEvents(new TextEncoder().encode(sse)))).toEqual(direct);
    expect(decoder.outcome).toBe("finished");
  });

  it.each(FIXTURES)("%s to an OpenAI Chat client", async (file) => {
    const direct = encodeOpenAiChatResponse(
      decodeGeminiResponse(foldGeminiChunks(geminiChunks(text(file)))),
      {
        created: CREATED,
      },
    );
    const { text: sse } = await translate(
      file,
      new OpenAiChatStreamEncoder({ includeUsage: true, created: CREATED }),
    );
    const data = sseEvents(new TextEncoder().encode(sse)).map((e) =>
      e.data === "[DONE]" ? e.data : JSON.parse(e.data),
    );
    expect(foldChatChunks(chunksOf(data))).toEqual(direct);
  });
});

describe("what the decoder makes of Gemini's parts", () => {
  it("a signed function call: its signature rides on a thinking block before it, for the way back", () => {
    const message = decodeGeminiResponse(foldGeminiChunks(geminiChunks(text("g-parallel-calls.sse"))));
    expect(message.content.map((p) => p.type)).toEqual(["text", "thinking", "tool_call", "tool_call"]);
    expect(message.content[2]).toEqual({
      type: "tool_call",
      id: "call_pc2-handmade-2_0",
      name: "get_weather",
      input: { city: "Oslo" },
    });
    expect(message.stopReason).toEqual({ value: "tool_calls", raw: "STOP" });
    // 311 prompt; 40 candidates + 61 thoughts = 101 output, thinking billed as output.
    expect(message.usage).toMatchObject({ input: 311, cacheRead: 0, output: 101, thinking: 61 });
  });

  it("thoughts are thinking; a signature on text is not carried; cached tokens are cache reads", () => {
    const message = decodeGeminiResponse(foldGeminiChunks(geminiChunks(text("g-thoughts-text.sse"))));
    expect(message.content).toEqual([
      { type: "thinking", text: "The user asks about Oslo; a short answer will do.", signature: "" },
      { type: "text", text: "Oslo is cold and bright — 5 °C." },
    ]);
    expect(message.usage).toMatchObject({ input: 1080, cacheRead: 1024, output: 28, thinking: 19 });
  });

  it("a blocked prompt is a refusal that names Google's reason", () => {
    const message = decodeGeminiResponse(foldGeminiChunks(geminiChunks(text("g-blocked.sse"))));
    expect(message).toMatchObject({ content: [], stopReason: { value: "content_filter", raw: "SAFETY" } });
    expect(message.refusal).toBe("The prompt was blocked (SAFETY).");
  });

  it("an error frame ends the stream as an error in the client's format, never a finish", async () => {
    const { text: sse, decoder } = await translate("g-error-midstream.sse", new AnthropicStreamEncoder());
    expect(decoder.outcome).toBe("errored");
    expect(decoder.error).toMatchObject({ kind: "overloaded", raw: "UNAVAILABLE" });
    expect(sse).toContain("event: error");
    expect(sse).toContain('"type":"overloaded_error"');
    expect(sse).not.toContain("message_stop");
  });
});

describe("the usage tap on a passthrough stream", () => {
  it.each([
    ["g-thoughts-text.sse", true, false, { input: 1080, cacheRead: 1024, output: 28, thinking: 19 }],
    ["g-max-tokens.sse", true, false, { input: 9, output: 8 }],
    ["g-error-midstream.sse", false, true, { input: 12, output: 3 }],
  ] as const)(
    "%s: completed %s, failed %s, the last usageMetadata reported",
    (file, completed, failed, usage) => {
      const tap = new GeminiStreamUsage();
      for (const ev of sseEvents(bytes(file))) tap.onEvent(ev);
      expect(tap.completed).toBe(completed);
      expect(tap.failed).toBe(failed);
      expect(tap.reported()).toMatchObject(usage);
    },
  );

  it("a stream cut before its finishReason is not complete, and bills what it relayed", () => {
    const tap = new GeminiStreamUsage();
    const [first] = sseEvents(bytes("g-max-tokens.sse"));
    tap.onEvent(first!);
    expect(tap.completed).toBe(false);
    expect(tap.relayed().output).toBe(5); // "Once upon a time, " is 18 bytes: 5 tokens
  });
});
