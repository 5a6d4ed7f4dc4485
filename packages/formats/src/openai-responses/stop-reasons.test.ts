import { describe, expect, it } from "vitest";
import { toAnthropicStopReason } from "../anthropic-messages/stop-reasons.ts";
import { responsesEnding, responsesStopReason } from "./stop-reasons.ts";

describe("stop reasons across Responses and Anthropic", () => {
  it("only truncation is incomplete for a Responses client", () => {
    expect(responsesEnding({ value: "length", raw: "max_tokens" })).toEqual({
      status: "incomplete",
      incompleteDetails: { reason: "max_output_tokens" },
    });
    for (const value of ["stop", "tool_calls", "content_filter", "pause", "other"] as const) {
      expect(responsesEnding({ value, raw: "x" }).status).toBe("completed");
    }
    expect(responsesEnding(null).status).toBe("completed");
  });

  it("a GPT answer: tool calls, truncation, content filter", () => {
    expect(responsesStopReason("completed", null, true)).toEqual({ value: "tool_calls", raw: "completed" });
    expect(responsesStopReason("completed", null, false)).toEqual({ value: "stop", raw: "completed" });
    expect(responsesStopReason("incomplete", "max_output_tokens", true)).toEqual({
      value: "length",
      raw: "max_output_tokens",
    });
    expect(responsesStopReason("incomplete", "content_filter", false).value).toBe("content_filter");
  });

  it("to Anthropic: its own raw values pass, others map, a matched stop sequence says so", () => {
    expect(toAnthropicStopReason({ value: "length", raw: "model_context_window_exceeded" })).toBe(
      "model_context_window_exceeded",
    );
    expect(toAnthropicStopReason({ value: "length", raw: "max_output_tokens" })).toBe("max_tokens");
    expect(toAnthropicStopReason({ value: "tool_calls", raw: "completed" })).toBe("tool_use");
    expect(toAnthropicStopReason({ value: "content_filter", raw: "refusal" })).toBe("refusal");
    expect(toAnthropicStopReason({ value: "stop", raw: "stop" }, "END")).toBe("stop_sequence");
    expect(toAnthropicStopReason(null)).toBe("end_turn");
  });
});
