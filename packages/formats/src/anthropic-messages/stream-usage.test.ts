import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SseDecoder, type SseEvent } from "../sse/decoder.ts";
import { AnthropicStreamUsage, readAnthropicStreamEvent } from "./stream-usage.ts";

const FIXTURES = new URL("../../../../fixtures/recorded/", import.meta.url);

function events(name: string): SseEvent[] {
  const d = new SseDecoder();
  return d.push(new Uint8Array(readFileSync(new URL(name, FIXTURES)))).concat(d.end());
}

function follow(evs: SseEvent[]): AnthropicStreamUsage {
  const t = new AnthropicStreamUsage();
  for (const ev of evs) t.onEvent(ev);
  return t;
}

const frame = (type: string, body: Record<string, unknown>): SseEvent => ({
  event: type,
  data: JSON.stringify({ type, ...body }),
});

const usage = (u: Partial<Record<string, number>>) => ({
  input: 0,
  cacheWrite5m: 0,
  cacheWrite1h: 0,
  cacheRead: 0,
  output: 0,
  thinking: 0,
  ...u,
});

describe("recorded Anthropic streams", () => {
  // Numbers read off each file's message_start and message_delta.
  const cases = [
    [
      "a-text.sse",
      "msg_01QC4g3HwBThD4BaNtBckFDJ",
      "claude-sonnet-4-5-20250929",
      "end_turn",
      usage({ input: 12, output: 30 }),
    ],
    [
      "a-tool-no-args.sse",
      "msg_01GE2RKp1VYsPzdFs3sS9z5S",
      "claude-sonnet-4-5-20250929",
      "tool_use",
      usage({ input: 565, output: 48 }),
    ],
    [
      "a-thinking-summarized.sse",
      "msg_011CdZqGg4K3tq97K7RDtTw7",
      "claude-sonnet-5",
      "end_turn",
      usage({ input: 47, output: 373, thinking: 62 }),
    ],
    [
      "a-refusal.sse",
      "msg_01RefusalStreamAbcdefghijk",
      "claude-fable-5",
      "refusal",
      usage({ input: 18, output: 5 }),
    ],
  ] as const;

  for (const [file, id, model, stop, expected] of cases) {
    it(`${file}: usage, stop reason, id and model`, () => {
      const t = follow(events(file));
      expect(t.usage()).toEqual(expected);
      expect([t.messageId, t.model, t.stopReason, t.finished, t.sawError, t.parseErrors]).toEqual([
        id,
        model,
        stop,
        true,
        false,
        0,
      ]);
    });
  }
});

describe("cumulative message_delta usage", () => {
  const start = frame("message_start", {
    message: {
      id: "msg_1",
      model: "m",
      usage: {
        input_tokens: 100,
        cache_creation_input_tokens: 300,
        cache_read_input_tokens: 50,
        cache_creation: { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 200 },
        output_tokens: 1,
      },
    },
  });

  it("keeps input and cache from message_start when message_delta has only output_tokens", () => {
    const t = follow([
      start,
      frame("message_delta", { delta: { stop_reason: "end_turn" }, usage: { output_tokens: 9 } }),
    ]);
    expect(t.usage()).toEqual(
      usage({ input: 100, cacheWrite5m: 100, cacheWrite1h: 200, cacheRead: 50, output: 9 }),
    );
  });

  it("replaces rather than adds when message_delta repeats (null fields keep message_start's)", () => {
    const t = follow([
      start,
      frame("message_delta", { delta: {}, usage: { output_tokens: 10 } }),
      frame("message_delta", {
        delta: { stop_reason: "max_tokens" },
        usage: { input_tokens: 100, cache_read_input_tokens: null, output_tokens: 25 },
      }),
    ]);
    expect(t.usage()).toEqual(
      usage({ input: 100, cacheWrite5m: 100, cacheWrite1h: 200, cacheRead: 50, output: 25 }),
    );
    expect(t.stopReason).toBe("max_tokens");
  });
});

describe("a stream cut before message_delta", () => {
  const cut = (file: string) =>
    events(file).filter((e) => e.event !== "message_delta" && e.event !== "message_stop");

  it("estimates output from the generated text", () => {
    const t = follow(cut("a-text.sse"));
    // "Hello! I'm doing well, … help you with?" is 108 UTF-8 bytes: ceil(108 / 4) = 27.
    expect(t.usage()).toEqual(usage({ input: 12, output: 27 }));
    expect([t.finished, t.stopReason]).toEqual([false, null]);
  });

  it("estimates thinking from thinking deltas, within output", () => {
    const t = follow(cut("a-thinking-summarized.sse"));
    // Thinking deltas: 190 UTF-8 bytes → 48; thinking + text: 190 + 552 = 742 bytes → 186.
    expect(t.usage()).toEqual(usage({ input: 47, output: 186, thinking: 48 }));
  });

  it("never estimates below message_start's output_tokens", () => {
    const t = follow(cut("a-tool-no-args.sse").slice(0, 1));
    expect(t.usage()).toEqual(usage({ input: 565, output: 7 }));
  });
});

describe("errors inside the stream", () => {
  it("records an event: error mid-stream", () => {
    const evs = events("a-text.sse").slice(0, 4);
    evs.push({
      event: "error",
      data: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
    });
    const t = follow(evs);
    expect(t.sawError).toBe(true);
    expect(t.error).toEqual({ type: "overloaded_error", message: "Overloaded" });
    expect(t.finished).toBe(false);
    // "Hello" = 5 bytes → 2, above message_start's 1.
    expect(t.usage()).toEqual(usage({ input: 12, output: 2 }));
  });

  it("records an error frame whose data is not JSON as api_error", () => {
    const t = follow([{ event: "error", data: "upstream exploded" }]);
    expect(t.error).toEqual({ type: "api_error", message: "upstream exploded" });
    expect(t.parseErrors).toBe(1);
  });

  it("counts bad JSON and schema-invalid frames without throwing, then carries on", () => {
    const evs = events("a-text.sse");
    evs.splice(
      2,
      0,
      { event: "content_block_delta", data: "{not json" },
      frame("message_start", { message: {} }),
    );
    const t = new AnthropicStreamUsage();
    expect(() => {
      for (const ev of evs) t.onEvent(ev);
    }).not.toThrow();
    expect(t.parseErrors).toBe(2);
    expect(t.lastParseError).toMatch(/^invalid message_start event at message\.id/);
    expect(t.usage()).toEqual(usage({ input: 12, output: 30 }));
    expect(t.sawError).toBe(false);
  });

  it("ignores event types it does not know, without counting a parse error", () => {
    const t = follow([frame("content_block_rewind", { index: 0 }), { data: "{}" }]);
    expect([t.parseErrors, t.sawError]).toEqual([0, false]);
  });
});

describe("readAnthropicStreamEvent on deltas (the hand-checked fast path)", () => {
  const read = (data: unknown) =>
    readAnthropicStreamEvent({ event: "content_block_delta", data: JSON.stringify(data) });

  it("accepts what the schema accepts", () => {
    const ok = { type: "content_block_delta", index: 2, delta: { type: "text_delta", text: "hé" }, extra: 1 };
    expect(read(ok)).toEqual({ kind: "event", event: ok });
    const citation = {
      type: "content_block_delta",
      index: 0,
      delta: { type: "citations_delta", citation: { x: 1 } },
    };
    expect(read(citation)).toEqual({ kind: "event", event: citation });
  });

  it.each([
    [
      "a negative index",
      { type: "content_block_delta", index: -1, delta: { type: "text_delta", text: "a" } },
    ],
    [
      "a fractional index",
      { type: "content_block_delta", index: 1.5, delta: { type: "text_delta", text: "a" } },
    ],
    ["no delta", { type: "content_block_delta", index: 0 }],
    ["a delta without type", { type: "content_block_delta", index: 0, delta: { text: "a" } }],
    ["a non-string text", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: 5 } }],
  ])("refuses %s, as the schema does", (_name, bad) => {
    expect(read(bad).kind).toBe("invalid");
  });
});
