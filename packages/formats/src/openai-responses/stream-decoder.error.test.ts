// Broken or failing Responses streams of a GPT upstream: every failure becomes one error event,
// never a throw and never a made-up finish.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HAND_MADE_RESPONSES, sseEvents } from "../../test-fixtures/replay.ts";
import { GatewayError } from "../errors.ts";
import type { IrStreamEvent } from "../ir/stream.ts";
import type { SseEvent } from "../sse/decoder.ts";
import { renderOpenAiResponsesStreamError } from "./errors.ts";
import { OpenAiResponsesStreamDecoder } from "./stream-decoder.ts";

const HAND = new URL("../../test-fixtures/", import.meta.url);
const REC = new URL("../../../../fixtures/recorded/", import.meta.url);
const events = (file: string) =>
  sseEvents(new Uint8Array(readFileSync(new URL(file, HAND_MADE_RESPONSES.includes(file) ? HAND : REC))));

function run(evs: SseEvent[], decoder = new OpenAiResponsesStreamDecoder()) {
  const ir: IrStreamEvent[] = evs.flatMap((ev) => decoder.decode(ev)).concat(decoder.end());
  return { ir, decoder };
}
const frame = (data: unknown, event?: string): SseEvent => ({
  data: JSON.stringify(data),
  ...(event ? { event } : {}),
});
const created = frame({ type: "response.created", response: { id: "resp_1", model: "gpt-5.5", output: [] } });

describe("what the decoder does with a broken stream", () => {
  it("a stream closed before its terminal event is an upstream error", () => {
    const { ir, decoder } = run(events("o-resp-text.sse").slice(0, -1));
    expect(ir.at(-1)).toMatchObject({ type: "error", kind: "upstream" });
    expect(decoder.outcome).toBe("errored");
  });

  it("an unreadable frame, or an output event before response.created, ends the stream", () => {
    expect(run([created, { data: "{not json" }]).ir.at(-1)).toMatchObject({
      type: "error",
      kind: "upstream",
    });
    const early = frame({
      type: "response.output_text.delta",
      output_index: 0,
      content_index: 0,
      delta: "x",
    });
    expect(run([early]).ir).toEqual([
      {
        type: "error",
        kind: "upstream",
        message: "The upstream sent an event before response.created.",
        raw: "",
      },
    ]);
  });

  it("a top-level error event, flat or nested, maps OpenAI's code to our kind", () => {
    const flat = frame(
      { type: "error", code: "rate_limit_exceeded", message: "Slow down. Try again in 2s." },
      "error",
    );
    expect(run([created, flat]).ir.at(-1)).toEqual({
      type: "error",
      kind: "rate_limit",
      message: "Slow down. Try again in 2s.",
      raw: "rate_limit_exceeded",
    });
    const nested = frame({ type: "error", error: { code: "context_length_exceeded", message: "Too long." } });
    expect(run([created, nested]).ir.at(-1)).toMatchObject({
      kind: "invalid_request",
      message: "prompt is too long: Too long.",
    });
  });

  it("the gateway's own upstream error frame (renderOpenAiResponsesStreamError) is read back as that error", () => {
    const text = renderOpenAiResponsesStreamError(
      new GatewayError("upstream", "The upstream stream ended unexpectedly."),
    );
    const evs = sseEvents(new TextEncoder().encode(text));
    expect(run([created, ...evs]).ir.at(-1)).toEqual({
      type: "error",
      kind: "upstream",
      message: "The upstream stream ended unexpectedly.",
      raw: "upstream_error",
    });
  });

  it("events it does not model (hosted tools, keepalives) are skipped", () => {
    const skipped = frame({ type: "response.web_search_call.searching", output_index: 0, item_id: "ws_1" });
    const done = frame({
      type: "response.completed",
      response: { id: "resp_1", status: "completed", output: [] },
    });
    expect(run([created, skipped, done]).ir.map((e) => e.type)).toEqual([
      "message_start",
      "message_delta",
      "message_stop",
    ]);
  });

  it("content that arrives only in output_item.done is passed on", () => {
    const item = {
      type: "message",
      id: "msg_1",
      role: "assistant",
      content: [{ type: "output_text", text: "Hi" }],
    };
    const evs = [
      created,
      frame({ type: "response.output_item.added", output_index: 0, item: { ...item, content: [] } }),
      frame({ type: "response.output_item.done", output_index: 0, item }),
      frame({ type: "response.completed", response: { id: "resp_1", status: "completed" } }),
    ];
    expect(run(evs).ir.slice(1, 4)).toEqual([
      { type: "part_start", index: 0, part: { kind: "text" } },
      { type: "text_delta", index: 0, text: "Hi" },
      { type: "part_stop", index: 0 },
    ]);
  });
});
