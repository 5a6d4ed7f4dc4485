// The usage tap of a Chat Completions stream from an OpenAI upstream: the usage chunk, [DONE],
// error frames, what the deltas relayed, and the hand-checked fast path against the schema.
import { describe, expect, it } from "vitest";
import type { SseEvent } from "../sse/decoder.ts";
import type { UsageRecord } from "../usage.ts";
import { billableUsageOf, endedNormally } from "../usage-tap.ts";
import { OpenAiChatChunkSchema, OpenAiChatStreamUsage } from "./stream-usage.ts";

const usage = (u: Partial<UsageRecord>): UsageRecord => ({
  input: 0,
  cacheWrite5m: 0,
  cacheWrite1h: 0,
  cacheRead: 0,
  output: 0,
  thinking: 0,
  ...u,
});

const data = (json: unknown): SseEvent => ({ data: JSON.stringify(json) });
const DONE: SseEvent = { data: "[DONE]" };
/** A chunk as OpenAI streams it: one choice, and the service tier on every chunk. */
const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  data({
    id: "chatcmpl-1",
    object: "chat.completion.chunk",
    created: 1_760_000_000,
    model: "gpt-5.5",
    service_tier: "default",
    choices: [{ index: 0, delta, logprobs: null, finish_reason: null }],
    ...extra,
  });
const text = (content: string) => chunk({ content });
// 100 prompt tokens of which 64 cached; 20 completion tokens of which 5 reasoning.
const USAGE = {
  prompt_tokens: 100,
  completion_tokens: 20,
  total_tokens: 120,
  prompt_tokens_details: { cached_tokens: 64 },
  completion_tokens_details: { reasoning_tokens: 5 },
};
const usageChunk = (tier = "default") =>
  data({ id: "chatcmpl-1", object: "chat.completion.chunk", service_tier: tier, choices: [], usage: USAGE });

function follow(evs: SseEvent[]): OpenAiChatStreamUsage {
  const t = new OpenAiChatStreamUsage();
  for (const ev of evs) t.onEvent(ev);
  return t;
}

const stream = [
  chunk({ role: "assistant", content: "" }),
  text("Hello"),
  text(" world"),
  chunk({}, { choices: [{ index: 0, delta: {}, finish_reason: "stop" }] }),
  usageChunk(),
  DONE,
];

describe("OpenAiChatStreamUsage", () => {
  it("a complete stream: the usage chunk is reported, [DONE] completes it, a normal end", () => {
    const t = follow(stream);
    expect(t.reported()).toEqual(usage({ input: 36, cacheRead: 64, output: 20, thinking: 5 }));
    // "Hello world": 11 bytes → 3.
    expect(t.relayed()).toEqual({ output: 3, thinking: 0 });
    expect([t.completed, t.failed, endedNormally(t)]).toEqual([true, false, true]);
    expect(billableUsageOf(t, 900)).toEqual(usage({ input: 36, cacheRead: 64, output: 20, thinking: 5 }));
  });

  it("without [DONE] or without the usage chunk the end is abnormal", () => {
    const noDone = follow(stream.slice(0, -1));
    expect([noDone.completed, endedNormally(noDone)]).toEqual([false, false]);
    // Prompt 100 < estimate 150: 50 more uncached; output: the reported 20.
    expect(billableUsageOf(noDone, 150)).toEqual(
      usage({ input: 86, cacheRead: 64, output: 20, thinking: 5 }),
    );
    const noUsage = follow([...stream.slice(0, 4), DONE]);
    expect([noUsage.completed, noUsage.reported(), endedNormally(noUsage)]).toEqual([true, undefined, false]);
    expect(billableUsageOf(noUsage, 150)).toEqual(usage({ input: 150, output: 3 }));
  });

  it("cut after every event: relayed() never decreases, the estimate is billed until the end", () => {
    const relayedAfter = [0, 0, 2, 3, 3, 3, 3];
    for (let k = 0; k <= stream.length; k++) {
      const t = follow(stream.slice(0, k));
      expect([k, t.relayed().output]).toEqual([k, relayedAfter[k]]);
      if (k < stream.length - 1)
        expect([k, billableUsageOf(t, 10)]).toEqual([k, usage({ input: 10, output: relayedAfter[k] })]);
    }
  });

  it("reports a priority tier, never the standard ones", () => {
    expect(follow([text("a"), usageChunk("priority"), DONE]).reported()?.serviceTier).toBe("priority");
    expect(follow([text("a"), usageChunk("default"), DONE]).reported()?.serviceTier).toBeUndefined();
    expect(follow([text("a"), usageChunk("auto"), DONE]).reported()?.serviceTier).toBeUndefined();
    // The tier named on a content chunk counts too.
    expect(
      follow([chunk({ content: "a" }, { service_tier: "priority" }), usageChunk("priority"), DONE]).reported()
        ?.serviceTier,
    ).toBe("priority");
  });

  it("an error frame fails the stream, even when [DONE] follows", () => {
    const t = follow([
      text("Hello"),
      data({ error: { message: "The server had an error.", type: "server_error", code: null } }),
      DONE,
    ]);
    expect([t.completed, t.failed, endedNormally(t)]).toEqual([true, true, false]);
    expect(billableUsageOf(t, 30)).toEqual(usage({ input: 30, output: 2 }));
  });

  it("an unreadable frame fails the stream, whether bad JSON or the wrong shape", () => {
    for (const bad of [{ data: "{not json" }, data({ choices: "x" }), data({ usage: 5 }), data([1, 2])]) {
      const t = follow([text("Hi"), bad, usageChunk(), DONE]);
      expect(t.failed).toBe(true);
      expect(endedNormally(t)).toBe(false);
    }
  });

  it("read() is true for the usage-only chunk alone", () => {
    const t = new OpenAiChatStreamUsage();
    expect(stream.map((ev) => t.read(ev))).toEqual([false, false, false, false, true, false]);
    // Usage riding on a chunk with a choice is not a usage-only chunk; nor is a null usage.
    expect(t.read(chunk({ content: "x" }, { usage: USAGE }))).toBe(false);
    expect(t.read(data({ choices: [], usage: null }))).toBe(false);
    expect(t.read({ data: "{not json" })).toBe(false);
  });

  it("counts content, refusal and tool-call argument deltas as output, reasoning_content as thinking", () => {
    const t = follow([
      text("Let me check."),
      chunk({
        tool_calls: [
          { index: 0, id: "call_1", type: "function", function: { name: "get_weather", arguments: "" } },
        ],
      }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
      chunk({ refusal: "No." }),
      chunk({ reasoning_content: "Thinking hard." }),
    ]);
    // "Let me check." 13 + '{"city":"Paris"}' 16 + "No." 3 = 32 bytes → 8; thinking 14 bytes → 4.
    expect(t.relayed()).toEqual({ output: 12, thinking: 4 });
  });

  it("counts every choice of an n > 1 stream", () => {
    const t = follow([
      data({
        choices: [
          { index: 0, delta: { content: "abcd" } },
          { index: 1, delta: { content: "efgh" } },
        ],
      }),
    ]);
    expect(t.relayed()).toEqual({ output: 2, thinking: 0 });
  });
});

describe("the hand-checked fast path and the zod path", () => {
  // The same chunk with a second, empty choice: it cannot take the fast path (which reads only
  // one-choice chunks), and the empty choice changes nothing the tap reports.
  function viaZod(json: Record<string, unknown>): Record<string, unknown> {
    const choices = Array.isArray(json.choices) ? json.choices : [];
    return { ...json, choices: [...choices, { index: 1, delta: {} }] };
  }

  function observe(json: unknown) {
    const t = new OpenAiChatStreamUsage();
    const read = t.read(data(json));
    t.read(usageChunk("priority"));
    t.read(DONE);
    return { read, failed: t.failed, relayed: t.relayed(), reported: t.reported() };
  }

  const choice = (delta: unknown) => ({ choices: [{ index: 0, delta }] });
  const chunks: Array<[string, Record<string, unknown>]> = [
    ["plain content", choice({ content: "Hello" })],
    ["content with a role", choice({ role: "assistant", content: "héllo wörld" })],
    ["empty content", choice({ content: "" })],
    ["null content", choice({ content: null })],
    ["an empty delta", choice({})],
    ["a null delta", choice(null)],
    ["no delta", { choices: [{ index: 0, finish_reason: "stop" }] }],
    [
      "null fields the tap reads",
      { ...choice({ content: "x", refusal: null, tool_calls: null }), usage: null },
    ],
    ["the standard tier", { ...choice({ content: "abc" }), service_tier: "default" }],
    ["the priority tier", { ...choice({ content: "abc" }), service_tier: "priority" }],
    [
      "unknown fields",
      { ...choice({ content: "abc", x_extra: { a: 1 } }), system_fingerprint: "fp_1", obfuscation: "zz" },
    ],
    ["a refusal", choice({ refusal: "I can't." })],
    ["reasoning", choice({ reasoning_content: "Hmm." })],
    ["tool arguments", choice({ tool_calls: [{ index: 0, function: { arguments: '{"a":1}' } }] })],
    ["a numeric content", choice({ content: 5 })],
    ["an array delta", choice([])],
    ["a string delta", choice("x")],
    ["a null choice", { choices: [null] }],
    ["a numeric service tier", { ...choice({ content: "abc" }), service_tier: 7 }],
    ["a numeric refusal", choice({ refusal: 1 })],
    ["an error", { ...choice({ content: "abc" }), error: { message: "boom" } }],
  ];

  it.each(chunks)(
    "%s: the same result both ways, and failed exactly when the schema refuses it",
    (_name, json) => {
      const fast = observe(json);
      const zod = observe(viaZod(json));
      expect(fast).toEqual(zod);
      const refused = !OpenAiChatChunkSchema.safeParse(json).success || json.error !== undefined;
      expect(fast.failed).toBe(refused);
    },
  );

  it("the cases above are not all alike: each path saw content, refusals and failures", () => {
    const results = chunks.map(([, json]) => observe(json));
    expect(results.filter((r) => r.failed).length).toBe(7);
    // "Hello" 5 → 2; "héllo wörld" 13 bytes → 4.
    expect(results.slice(0, 2).map((r) => r.relayed.output)).toEqual([2, 4]);
    expect(results[0]?.reported?.serviceTier).toBe("priority");
  });
});
