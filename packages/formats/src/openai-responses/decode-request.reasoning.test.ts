// Claude's thinking travels to a Codex client in a reasoning item's encrypted_content and comes
// back on the next turn as the same signed block (docs/wire-formats.md, "Reasoning across formats").
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { codexBody, toClaude, user } from "../../test-fixtures/codex-request.ts";
import { sseEvents } from "../../test-fixtures/replay.ts";
import { anthropicToResponses } from "../../test-fixtures/responses-replay.ts";
import { decodeReasoningToken, encodeReasoningToken } from "./reasoning-token.ts";

describe("reasoning items: Claude's thinking round-trips through encrypted_content", () => {
  it("a reasoning item out of a Claude stream comes back as the same thinking block, first in its turn", () => {
    const file = new URL("../../test-fixtures/a-thinking-tool.sse", import.meta.url);
    const events = anthropicToResponses(sseEvents(new Uint8Array(readFileSync(file))));
    const items = events.flatMap((e) => (e.type === "response.output_item.done" ? [e.item] : []));
    const fnOutput = {
      type: "function_call_output",
      call_id: "toolu_01ThinkThenCall000000001",
      output: "12°C",
    };
    const body = toClaude(codexBody([user("Weather in Oslo?"), ...items, fnOutput]));
    expect(body.messages[1]).toEqual({
      role: "assistant",
      content: [
        {
          type: "thinking",
          thinking: "The user wants the weather; I should call get_weather.",
          signature: "EqQBCkYIBxgCKkBsig0000handmade",
        },
        {
          type: "tool_use",
          id: "toolu_01ThinkThenCall000000001",
          name: "get_weather",
          input: { city: "Oslo" },
        },
      ],
    });
  });

  it("redacted thinking round-trips too; OpenAI's own encrypted_content is dropped, not sent to Claude", () => {
    const redacted = encodeReasoningToken({ v: 1, redacted: "EmwKAhgBEgy3va3pzix/LafPsn4a" });
    const body = toClaude(
      codexBody([
        user("hi"),
        { type: "reasoning", id: "rs_1", summary: [], encrypted_content: redacted },
        {
          type: "reasoning",
          id: "rs_2",
          summary: [{ type: "summary_text", text: "x" }],
          encrypted_content: "gAAAAABo...",
        },
        { type: "reasoning", id: "rs_3", summary: [] },
        { role: "assistant", content: [{ type: "output_text", text: "Hello" }] },
      ]),
    );
    expect(body.messages[1]).toEqual({
      role: "assistant",
      content: [
        { type: "redacted_thinking", data: "EmwKAhgBEgy3va3pzix/LafPsn4a" },
        { type: "text", text: "Hello", cache_control: { type: "ephemeral" } },
      ],
    });
  });

  it("the thinking text comes back as the summary: an altered or dropped summary is a 400 naming it", () => {
    const file = new URL("../../test-fixtures/a-thinking-tool.sse", import.meta.url);
    const events = anthropicToResponses(sseEvents(new Uint8Array(readFileSync(file))));
    const reasoning = events.flatMap((e) =>
      e.type === "response.output_item.done" && e.item.type === "reasoning" ? [e.item] : [],
    )[0]!;
    // The text is sent once, as the summary; the token holds the signature and a digest.
    const read = decodeReasoningToken(reasoning.encrypted_content ?? "");
    expect(read.kind === "token" && Object.keys(read.token).sort()).toEqual(["digest", "signature", "v"]);
    for (const summary of [[{ type: "summary_text", text: "The user wants the weather." }], []]) {
      expect(() => toClaude(codexBody([user("hi"), { ...reasoning, summary }]))).toThrowError(
        expect.objectContaining({ kind: "invalid_request", param: "input.1.summary" }),
      );
    }
  });

  it("tokens of the first layout, which carried the text themselves, are still read", () => {
    const v1 = encodeReasoningToken({ v: 1, thinking: "Old thinking.", signature: "EqQBold" });
    const body = toClaude(
      codexBody([
        user("hi"),
        { type: "reasoning", id: "rs_1", summary: [], encrypted_content: v1 },
        { role: "assistant", content: [{ type: "output_text", text: "Hello" }] },
      ]),
    );
    expect(body.messages[1]?.content[0]).toEqual({
      type: "thinking",
      thinking: "Old thinking.",
      signature: "EqQBold",
    });
  });

  it("an altered gateway token is a 400 naming the item", () => {
    const token = encodeReasoningToken({ v: 1, thinking: "t", signature: "s" });
    const altered = {
      type: "reasoning",
      id: "rs_1",
      summary: [],
      encrypted_content: `${token.slice(0, -4)}!!!!`,
    };
    expect(() => toClaude(codexBody([user("hi"), altered]))).toThrowError(
      expect.objectContaining({ kind: "invalid_request", param: "input.1.encrypted_content" }),
    );
  });
});
