// Responses streams of a GPT upstream (recorded o-resp-text.sse and hand-made ones) → IR events,
// usage and outcome for settlement.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HAND_MADE_RESPONSES, sseEvents } from "../../test-fixtures/replay.ts";
import type { IrStreamEvent } from "../ir/stream.ts";
import type { SseEvent } from "../sse/decoder.ts";
import { billableUsageOf } from "../usage-tap.ts";
import { decodeReasoningToken } from "./reasoning-token.ts";
import { OpenAiResponsesStreamDecoder } from "./stream-decoder.ts";

const HAND = new URL("../../test-fixtures/", import.meta.url);
const REC = new URL("../../../../fixtures/recorded/", import.meta.url);
const events = (file: string) =>
  sseEvents(new Uint8Array(readFileSync(new URL(file, HAND_MADE_RESPONSES.includes(file) ? HAND : REC))));

function run(evs: SseEvent[], decoder = new OpenAiResponsesStreamDecoder()) {
  const ir: IrStreamEvent[] = evs.flatMap((ev) => decoder.decode(ev)).concat(decoder.end());
  return { ir, decoder };
}

describe("o-resp-text.sse (recorded)", () => {
  it("decodes to one text part, a stop and the usage, with input = input_tokens − cached", () => {
    const { ir, decoder } = run(events("o-resp-text.sse"));
    const usage = { input: 12, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, output: 2, thinking: 0 };
    expect(ir).toEqual([
      {
        type: "message_start",
        id: "resp_sanitized_streaming",
        model: "gpt-4o-mini-2024-07-18",
        usage: { input: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, output: 0, thinking: 0 },
        rawUsage: null,
      },
      { type: "part_start", index: 0, part: { kind: "text" } },
      { type: "text_delta", index: 0, text: "OK" },
      { type: "part_stop", index: 0 },
      {
        type: "message_delta",
        stopReason: { value: "stop", raw: "completed" },
        usage,
        rawUsage: {
          input_tokens: 12,
          input_tokens_details: { cache_write_tokens: 0, cached_tokens: 0 },
          output_tokens: 2,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: 14,
        },
      },
      { type: "message_stop" },
    ]);
    expect(decoder.outcome).toBe("finished");
    expect(decoder.usage()).toEqual(usage);
  });
});

describe("hand-made Responses streams", () => {
  it("o-resp-reasoning-tool.sse: reasoning → signed thinking, text, a tool call; cached and reasoning tokens", () => {
    const { ir, decoder } = run(events("o-resp-reasoning-tool.sse"));
    expect(ir.map((e) => ("index" in e ? `${e.type}:${e.index}` : e.type))).toEqual([
      "message_start",
      "part_start:0",
      "thinking_delta:0",
      "thinking_delta:0",
      "signature_delta:0",
      "part_stop:0",
      "part_start:1",
      "text_delta:1",
      "text_delta:1",
      "part_stop:1",
      "part_start:2",
      "tool_input_delta:2",
      "tool_input_delta:2",
      "part_stop:2",
      "message_delta",
      "message_stop",
    ]);
    const signature = ir.find((e) => e.type === "signature_delta");
    expect(decodeReasoningToken(signature?.type === "signature_delta" ? signature.signature : "")).toEqual({
      kind: "token",
      token: {
        v: 1,
        openai: { id: "rs_handmade_1", encrypted_content: "gAAAAABoHandMadeOpenAiCiphertext0001==" },
      },
    });
    expect(ir.find((e) => e.type === "part_start" && e.index === 2)).toEqual({
      type: "part_start",
      index: 2,
      part: { kind: "tool_call", id: "call_HandMade0001", name: "get_weather" },
    });
    expect(ir.find((e) => e.type === "message_delta")).toMatchObject({ stopReason: { value: "tool_calls" } });
    expect(decoder.usage()).toEqual({
      input: 176,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      cacheRead: 1024,
      output: 80,
      thinking: 40,
    });
  });

  it("o-resp-incomplete.sse: a custom tool call as {input} JSON, then a length stop", () => {
    const { ir } = run(events("o-resp-incomplete.sse"));
    expect(ir.filter((e) => e.type === "tool_input_delta")).toEqual([
      {
        type: "tool_input_delta",
        index: 0,
        partialJson: JSON.stringify({ input: "*** Begin Patch\n*** End Patch\n" }),
      },
    ]);
    expect(ir.find((e) => e.type === "message_delta")).toMatchObject({
      stopReason: { value: "length", raw: "max_output_tokens" },
    });
  });

  it("o-resp-failed.sse: the failure ends the stream as an upstream error, billed by the abnormal-end rule", () => {
    const { ir, decoder } = run(events("o-resp-failed.sse"), new OpenAiResponsesStreamDecoder());
    expect(ir.at(-1)).toEqual({
      type: "error",
      kind: "upstream",
      message: "The server had an error while processing your request.",
      raw: "server_error",
    });
    expect(decoder.outcome).toBe("errored");
    expect([decoder.completed, decoder.failed, decoder.reported()]).toEqual([false, true, undefined]);
    expect(billableUsageOf(decoder, 50)).toMatchObject({ input: 50, output: 3 });
  });
});
