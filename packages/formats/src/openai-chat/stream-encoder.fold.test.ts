// For every fixture: the streamed chunks, folded, equal the non-streamed translation of the
// same message (built from the raw events by an independent helper).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { foldChatChunks } from "../../test-fixtures/fold-chat.ts";
import {
  anthropicMessageFromEvents,
  CREATED,
  chunksOf,
  HAND_MADE,
  RECORDED,
  sseEvents,
  translate,
} from "../../test-fixtures/replay.ts";
import { decodeAnthropicResponse } from "../anthropic-messages/decode-response.ts";
import { encodeAnthropicRequest } from "../anthropic-messages/encode-request.ts";
import { decodeOpenAiChatRequest, parseOpenAiChatRequest } from "./decode-request.ts";
import { encodeOpenAiChatResponse } from "./encode-response.ts";

const HAND = new URL("../../test-fixtures/", import.meta.url);
const REC = new URL("../../../../fixtures/recorded/", import.meta.url);
const events = (file: string) =>
  sseEvents(new Uint8Array(readFileSync(new URL(file, HAND_MADE.includes(file) ? HAND : REC))));

describe("folded stream = non-streamed translation", () => {
  for (const file of [...RECORDED, ...HAND_MADE].filter((f) => f !== "a-error-midstream.sse")) {
    it(file, () => {
      const evs = events(file);
      const direct = encodeOpenAiChatResponse(decodeAnthropicResponse(anthropicMessageFromEvents(evs)), {
        created: CREATED,
      });
      expect(foldChatChunks(chunksOf(translate(evs, true)))).toEqual(direct);
      // Without include_usage the stream carries no usage; everything else is the same.
      const { usage: _, ...withoutUsage } = direct;
      expect(foldChatChunks(chunksOf(translate(evs, false)))).toEqual(withoutUsage);
    });
  }

  it("a-thinking-tool.sse folds to the message a client sends back: signed block, compact arguments", () => {
    const folded = foldChatChunks(chunksOf(translate(events("a-thinking-tool.sse"), false)));
    expect(folded.choices[0].message).toEqual({
      role: "assistant",
      content: null,
      refusal: null,
      reasoning_content: "The user wants the weather; I should call get_weather.",
      thinking_blocks: [
        {
          type: "thinking",
          thinking: "The user wants the weather; I should call get_weather.",
          signature: "EqQBCkYIBxgCKkBsig0000handmade",
        },
      ],
      tool_calls: [
        {
          id: "toolu_01ThinkThenCall000000001",
          type: "function",
          function: { name: "get_weather", arguments: '{"city":"Oslo"}' },
        },
      ],
    });
  });

  it("refuses to fold a stream that ended in an error (it has no finish_reason)", () => {
    expect(() => foldChatChunks(chunksOf(translate(events("a-error-midstream.sse"), true)))).toThrow(
      /finish_reason/,
    );
  });
});

describe("round trip of an assistant turn (P3)", () => {
  for (const file of ["a-thinking-tool.sse", "a-multi-tool.sse"]) {
    it(`${file}: the folded message, sent back, gives Claude the blocks it streamed, signatures intact`, () => {
      const evs = events(file);
      const assistant = foldChatChunks(chunksOf(translate(evs, false))).choices[0].message;
      const results = (assistant.tool_calls ?? []).map((c) => ({
        role: "tool",
        tool_call_id: c.id,
        content: "ok",
      }));
      const body = encodeAnthropicRequest(
        decodeOpenAiChatRequest(
          parseOpenAiChatRequest({
            model: "claude-sonnet-4-6",
            reasoning_effort: "high",
            tools: [{ type: "function", function: { name: "get_weather" } }],
            messages: [{ role: "user", content: "Weather?" }, assistant, ...results],
          }),
        ),
      );
      expect(body.messages[1]).toEqual({
        role: "assistant",
        content: anthropicMessageFromEvents(evs).content,
      });
    });
  }
});
