// IR response → the Message an Anthropic client gets when another vendor answered.
import { describe, expect, it } from "vitest";
import { encodeAnthropicResponse } from "./encode-response.ts";

describe("encodeAnthropicResponse", () => {
  it("maps parts to blocks, the stop reason to Anthropic's, usage to its fields", () => {
    const msg = encodeAnthropicResponse(
      {
        id: "resp_abc",
        model: "gpt-5.5",
        content: [
          { type: "thinking", text: "t", signature: "ccgw1.x" },
          { type: "text", text: "Hi" },
          { type: "tool_call", id: "call_1", name: "f", input: {} },
        ],
        stopReason: { value: "tool_calls", raw: "completed" },
        usage: { input: 6, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 4, output: 5, thinking: 2 },
        rawUsage: null,
      },
      { model: "my-gpt" },
    );
    expect(msg).toEqual({
      id: "msg_abc",
      type: "message",
      role: "assistant",
      model: "my-gpt",
      content: [
        { type: "thinking", thinking: "t", signature: "ccgw1.x" },
        { type: "text", text: "Hi" },
        { type: "tool_use", id: "call_1", name: "f", input: {} },
      ],
      stop_reason: "tool_use",
      stop_sequence: null,
      stop_details: null,
      usage: {
        input_tokens: 6,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 4,
        cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
        output_tokens: 5,
        output_tokens_details: { thinking_tokens: 2 },
      },
    });
  });

  it("a refusal carries its explanation in stop_details", () => {
    const msg = encodeAnthropicResponse({
      id: "msg_1",
      model: "m",
      content: [],
      stopReason: { value: "content_filter", raw: "refusal" },
      refusal: "No.",
      usage: { input: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, output: 0, thinking: 0 },
      rawUsage: null,
    });
    expect(msg).toMatchObject({
      id: "msg_1",
      stop_reason: "refusal",
      stop_details: { type: "refusal", category: null, explanation: "No." },
    });
  });
});
