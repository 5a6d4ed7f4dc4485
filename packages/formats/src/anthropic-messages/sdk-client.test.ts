// The real Anthropic SDK (what Claude Code runs on) reads the Anthropic streams we make from
// GPT's Responses streams: MessageStream.finalMessage() succeeds and equals the non-streamed
// answer, and an upstream failure raises.

import { readFileSync } from "node:fs";
import Anthropic, { APIError } from "@anthropic-ai/sdk";
import { describe, expect, it } from "vitest";
import {
  anthropicMessageFromEvents,
  HAND_MADE,
  HAND_MADE_RESPONSES,
  RECORDED,
  sseEvents,
} from "../../test-fixtures/replay.ts";
import { terminalResponse } from "../../test-fixtures/responses-replay.ts";
import type { IrStreamDecoder } from "../ir/stream.ts";
import { decodeOpenAiResponsesResponse } from "../openai-responses/decode-response.ts";
import { OpenAiResponsesStreamDecoder } from "../openai-responses/stream-decoder.ts";
import { translateSseStream } from "../translate-stream.ts";
import { decodeAnthropicResponse } from "./decode-response.ts";
import { encodeAnthropicResponse } from "./encode-response.ts";
import { AnthropicStreamDecoder } from "./stream-decoder.ts";
import { AnthropicStreamEncoder } from "./stream-encoder.ts";

const HAND = new URL("../../test-fixtures/", import.meta.url);
const REC = new URL("../../../../fixtures/recorded/", import.meta.url);
const isHandMade = (file: string) => HAND_MADE.includes(file) || HAND_MADE_RESPONSES.includes(file);
const fixture = (file: string) => new Uint8Array(readFileSync(new URL(file, isHandMade(file) ? HAND : REC)));
const isResponses = (file: string) => file.startsWith("o-resp-");

/** The non-streamed answer the gateway would give for a fixture, in Anthropic's shape. */
function plainAnswer(file: string) {
  const events = sseEvents(fixture(file));
  const ir = isResponses(file)
    ? decodeOpenAiResponsesResponse(terminalResponse(events))
    : decodeAnthropicResponse(anthropicMessageFromEvents(events));
  return encodeAnthropicResponse(ir);
}

/** An SDK client whose "network" answers with the translation of a fixture into Anthropic's format. */
function client(file: string): Anthropic {
  return new Anthropic({
    apiKey: "sk-cc-test",
    baseURL: "https://gateway.test",
    maxRetries: 0,
    fetch: async (_url, init) => {
      const body = JSON.parse(String(init?.body)) as { stream?: boolean };
      if (!body.stream) return Response.json(plainAnswer(file));
      const decoder: IrStreamDecoder = isResponses(file)
        ? new OpenAiResponsesStreamDecoder()
        : new AnthropicStreamDecoder();
      const stream = new Blob([fixture(file)])
        .stream()
        .pipeThrough(translateSseStream(decoder, new AnthropicStreamEncoder()));
      return new Response(stream, { headers: { "content-type": "text/event-stream" } });
    },
  });
}

const params = {
  model: "gpt-5.5",
  max_tokens: 1024,
  messages: [{ role: "user" as const, content: "Weather?" }],
};
const OK = [
  "o-resp-text.sse",
  "o-resp-reasoning-tool.sse",
  "o-resp-incomplete.sse",
  ...RECORDED,
  ...HAND_MADE,
].filter((f) => f !== "a-error-midstream.sse");

describe("Anthropic SDK as the client", () => {
  for (const file of OK) {
    it(`${file}: MessageStream.finalMessage() equals the non-streamed message`, async () => {
      const c = client(file);
      // The stream helper adds `parsed_output` (its structured-output parsing); create() does not.
      const { parsed_output: _, ...streamed } = await c.messages.stream(params).finalMessage();
      const plain = await c.messages.create(params);
      expect(streamed).toEqual(plain);
    });
  }

  it("o-resp-reasoning-tool.sse: GPT's reasoning, text and call arrive as thinking, text and tool_use", async () => {
    const message = await client("o-resp-reasoning-tool.sse").messages.stream(params).finalMessage();
    expect(message.content.map((b) => b.type)).toEqual(["thinking", "text", "tool_use"]);
    expect(message.content[2]).toMatchObject({
      id: "call_HandMade0001",
      name: "get_weather",
      input: { city: "Oslo" },
    });
    expect(message.stop_reason).toBe("tool_use");
    expect(message.usage).toMatchObject({
      input_tokens: 176,
      cache_read_input_tokens: 1024,
      output_tokens: 80,
    });
  });

  for (const file of ["o-resp-failed.sse", "a-error-midstream.sse"]) {
    it(`${file}: the upstream failure raises an APIError after the partial text`, async () => {
      const stream = client(file).messages.stream(params);
      const texts: string[] = [];
      stream.on("text", (t) => texts.push(t));
      await expect(stream.finalMessage()).rejects.toBeInstanceOf(APIError);
      expect(texts.join("")).toBe("Partial ans");
    });
  }
});
