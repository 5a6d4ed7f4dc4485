import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SseDecoder, type SseEvent } from "../sse/decoder.ts";
import type { UsageRecord } from "../usage.ts";
import { billableUsageOf, endedNormally } from "../usage-tap.ts";
import { AnthropicStreamEventSchema } from "./schema.ts";
import { AnthropicStreamUsage, isPlainDelta, readAnthropicStreamEvent } from "./stream-usage.ts";

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

const usage = (u: Partial<UsageRecord>): UsageRecord => ({
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

describe("deltas: the hand-checked fast path and the schema, side by side", () => {
  const read = (data: unknown) =>
    readAnthropicStreamEvent({ event: "content_block_delta", data: JSON.stringify(data) });
  const delta = (d: unknown, index: unknown = 0) => ({ type: "content_block_delta", index, delta: d });

  // Frames the fast path takes: the schema must accept each, and read it the same.
  const PLAIN: Array<[string, unknown]> = [
    ["text", { ...delta({ type: "text_delta", text: "hé" }, 2), extra: 1 }],
    ["thinking", delta({ type: "thinking_delta", thinking: "hm" })],
    ["tool input", delta({ type: "input_json_delta", partial_json: '{"a":' })],
    ["signature", delta({ type: "signature_delta", signature: "EqQB" })],
    ["a citation", delta({ type: "citations_delta", citation: { x: 1 } })],
  ];
  // Frames the fast path declines: the schema must refuse each, and the frame is unreadable.
  const REFUSED: Array<[string, unknown]> = [
    ["a negative index", delta({ type: "text_delta", text: "a" }, -1)],
    ["a fractional index", delta({ type: "text_delta", text: "a" }, 1.5)],
    ["a string index", delta({ type: "text_delta", text: "a" }, "0")],
    ["no delta", { type: "content_block_delta", index: 0 }],
    ["a null delta", delta(null)],
    ["a delta without type", delta({ text: "a" })],
    ["a non-string text", delta({ type: "text_delta", text: 5 })],
    ["a non-string partial_json", delta({ type: "input_json_delta", partial_json: {} })],
  ];

  it.each(PLAIN)("%s: taken by the fast path, accepted by the schema, the same event", (_name, json) => {
    expect(isPlainDelta(json)).toBe(true);
    const parsed = AnthropicStreamEventSchema.safeParse(json);
    expect(parsed.success).toBe(true);
    expect(read(json)).toEqual({ kind: "event", event: parsed.data });
  });

  it.each(REFUSED)("%s: declined by the fast path, refused by the schema, unreadable", (_name, json) => {
    expect(isPlainDelta(json)).toBe(false);
    expect(AnthropicStreamEventSchema.safeParse(json).success).toBe(false);
    expect(read(json).kind).toBe("invalid");
  });
});

describe("AnthropicStreamUsage as a usage tap", () => {
  it("a-text.sse: reported() is the vendor's usage, relayed() the text it streamed, a normal end", () => {
    const t = follow(events("a-text.sse"));
    // service_tier "standard" is the standard rate: no tier in the record.
    expect(t.reported()).toEqual(usage({ input: 12, output: 30 }));
    // The six text deltas: 108 UTF-8 bytes → 27.
    expect(t.relayed()).toEqual({ output: 27, thinking: 0 });
    expect([t.completed, t.failed, endedNormally(t)]).toEqual([true, false, true]);
    expect(billableUsageOf(t, 1000)).toEqual(usage({ input: 12, output: 30 }));
  });

  it("a-tool-no-args.sse: text and tool-input deltas both count as relayed output", () => {
    const t = follow(events("a-tool-no-args.sse"));
    // "I'll update the issue list for" + " you." = 35 bytes, and the empty partial_json: 9.
    expect(t.relayed()).toEqual({ output: 9, thinking: 0 });
    expect(t.reported()).toEqual(usage({ input: 565, output: 48 }));
  });

  it("a-thinking-summarized.sse: thinking deltas are relayed thinking, within the output", () => {
    const t = follow(events("a-thinking-summarized.sse"));
    // Thinking 190 bytes → 48; text 552 bytes → 138.
    expect(t.relayed()).toEqual({ output: 186, thinking: 48 });
    expect(t.reported()).toEqual(usage({ input: 47, output: 373, thinking: 62 }));
  });

  it("a-text.sse cut after every event: billed by the abnormal-end rule until message_stop", () => {
    const all = events("a-text.sse");
    expect(all.map((e) => e.event)).toEqual([
      "message_start",
      "content_block_start",
      "ping",
      ...Array<string>(6).fill("content_block_delta"),
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    // Text bytes after each delta: 5, 8, 43, 69, 72, 108 → 2, 2, 11, 18, 18, 27 tokens.
    const relayedAfter = [0, 0, 0, 0, 2, 2, 11, 18, 18, 27, 27, 27, 27];
    // An estimate of 50 input tokens: above message_start's 12, so the input is 50 until the end.
    const billedAfter = [
      usage({ input: 50 }),
      ...[1, 1, 1, 2, 2, 11, 18, 18, 27, 27].map((output) => usage({ input: 50, output })),
      usage({ input: 50, output: 30 }), // message_delta's 30, but no message_stop
      usage({ input: 12, output: 30 }), // a normal end: the report exactly
    ];
    for (let k = 0; k <= all.length; k++) {
      const t = follow(all.slice(0, k));
      expect([k, t.relayed().output]).toEqual([k, relayedAfter[k]]);
      expect([k, billableUsageOf(t, 50)]).toEqual([k, billedAfter[k]]);
      expect([k, t.completed]).toEqual([k, k === all.length]);
      expect([k, t.reported() === undefined]).toEqual([k, k === 0]);
    }
  });

  it("an error frame fails the stream even when message_stop follows", () => {
    const evs = events("a-text.sse");
    evs.splice(-1, 0, {
      event: "error",
      data: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
    });
    const t = follow(evs);
    expect([t.completed, t.failed, endedNormally(t)]).toEqual([true, true, false]);
    // Output: message_delta's 30 (above the 27 relayed); input raised to the estimate.
    expect(billableUsageOf(t, 40)).toEqual(usage({ input: 40, output: 30 }));
  });

  it("an unreadable frame fails the stream; an unknown event type does not", () => {
    const bad = events("a-text.sse");
    bad.splice(3, 0, { event: "content_block_delta", data: "{not json" });
    expect([follow(bad).failed, follow(bad).completed]).toEqual([true, true]);
    const unknown = events("a-text.sse");
    unknown.splice(3, 0, frame("content_block_rewind", { index: 0 }));
    expect([follow(unknown).failed, endedNormally(follow(unknown))]).toEqual([false, true]);
  });

  it("reports nothing before message_start", () => {
    const t = follow([]);
    expect([t.reported(), t.relayed(), t.completed, t.failed]).toEqual([
      undefined,
      { output: 0, thinking: 0 },
      false,
      false,
    ]);
  });
});

describe("server tools and service tiers in an Anthropic stream", () => {
  const start = (u: Record<string, unknown>) =>
    frame("message_start", { message: { id: "msg_t", model: "claude-sonnet-4-5", usage: u } });
  const toolBlock = (index: number, name: string) =>
    frame("content_block_start", {
      index,
      content_block: { type: "server_tool_use", id: `srvtoolu_${index}`, name, input: {} },
    });
  const resultBlock = (index: number) =>
    frame("content_block_start", {
      index,
      content_block: { type: "web_search_tool_result", tool_use_id: "srvtoolu_0", content: [] },
    });
  const query = (index: number, json: string) =>
    frame("content_block_delta", { index, delta: { type: "input_json_delta", partial_json: json } });
  const end = (u: Record<string, unknown>) => [
    frame("message_delta", { delta: { stop_reason: "end_turn" }, usage: u }),
    frame("message_stop", {}),
  ];

  const body = [
    start({ input_tokens: 100, output_tokens: 1, service_tier: "priority" }),
    toolBlock(0, "web_search"),
    query(0, '{"query":"x"}'),
    resultBlock(1),
    toolBlock(2, "web_search"),
    toolBlock(3, "bash_code_execution"),
    toolBlock(4, "text_editor_code_execution"),
    toolBlock(5, "web_fetch"),
  ];

  it("counts per tool the larger of the server_tool_use blocks and usage.server_tool_use", () => {
    const t = follow([
      ...body,
      ...end({
        output_tokens: 50,
        server_tool_use: { web_search_requests: 1, web_fetch_requests: 3, code_execution_requests: 0 },
      }),
    ]);
    // web_search: 2 blocks > 1 reported; web_fetch: 3 reported > 1 block; code execution: its two
    // sub-tools are one tool, and it has no counter of its own.
    expect(t.reported()).toEqual(
      usage({
        input: 100,
        output: 50,
        serviceTier: "priority",
        toolUses: { web_search: 2, web_fetch: 3, code_execution: 2 },
      }),
    );
    expect(endedNormally(t)).toBe(true);
  });

  it("reads only the *_requests counters, and ignores zero or unreadable ones", () => {
    const t = follow([
      start({ input_tokens: 1, output_tokens: 1 }),
      ...end({
        output_tokens: 2,
        server_tool_use: { web_search_requests: 0, web_fetch_requests: "2", web_search_results: 5 },
      }),
    ]);
    expect(t.reported()).toEqual(usage({ input: 1, output: 2 }));
  });

  it("a stream cut before message_delta still bills the tools its blocks ran, and the tier", () => {
    const t = follow(body);
    // '{"query":"x"}' is the only generated text: 13 bytes → 4.
    expect(t.relayed()).toEqual({ output: 4, thinking: 0 });
    expect(billableUsageOf(t, 300)).toEqual(
      usage({
        input: 300,
        output: 4,
        serviceTier: "priority",
        toolUses: { web_search: 2, code_execution: 2, web_fetch: 1 },
      }),
    );
  });

  it("reports the priority tier, never the standard one", () => {
    const tier = (value: unknown) =>
      follow([
        start({ input_tokens: 1, output_tokens: 1, service_tier: value }),
        ...end({ output_tokens: 1 }),
      ]).reported()?.serviceTier;
    expect(tier("priority")).toBe("priority");
    expect(tier("standard")).toBeUndefined();
    expect(tier(undefined)).toBeUndefined();
  });

  it("takes the tier from message_delta's usage when it names one", () => {
    const t = follow([
      start({ input_tokens: 1, output_tokens: 1, service_tier: "standard" }),
      ...end({ output_tokens: 3, service_tier: "priority" }),
    ]);
    expect(t.reported()?.serviceTier).toBe("priority");
  });
});
