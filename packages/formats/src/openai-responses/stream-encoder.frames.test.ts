// The SSE a Responses client gets: encodeSse (what the routes send; deltas written as text) must
// be byte for byte the frames of the events encode() returns, for every stream.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HAND_MADE, RECORDED, sseEvents } from "../../test-fixtures/replay.ts";
import { CREATED_AT } from "../../test-fixtures/responses-replay.ts";
import { AnthropicStreamDecoder } from "../anthropic-messages/stream-decoder.ts";
import type { IrTool } from "../ir/request.ts";
import type { IrStreamEvent } from "../ir/stream.ts";
import { emptyUsage } from "../usage.ts";
import { OpenAiResponsesStreamEncoder, responsesStreamFrame } from "./stream-encoder.ts";

const HAND = new URL("../../test-fixtures/", import.meta.url);
const REC = new URL("../../../../fixtures/recorded/", import.meta.url);
const TOOLS: IrTool[] = [{ name: "apply_patch", inputSchema: {}, custom: {} }];

function irOf(file: string): IrStreamEvent[] {
  const bytes = new Uint8Array(readFileSync(new URL(file, HAND_MADE.includes(file) ? HAND : REC)));
  const decoder = new AnthropicStreamDecoder();
  return sseEvents(bytes)
    .flatMap((ev) => decoder.decode(ev))
    .concat(decoder.end());
}

/** The same IR through both paths of two identical encoders. */
function bothWays(ir: IrStreamEvent[]): { sse: string; frames: string } {
  const viaSse = new OpenAiResponsesStreamEncoder({ createdAt: CREATED_AT, tools: TOOLS });
  const viaEvents = new OpenAiResponsesStreamEncoder({ createdAt: CREATED_AT, tools: TOOLS });
  return {
    sse: ir.map((ev) => viaSse.encodeSse(ev)).join(""),
    frames: ir.flatMap((ev) => viaEvents.encode(ev).map(responsesStreamFrame)).join(""),
  };
}

describe("encodeSse writes exactly the frames of encode()", () => {
  it.each([...RECORDED, ...HAND_MADE])("%s", (file) => {
    const { sse, frames } = bothWays(irOf(file));
    expect(sse).toBe(frames);
    expect(sse).toContain("sequence_number");
  });

  it("deltas of every kind, with text JSON must escape, and the cases that are not plain deltas", () => {
    const tricky = 'quote " backslash \\ newline \n tab \t U+2028 \u2028 emoji 🧠 lone \ud800 end';
    // Long enough to be serialised once and shared by the item's …done events and response.completed.
    const long = tricky.repeat(40);
    const usage = { ...emptyUsage(), input: 3, output: 9 };
    const ir: IrStreamEvent[] = [
      { type: "message_start", id: "msg_frames", model: "claude-sonnet-4-6", usage, rawUsage: {} },
      // Thinking shown as omitted: an empty delta opens no summary.
      { type: "part_start", index: 0, part: { kind: "thinking" } },
      { type: "thinking_delta", index: 0, text: "" },
      { type: "thinking_delta", index: 0, text: tricky },
      { type: "thinking_delta", index: 0, text: long },
      { type: "signature_delta", index: 0, signature: "EqQBsig" },
      { type: "part_stop", index: 0 },
      { type: "part_start", index: 1, part: { kind: "text" } },
      { type: "text_delta", index: 1, text: tricky },
      { type: "text_delta", index: 1, text: "" },
      { type: "text_delta", index: 1, text: long },
      { type: "part_stop", index: 1 },
      { type: "part_start", index: 2, part: { kind: "tool_call", id: "toolu_1", name: "get_weather" } },
      { type: "tool_input_delta", index: 2, partialJson: "" },
      { type: "tool_input_delta", index: 2, partialJson: '{"city":"Os' },
      { type: "tool_input_delta", index: 2, partialJson: 'lo"}' },
      { type: "part_stop", index: 2 },
      { type: "part_start", index: 3, part: { kind: "tool_call", id: "toolu_2", name: "apply_patch" } },
      { type: "tool_input_delta", index: 3, partialJson: '{"input":"*** Begin Patch"}' },
      { type: "part_stop", index: 3 },
      // A delta for a block that is closed, or never opened, is dropped either way.
      { type: "text_delta", index: 1, text: "late" },
      { type: "text_delta", index: 9, text: "nowhere" },
      { type: "message_delta", stopReason: { value: "tool_calls", raw: "tool_use" }, usage, rawUsage: {} },
      { type: "message_stop" },
      { type: "text_delta", index: 1, text: "after the end" },
    ];
    const { sse, frames } = bothWays(ir);
    expect(sse).toBe(frames);
    expect(sse).toContain("response.reasoning_summary_text.delta");
    expect(sse).toContain("response.function_call_arguments.delta");
    expect(sse).not.toContain("after the end");
    // The long text reaches the client whole in the terminal event.
    const completed = sse.split("\n\n").find((f) => f.startsWith("event: response.completed"))!;
    const response = JSON.parse(completed.slice(completed.indexOf("data: ") + 6)) as {
      response: { output: { content?: { text: string }[] }[] };
    };
    expect(response.response.output[1]?.content?.[0]?.text).toBe(tricky + long);
  });
});
