// Hand-made Anthropic streams (packages/formats/test-fixtures) → the exact OpenAI Chat chunks.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CREATED, chunksOf, HAND_MADE, RECORDED, sseEvents, translate } from "../../test-fixtures/replay.ts";
import type { ChatCompletionChunk, ChatCompletionDelta, ChatFinishReason, ChatStreamData } from "./types.ts";

const HAND = new URL("../../test-fixtures/", import.meta.url);
const REC = new URL("../../../../fixtures/recorded/", import.meta.url);
const events = (file: string) =>
  sseEvents(new Uint8Array(readFileSync(new URL(file, HAND_MADE.includes(file) ? HAND : REC))));
const replay = (file: string, includeUsage = false): ChatStreamData[] =>
  translate(events(file), includeUsage);

const chunkFor =
  (msgId: string, model: string) =>
  (delta: ChatCompletionDelta, finish: ChatFinishReason | null = null): ChatCompletionChunk => ({
    id: `chatcmpl-${msgId}`,
    object: "chat.completion.chunk",
    created: CREATED,
    model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
const args = (index: number, text: string): ChatCompletionDelta => ({
  tool_calls: [{ index, function: { arguments: text } }],
});
const call = (index: number, id: string, name: string): ChatCompletionDelta => ({
  tool_calls: [{ index, id, type: "function", function: { name, arguments: "" } }],
});

describe("a-multi-tool.sse", () => {
  const chunk = chunkFor("msg_01MultiToolHandMade00001", "claude-opus-4-7");

  it("numbers tool calls 0, 1, 2 (blocks 1, 2, 3) and streams each one's fragments on its index", () => {
    expect(replay("a-multi-tool.sse")).toEqual([
      chunk({ role: "assistant", content: "" }),
      chunk({ content: "Checking both cities." }),
      chunk(call(0, "toolu_01WeatherParis0000000001", "get_weather")),
      chunk(args(0, '{"city": "Par')),
      chunk(args(0, 'is", "unit": "c"}')),
      chunk(call(1, "toolu_01WeatherTokyo0000000002", "get_weather")),
      chunk(args(1, '{"city": ')),
      chunk(args(1, '"Tokyo"}')),
      chunk(call(2, "toolu_01LocalTime000000000003", "get_time")),
      chunk(args(2, "{}")),
      chunk({}, "tool_calls"),
      "[DONE]",
    ]);
  });

  it("counts cache reads and writes inside prompt_tokens, with the breakdown in details", () => {
    expect(chunksOf(replay("a-multi-tool.sse", true)).at(-1)?.usage).toEqual({
      prompt_tokens: 1240,
      completion_tokens: 85,
      total_tokens: 1325,
      prompt_tokens_details: { cached_tokens: 1000, cache_write_tokens: 200 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
  });
});

describe("a-thinking-tool.sse", () => {
  const chunk = chunkFor("msg_01ThinkToolHandMade00001", "claude-sonnet-4-6");

  it("sends the signed thinking block when it ends, before the tool call", () => {
    expect(replay("a-thinking-tool.sse")).toEqual([
      chunk({ role: "assistant", content: "" }),
      chunk({ reasoning_content: "The user wants the weather; " }),
      chunk({ reasoning_content: "I should call get_weather." }),
      chunk({
        thinking_blocks: [
          {
            type: "thinking",
            thinking: "The user wants the weather; I should call get_weather.",
            signature: "EqQBCkYIBxgCKkBsig0000handmade",
          },
        ],
      }),
      chunk(call(0, "toolu_01ThinkThenCall000000001", "get_weather")),
      chunk(args(0, '{"city":"Oslo"}')),
      chunk({}, "tool_calls"),
      "[DONE]",
    ]);
  });
});

describe("a-max-tokens.sse", () => {
  const chunk = chunkFor("msg_01MaxTokensHandMade00001", "claude-haiku-4-5");

  it("maps max_tokens to length, keeping message_start's input when message_delta has only output", () => {
    const out = replay("a-max-tokens.sse", true);
    expect(out.slice(0, -2)).toEqual(
      [
        chunk({ role: "assistant", content: "" }),
        chunk({ content: "Once upon a time, " }),
        chunk({ content: "in a land far" }),
        chunk({}, "length"),
      ].map((c) => ({ ...c, usage: null })),
    );
    expect(chunksOf(out).at(-1)?.usage).toMatchObject({
      prompt_tokens: 9,
      completion_tokens: 10,
      total_tokens: 19,
    });
    expect(out.at(-1)).toBe("[DONE]");
  });
});

describe("errors", () => {
  const overloaded = {
    error: { message: "Overloaded", type: "server_error", param: null, code: "overloaded" },
  };

  it("ends on an upstream event: error with an error frame: no finish_reason, no usage, no [DONE]", () => {
    const chunk = chunkFor("msg_01ErrorMidHandMade000001", "claude-sonnet-4-5");
    expect(replay("a-error-midstream.sse")).toEqual([
      chunk({ role: "assistant", content: "" }),
      chunk({ content: "Partial ans" }),
      overloaded,
    ]);
    expect(replay("a-error-midstream.sse", true).at(-1)).toEqual(overloaded);
  });

  it("ends a stream cut before message_stop with an upstream error frame", () => {
    const cut = events("a-text.sse").filter((e) => e.event !== "message_delta" && e.event !== "message_stop");
    expect(translate(cut, true).at(-1)).toEqual({
      error: {
        message: "The upstream stream ended before the message was complete.",
        type: "api_error",
        param: null,
        code: "upstream_error",
      },
    });
  });
});

describe("every fixture", () => {
  for (const file of [...RECORDED, ...HAND_MADE]) {
    it(`${file}: one id and created, role first, at most one [DONE] and only at the end`, () => {
      const out = replay(file, true);
      const chunks = chunksOf(out);
      expect(new Set(chunks.map((c) => `${c.id} ${c.created}`)).size).toBe(1);
      expect(chunks[0]?.choices[0]?.delta.role).toBe("assistant");
      expect(chunks.slice(1).every((c) => c.choices[0]?.delta.role === undefined)).toBe(true);
      const done = out.filter((d) => d === "[DONE]").length;
      expect(done).toBe(file === "a-error-midstream.sse" ? 0 : 1);
      if (done === 1) expect(out.at(-1)).toBe("[DONE]");
    });
  }
});
