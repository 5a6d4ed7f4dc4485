// Anthropic SSE events → IR stream events, and what the decoder knows at the end.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sseEvents } from "../../test-fixtures/replay.ts";
import type { IrStreamEvent } from "../ir/stream.ts";
import type { SseEvent } from "../sse/decoder.ts";
import { AnthropicStreamDecoder } from "./stream-decoder.ts";

const REC = new URL("../../../../fixtures/recorded/", import.meta.url);
const events = (file: string) => sseEvents(new Uint8Array(readFileSync(new URL(file, REC))));
const frame = (type: string, body: Record<string, unknown> = {}): SseEvent => ({
  event: type,
  data: JSON.stringify({ type, ...body }),
});
const start = frame("message_start", { message: { id: "msg_1", model: "m", usage: { input_tokens: 3 } } });

function decodeAll(evs: SseEvent[]): { out: IrStreamEvent[]; decoder: AnthropicStreamDecoder } {
  const decoder = new AnthropicStreamDecoder();
  const out = evs.flatMap((e) => decoder.decode(e)).concat(decoder.end());
  return { out, decoder };
}

describe("AnthropicStreamDecoder", () => {
  it("decodes a-tool-no-args.sse into IR events (pings and the empty partial_json dropped)", () => {
    const { out, decoder } = decodeAll(events("a-tool-no-args.sse"));
    expect(out.map((e) => e.type)).toEqual([
      "message_start",
      "part_start",
      "text_delta",
      "text_delta",
      "part_stop",
      "part_start",
      "part_stop",
      "message_delta",
      "message_stop",
    ]);
    expect(out[5]).toEqual({
      type: "part_start",
      index: 1,
      part: { kind: "tool_call", id: "toolu_01QE1WLsSVp5hy5Q3GmGTmjP", name: "updateIssueList" },
    });
    expect(out[7]).toMatchObject({
      stopReason: { value: "tool_calls", raw: "tool_use" },
      usage: { input: 565, output: 48 },
    });
    expect([decoder.outcome, decoder.error, decoder.usage().output]).toEqual(["finished", undefined, 48]);
  });

  it("drops server-tool blocks and their deltas, keeping the indices of the rest", () => {
    const { out } = decodeAll([
      start,
      frame("content_block_start", {
        index: 0,
        content_block: { type: "server_tool_use", id: "s", name: "web_search", input: {} },
      }),
      frame("content_block_delta", {
        index: 0,
        delta: { type: "input_json_delta", partial_json: '{"q":1}' },
      }),
      frame("content_block_stop", { index: 0 }),
      frame("content_block_start", { index: 1, content_block: { type: "text", text: "Hi" } }),
      frame("content_block_delta", { index: 1, delta: { type: "citations_delta", citation: {} } }),
      frame("content_block_stop", { index: 1 }),
    ]);
    expect(out.slice(1, 4)).toEqual([
      { type: "part_start", index: 1, part: { kind: "text" } },
      { type: "text_delta", index: 1, text: "Hi" },
      { type: "part_stop", index: 1 },
    ]);
  });

  it("turns bad JSON into an error event, never a throw, and stops translating after it", () => {
    const decoder = new AnthropicStreamDecoder();
    decoder.decode(start);
    expect(decoder.decode({ event: "content_block_delta", data: "{oops" })).toEqual([
      { type: "error", kind: "upstream", message: "The upstream sent an unreadable event.", raw: "" },
    ]);
    expect(decoder.decode(frame("message_stop"))).toEqual([]);
    expect(decoder.end()).toEqual([]);
    expect(decoder.outcome).toBe("errored");
  });

  it("fails a stream whose content comes before message_start (nothing to attach it to)", () => {
    const { out, decoder } = decodeAll([
      frame("ping"),
      frame("content_block_start", { index: 0, content_block: { type: "text", text: "" } }),
    ]);
    expect(out).toEqual([
      {
        type: "error",
        kind: "upstream",
        message: "The upstream sent an event before message_start.",
        raw: "",
      },
    ]);
    expect(decoder.outcome).toBe("errored");
  });

  it("ignores event types added after this code", () => {
    const { out } = decodeAll([start, frame("content_block_rewind", { index: 0 }), frame("message_stop")]);
    expect(out.map((e) => e.type)).toEqual(["message_start", "message_stop"]);
  });

  it("maps event: error types to gateway kinds, hiding messages about the upstream account", () => {
    const err = (type: string) =>
      decodeAll([
        start,
        frame("error", { error: { type, message: "Your credit balance is too low" } }),
      ]).out.at(-1);
    expect(err("overloaded_error")).toEqual({
      type: "error",
      kind: "overloaded",
      message: "Your credit balance is too low",
      raw: "overloaded_error",
    });
    expect(err("billing_error")).toEqual({
      type: "error",
      kind: "upstream",
      message: "The upstream provider refused the request.",
      raw: "billing_error",
    });
  });

  it("reports a stream that closed before message_stop, with an estimated usage", () => {
    const cut = events("a-text.sse").slice(0, 5);
    const { out, decoder } = decodeAll(cut);
    expect(out.at(-1)).toMatchObject({ type: "error", kind: "upstream" });
    expect(decoder.outcome).toBe("errored");
    // "Hello! I" is 8 UTF-8 bytes: ceil(8 / 4) = 2 output tokens.
    expect(decoder.usage()).toMatchObject({ input: 12, output: 2 });
  });
});
