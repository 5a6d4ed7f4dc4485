// Non-streamed answers to a Responses client: IR → Response.
import { describe, expect, it } from "vitest";
import type { IrResponse } from "../ir/response.ts";
import { emptyUsage } from "../usage.ts";
import { encodeOpenAiResponsesResponse } from "./encode-response.ts";
import { decodeReasoningToken } from "./reasoning-token.ts";

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
