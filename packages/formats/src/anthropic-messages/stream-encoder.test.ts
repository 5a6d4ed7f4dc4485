// IR stream events → the Anthropic SSE a Claude Code client gets (https://docs.anthropic.com/en/docs/build-with-claude/streaming).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { anthropicMessageFromEvents, HAND_MADE, RECORDED, sseEvents } from "../../test-fixtures/replay.ts";
import type { IrStreamEvent } from "../ir/stream.ts";
import { OpenAiResponsesStreamDecoder } from "../openai-responses/stream-decoder.ts";
import type { SseEvent } from "../sse/decoder.ts";
import { translateSseStream } from "../translate-stream.ts";
import { emptyUsage } from "../usage.ts";
import { decodeAnthropicResponse } from "./decode-response.ts";
import { AnthropicStreamDecoder } from "./stream-decoder.ts";
import { AnthropicStreamEncoder } from "./stream-encoder.ts";
import type { AnthropicStreamEventOut } from "./types.ts";

const HAND = new URL("../../test-fixtures/", import.meta.url);
const REC = new URL("../../../../fixtures/recorded/", import.meta.url);
const bytes = (file: string) =>
  new Uint8Array(readFileSync(new URL(file, HAND_MADE.includes(file) ? HAND : REC)));
const asSse = (out: AnthropicStreamEventOut[]): SseEvent[] =>
  out.map((e) => ({ event: e.type, data: JSON.stringify(e) }));

describe("o-resp-text.sse (recorded GPT stream) → Anthropic SSE", () => {
  it("is the full grammar, event: lines equal to the type", async () => {
    const piped = new Blob([bytes("o-resp-text.sse")])
      .stream()
      .pipeThrough(
        translateSseStream(
          new OpenAiResponsesStreamDecoder(),
          new AnthropicStreamEncoder({ model: "gpt-mini" }),
        ),
      );
    const usage = (input: number, output: number) => ({
      input_tokens: input,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
      output_tokens: output,
      output_tokens_details: { thinking_tokens: 0 },
    });
    const frames = [
      {
        type: "message_start",
        message: {
          id: "msg_sanitized_streaming",
          type: "message",
          role: "assistant",
          model: "gpt-mini",
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: usage(0, 0),
        },
      },
      { type: "ping" },
      { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
      { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "OK" } },
      { type: "content_block_stop", index: 0 },
      {
        type: "message_delta",
        delta: { stop_reason: "end_turn", stop_sequence: null, stop_details: null },
        usage: usage(12, 2),
      },
      { type: "message_stop" },
    ];
    expect(await new Response(piped).text()).toBe(
      frames.map((f) => `event: ${f.type}\ndata: ${JSON.stringify(f)}\n\n`).join(""),
    );
  });
});

describe("Anthropic → IR → Anthropic", () => {
  for (const file of [...RECORDED, ...HAND_MADE].filter((f) => f !== "a-error-midstream.sse")) {
    it(`${file}: the message is the same, blocks numbered from 0`, () => {
      const input = sseEvents(bytes(file));
      const decoder = new AnthropicStreamDecoder();
      const encoder = new AnthropicStreamEncoder();
      const out = input
        .flatMap((ev) => decoder.decode(ev))
        .concat(decoder.end())
        .flatMap((ev) => encoder.encode(ev));
      const { rawUsage: _a, ...expected } = decodeAnthropicResponse(anthropicMessageFromEvents(input));
      const { rawUsage: _b, ...actual } = decodeAnthropicResponse(anthropicMessageFromEvents(asSse(out)));
      expect(actual).toEqual(expected);
      const starts = out.filter((e) => e.type === "content_block_start").map((e) => e.index);
      expect(starts).toEqual(starts.map((_, i) => i));
      expect(out.map((e) => e.type).slice(-2)).toEqual(["message_delta", "message_stop"]);
    });
  }
});

describe("the encoder's own guarantees", () => {
  const start: IrStreamEvent = {
    type: "message_start",
    id: "resp_x",
    model: "gpt-5.5",
    usage: emptyUsage(),
    rawUsage: null,
  };

  it("renumbers IR parts with gaps as contiguous blocks, and closes what the upstream left open", () => {
    const encoder = new AnthropicStreamEncoder();
    const out = [
      start,
      { type: "part_start", index: 3, part: { kind: "text" } },
      { type: "text_delta", index: 3, text: "a" },
      { type: "part_stop", index: 3 },
      { type: "part_start", index: 7, part: { kind: "tool_call", id: "call_1", name: "f" } },
      { type: "tool_input_delta", index: 7, partialJson: "{}" },
      { type: "message_stop" },
    ].flatMap((ev) => encoder.encode(ev as IrStreamEvent));
    expect(out.map((e) => [e.type, e.index])).toEqual([
      ["message_start", undefined],
      ["ping", undefined],
      ["content_block_start", 0],
      ["content_block_delta", 0],
      ["content_block_stop", 0],
      ["content_block_start", 1],
      ["content_block_delta", 1],
      ["content_block_stop", 1],
      ["message_delta", undefined],
      ["message_stop", undefined],
    ]);
    expect(out[0]).toMatchObject({ message: { id: "msg_x" } });
  });

  it("an error ends the stream with event: error in Anthropic's shape, and nothing after it", () => {
    const encoder = new AnthropicStreamEncoder();
    const text = [
      start,
      { type: "error", kind: "overloaded", message: "Overloaded", raw: "" },
      { type: "message_stop" },
    ]
      .map((ev) => encoder.encodeSse(ev as IrStreamEvent))
      .join("");
    expect(
      text.endsWith(
        'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n',
      ),
    ).toBe(true);
  });

  it("a refusal carries stop_details with the explanation", () => {
    const encoder = new AnthropicStreamEncoder();
    const delta: IrStreamEvent = {
      type: "message_delta",
      stopReason: { value: "content_filter", raw: "refusal" },
      refusal: "I can't help with that.",
      usage: emptyUsage(),
      rawUsage: null,
    };
    const out = [start, delta].flatMap((ev) => encoder.encode(ev));
    expect(out.at(-1)).toMatchObject({
      delta: {
        stop_reason: "refusal",
        stop_details: { type: "refusal", category: null, explanation: "I can't help with that." },
      },
    });
  });
});
