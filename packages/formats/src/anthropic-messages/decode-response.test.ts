import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors.ts";
import { decodeAnthropicResponse } from "./decode-response.ts";

const msg = {
  id: "msg_1",
  type: "message",
  role: "assistant",
  model: "claude-opus-4-7",
  content: [{ type: "text", text: "Done" }],
  stop_reason: "stop_sequence",
  stop_sequence: "END",
  usage: { input_tokens: 5, output_tokens: 2 },
};

describe("decodeAnthropicResponse", () => {
  it("keeps the stop reason's raw value, the stop sequence and the raw usage", () => {
    expect(decodeAnthropicResponse(msg)).toEqual({
      id: "msg_1",
      model: "claude-opus-4-7",
      content: [{ type: "text", text: "Done" }],
      stopReason: { value: "stop", raw: "stop_sequence" },
      stopSequence: "END",
      usage: { input: 5, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, output: 2, thinking: 0 },
      rawUsage: { input_tokens: 5, output_tokens: 2 },
    });
  });

  it("throws an upstream (502) GatewayError for a body that is not a Message", () => {
    expect(() => decodeAnthropicResponse({ type: "message" })).toThrow(GatewayError);
    expect(() => decodeAnthropicResponse({ ...msg, content: [{ type: "tool_use", id: "t" }] })).toThrow(
      expect.objectContaining({ kind: "upstream", status: 502 }),
    );
  });
});
