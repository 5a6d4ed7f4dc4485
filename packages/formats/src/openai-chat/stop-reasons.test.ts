import { describe, expect, it } from "vitest";
import { ANTHROPIC_STOP_REASONS, anthropicStopReason } from "../anthropic-messages/stop-reasons.ts";
import { openAiFinishReason } from "./stop-reasons.ts";

describe("openAiFinishReason", () => {
  const expected = {
    end_turn: "stop",
    stop_sequence: "stop",
    max_tokens: "length",
    model_context_window_exceeded: "length",
    tool_use: "tool_calls",
    refusal: "content_filter",
    pause_turn: "stop",
  };

  it("maps every Anthropic stop reason to one of OpenAI's values", () => {
    const mapped = Object.fromEntries(
      ANTHROPIC_STOP_REASONS.map((r) => [r, openAiFinishReason(anthropicStopReason(r))]),
    );
    expect(mapped).toEqual(expected);
  });

  it("never passes a raw vendor value through (P15): unknown and missing reasons are stop", () => {
    expect(openAiFinishReason(anthropicStopReason("compaction_pause"))).toBe("stop");
    expect(openAiFinishReason(null)).toBe("stop");
  });
});
