// Recorded Anthropic streams → the exact OpenAI Chat chunks we send (docs/wire-formats.md, "Claude → OpenAI Chat").
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CREATED, chunksOf, sseEvents, translate } from "../../test-fixtures/replay.ts";
import type { ChatCompletionChunk, ChatCompletionDelta, ChatFinishReason, ChatStreamData } from "./types.ts";

const RECORDED = new URL("../../../../fixtures/recorded/", import.meta.url);
const replay = (file: string, includeUsage = false): ChatStreamData[] =>
  translate(sseEvents(new Uint8Array(readFileSync(new URL(file, RECORDED)))), includeUsage);

/** A chunk builder for one stream's id and model. */
const chunkFor =
  (msgId: string, model: string) =>
  (delta: ChatCompletionDelta, finish: ChatFinishReason | null = null): ChatCompletionChunk => ({
    id: `chatcmpl-${msgId}`,
    object: "chat.completion.chunk",
    created: CREATED,
    model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });

describe("a-text.sse", () => {
  const chunk = chunkFor("msg_01QC4g3HwBThD4BaNtBckFDJ", "claude-sonnet-4-5-20250929");
  const texts = [
    "Hello",
    "! I",
    "'m doing well, thank you for asking",
    ". How are you doing today?",
    " Is",
    " there anything I can help you with?",
  ];

  it("streams role first, one chunk per text delta, the finish chunk, then one [DONE]", () => {
    expect(replay("a-text.sse")).toEqual([
      chunk({ role: "assistant", content: "" }),
      ...texts.map((content) => chunk({ content })),
      chunk({}, "stop"),
      "[DONE]",
    ]);
  });

  it("with include_usage: usage null on every chunk, then a usage chunk with choices: [] before [DONE]", () => {
    const out = replay("a-text.sse", true);
    expect(out.slice(0, -2)).toEqual(
      [
        chunk({ role: "assistant", content: "" }),
        ...texts.map((content) => chunk({ content })),
        chunk({}, "stop"),
      ].map((c) => ({ ...c, usage: null })),
    );
    expect(out.slice(-2)).toEqual([
      {
        id: "chatcmpl-msg_01QC4g3HwBThD4BaNtBckFDJ",
        object: "chat.completion.chunk",
        created: CREATED,
        model: "claude-sonnet-4-5-20250929",
        choices: [],
        usage: {
          prompt_tokens: 12,
          completion_tokens: 30,
          total_tokens: 42,
          prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
          completion_tokens_details: { reasoning_tokens: 0 },
        },
      },
      "[DONE]",
    ]);
  });
});

describe("a-tool-no-args.sse", () => {
  const chunk = chunkFor("msg_01GE2RKp1VYsPzdFs3sS9z5S", "claude-sonnet-4-5-20250929");

  it("numbers the tool call 0 (its Anthropic block is 1) and sends {} as its arguments", () => {
    expect(replay("a-tool-no-args.sse")).toEqual([
      chunk({ role: "assistant", content: "" }),
      chunk({ content: "I'll update the issue list for" }),
      chunk({ content: " you." }),
      chunk({
        tool_calls: [
          {
            index: 0,
            id: "toolu_01QE1WLsSVp5hy5Q3GmGTmjP",
            type: "function",
            function: { name: "updateIssueList", arguments: "" },
          },
        ],
      }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: "{}" } }] }),
      chunk({}, "tool_calls"),
      "[DONE]",
    ]);
  });
});

describe("a-refusal.sse", () => {
  const chunk = chunkFor("msg_01RefusalStreamAbcdefghijk", "claude-fable-5");

  it("maps refusal to content_filter, with the explanation as delta.refusal", () => {
    expect(replay("a-refusal.sse")).toEqual([
      chunk({ role: "assistant", content: "" }),
      chunk(
        {
          refusal:
            "This request triggered restrictions on violative cyber content and was blocked under Anthropic's Usage Policy.",
        },
        "content_filter",
      ),
      "[DONE]",
    ]);
  });
});

describe("a-thinking-summarized.sse", () => {
  it("streams thinking as reasoning_content, then one signed thinking block, then the text", () => {
    const chunks = chunksOf(replay("a-thinking-summarized.sse"));
    const kinds = chunks.map((c) => Object.keys(c.choices[0]?.delta ?? {}).join("+") || "finish");
    expect(kinds).toEqual([
      "role+content",
      ...Array(4).fill("reasoning_content"),
      "thinking_blocks",
      ...Array(6).fill("content"),
      "finish",
    ]);
    const thinking = chunks
      .slice(1, 5)
      .map((c) => c.choices[0]?.delta.reasoning_content)
      .join("");
    expect(thinking).toBe(
      "I'm working through the Euclidean algorithm to find the GCD of 1071 and 462, applying successive division until I reach a remainder of zero, which gives me 21 as the greatest common divisor.",
    );
    const [block] = chunks[5]?.choices[0]?.delta.thinking_blocks ?? [];
    expect(block).toMatchObject({ type: "thinking", thinking });
    expect(block?.type === "thinking" && block.signature).toMatch(
      /^EsECCokBCBAYAipA9i3HF1aHpQITkdN8.*Ltlg\+1I6L4oPGAE=$/,
    );
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("stop");
    expect(new Set(chunks.map((c) => c.id))).toEqual(new Set(["chatcmpl-msg_011CdZqGg4K3tq97K7RDtTw7"]));
  });

  it("reports the thinking tokens as reasoning_tokens in the usage chunk", () => {
    const usageChunk = chunksOf(replay("a-thinking-summarized.sse", true)).at(-1);
    expect(usageChunk?.usage).toEqual({
      prompt_tokens: 47,
      completion_tokens: 373,
      total_tokens: 420,
      prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 62 },
    });
  });
});
