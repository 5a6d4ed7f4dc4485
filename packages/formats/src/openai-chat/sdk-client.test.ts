// The real OpenAI SDK reads what we send: streamed chunks accumulate into the same completion
// as the non-streamed answer, and a mid-stream error frame raises an APIError.
import { readFileSync } from "node:fs";
import OpenAI, { APIError } from "openai";
import { describe, expect, it } from "vitest";
import { anthropicMessageFromEvents, HAND_MADE, sseEvents } from "../../test-fixtures/replay.ts";
import { decodeAnthropicResponse } from "../anthropic-messages/decode-response.ts";
import { AnthropicStreamDecoder } from "../anthropic-messages/stream-decoder.ts";
import { translateSseStream } from "../translate-stream.ts";
import { encodeOpenAiChatResponse } from "./encode-response.ts";
import { OpenAiChatStreamEncoder } from "./stream-encoder.ts";

const HAND = new URL("../../test-fixtures/", import.meta.url);
const REC = new URL("../../../../fixtures/recorded/", import.meta.url);
const fixture = (file: string) =>
  new Uint8Array(readFileSync(new URL(file, HAND_MADE.includes(file) ? HAND : REC)));

/** An SDK client whose "network" answers with the translation of an Anthropic fixture. */
function client(file: string): OpenAI {
  return new OpenAI({
    apiKey: "sk-cc-test",
    baseURL: "https://gateway.test/v1",
    maxRetries: 0,
    fetch: async (_url, init) => {
      const body = JSON.parse(String(init?.body)) as {
        stream?: boolean;
        stream_options?: { include_usage?: boolean };
      };
      if (!body.stream) {
        const message = anthropicMessageFromEvents(sseEvents(fixture(file)));
        const chat = encodeOpenAiChatResponse(decodeAnthropicResponse(message), { created: 1 });
        return Response.json(chat);
      }
      const encoder = new OpenAiChatStreamEncoder({
        includeUsage: body.stream_options?.include_usage === true,
        created: 1,
      });
      const stream = new Blob([fixture(file)])
        .stream()
        .pipeThrough(translateSseStream(new AnthropicStreamDecoder(), encoder));
      return new Response(stream, { headers: { "content-type": "text/event-stream" } });
    },
  });
}

/** What a client reads off a completion; arguments compared as JSON (spacing may differ). */
const shape = (c: OpenAI.ChatCompletion) => ({
  id: c.id,
  usage: c.usage,
  finish: c.choices[0]?.finish_reason,
  content: c.choices[0]?.message.content,
  calls: c.choices[0]?.message.tool_calls?.map((t) =>
    t.type === "function" ? { id: t.id, name: t.function.name, input: JSON.parse(t.function.arguments) } : t,
  ),
});

const params = { model: "claude-opus-4-7", messages: [{ role: "user" as const, content: "Weather?" }] };

describe("OpenAI SDK as the client", () => {
  for (const file of ["a-multi-tool.sse", "a-tool-no-args.sse", "a-thinking-summarized.sse"]) {
    it(`${file}: the SDK's accumulated stream equals the non-streamed completion`, async () => {
      const c = client(file);
      const streamed = await c.chat.completions
        .stream({ ...params, stream_options: { include_usage: true } })
        .finalChatCompletion();
      const plain = await c.chat.completions.create(params);
      expect(shape(streamed)).toEqual(shape(plain));
    });
  }

  it("raises an APIError on the mid-stream error frame, after the text that came before it", async () => {
    const stream = await client("a-error-midstream.sse").chat.completions.create({ ...params, stream: true });
    const texts: string[] = [];
    const consume = async () => {
      for await (const chunk of stream) texts.push(chunk.choices[0]?.delta.content ?? "");
    };
    await expect(consume()).rejects.toBeInstanceOf(APIError);
    expect(texts.join("")).toBe("Partial ans");
  });
});
