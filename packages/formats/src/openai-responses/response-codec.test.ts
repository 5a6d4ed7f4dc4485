// Non-streamed answers: IR → Response for a Responses client, and a GPT Response → IR.
import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors.ts";
import type { IrResponse } from "../ir/response.ts";
import { emptyUsage } from "../usage.ts";
import { decodeReasoningToken } from "./reasoning-token.ts";
import { decodeOpenAiResponsesResponse, encodeOpenAiResponsesResponse } from "./response-codec.ts";

const ir = (over: Partial<IrResponse>): IrResponse => ({
  id: "msg_01abc",
  model: "claude-opus-4-7",
  content: [],
  stopReason: { value: "stop", raw: "end_turn" },
  usage: emptyUsage(),
  rawUsage: null,
  ...over,
});

describe("encodeOpenAiResponsesResponse", () => {
  it("one item per part, ids derived from the vendor id, the client's model name", () => {
    const res = encodeOpenAiResponsesResponse(
      ir({
        content: [
          { type: "redacted_thinking", data: "abc" },
          { type: "text", text: "Patching." },
          { type: "tool_call", id: "toolu_1", name: "apply_patch", input: { input: "P" } },
          { type: "tool_call", id: "toolu_2", name: "exec", input: { cmd: "ls" } },
        ],
        stopReason: { value: "tool_calls", raw: "tool_use" },
      }),
      { createdAt: 5, model: "my-claude", tools: [{ name: "apply_patch", inputSchema: {}, custom: {} }] },
    );
    expect(res).toMatchObject({ id: "resp_01abc", created_at: 5, model: "my-claude", status: "completed" });
    expect(res.output.map((i) => [i.type, i.id])).toEqual([
      ["reasoning", "rs_01abc_0"],
      ["message", "msg_01abc_1"],
      ["custom_tool_call", "ctc_01abc_2"],
      ["function_call", "fc_01abc_3"],
    ]);
    expect(res.output[0]).toMatchObject({ summary: [] });
    const enc = res.output[0]?.type === "reasoning" ? res.output[0].encrypted_content : "";
    expect(decodeReasoningToken(enc ?? "")).toEqual({ kind: "token", token: { v: 1, redacted: "abc" } });
    expect(res.output[2]).toMatchObject({ input: "P" });
    expect(res.output[3]).toMatchObject({ arguments: '{"cmd":"ls"}', status: "completed" });
  });

  it("a refusal without an explanation still gets a refusal part", () => {
    const res = encodeOpenAiResponsesResponse(
      ir({ stopReason: { value: "content_filter", raw: "refusal" } }),
    );
    expect(res.output).toEqual([
      {
        type: "message",
        id: "msg_01abc_0",
        role: "assistant",
        status: "completed",
        content: [{ type: "refusal", refusal: "The model declined to answer this request." }],
      },
    ]);
  });
});

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
