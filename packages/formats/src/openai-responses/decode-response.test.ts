// Non-streamed answers of a GPT upstream: Response → IR.
import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors.ts";
import { decodeOpenAiResponsesResponse } from "./decode-response.ts";

describe("decodeOpenAiResponsesResponse", () => {
  it("reads a GPT answer: reasoning as signed thinking, text, calls, usage", () => {
    const res = decodeOpenAiResponsesResponse({
      id: "resp_9",
      object: "response",
      status: "completed",
      model: "gpt-5.5",
      output: [
        {
          type: "reasoning",
          id: "rs_9",
          summary: [
            { type: "summary_text", text: "a" },
            { type: "summary_text", text: "b" },
          ],
          encrypted_content: "gAAA",
        },
        {
          type: "message",
          id: "m",
          role: "assistant",
          content: [{ type: "output_text", text: "Hi", annotations: [] }],
        },
        { type: "function_call", id: "fc", call_id: "call_9", name: "f", arguments: '{"x":1}' },
        { type: "web_search_call", id: "ws", status: "completed" },
      ],
      usage: {
        input_tokens: 10,
        input_tokens_details: { cached_tokens: 4 },
        output_tokens: 5,
        output_tokens_details: { reasoning_tokens: 2 },
        total_tokens: 15,
      },
    });
    expect(res.content[0]).toMatchObject({ type: "thinking", text: "a\n\nb" });
    expect(res.content.slice(1)).toEqual([
      { type: "text", text: "Hi" },
      { type: "tool_call", id: "call_9", name: "f", input: { x: 1 } },
    ]);
    expect(res.stopReason).toEqual({ value: "tool_calls", raw: "completed" });
    expect(res.usage).toEqual({
      input: 6,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      cacheRead: 4,
      output: 5,
      thinking: 2,
    });
  });

  it("a refusal part is a refusal stop; a failed or unreadable body throws", () => {
    const refused = decodeOpenAiResponsesResponse({
      id: "resp_r",
      status: "completed",
      output: [{ type: "message", id: "m", content: [{ type: "refusal", refusal: "No." }] }],
    });
    expect(refused).toMatchObject({ refusal: "No.", stopReason: { value: "content_filter" }, content: [] });
    expect(() =>
      decodeOpenAiResponsesResponse({
        id: "r",
        status: "failed",
        error: { code: "rate_limit_exceeded", message: "m" },
      }),
    ).toThrowError(expect.objectContaining({ kind: "rate_limit" }));
    expect(() => decodeOpenAiResponsesResponse({ nope: 1 })).toThrowError(GatewayError);
  });
});
