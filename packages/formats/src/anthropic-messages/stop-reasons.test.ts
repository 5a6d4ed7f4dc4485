import { describe, expect, it } from "vitest";
import { ANTHROPIC_STOP_REASONS, anthropicStopReason, isAnthropicStopReason } from "./stop-reasons.ts";

describe("anthropicStopReason", () => {
  it("maps every Anthropic stop reason and keeps the raw value", () => {
    expect(ANTHROPIC_STOP_REASONS.map(anthropicStopReason)).toEqual([
      { value: "stop", raw: "end_turn" },
      { value: "length", raw: "max_tokens" },
      { value: "stop", raw: "stop_sequence" },
      { value: "tool_calls", raw: "tool_use" },
      { value: "pause", raw: "pause_turn" },
      { value: "content_filter", raw: "refusal" },
      { value: "length", raw: "model_context_window_exceeded" },
    ]);
  });

  it("maps a stop reason added later to other, raw kept", () => {
    expect(anthropicStopReason("compaction")).toEqual({ value: "other", raw: "compaction" });
    expect(isAnthropicStopReason("compaction")).toBe(false);
    expect(isAnthropicStopReason("toString")).toBe(false);
  });
});
