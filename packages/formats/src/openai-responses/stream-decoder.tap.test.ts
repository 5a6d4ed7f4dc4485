// The Responses stream decoder as the usage tap of a GPT upstream: what it reports, what it
// counts as relayed, and what is billed however the stream ends.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sseEvents } from "../../test-fixtures/replay.ts";
import type { SseEvent } from "../sse/decoder.ts";
import type { UsageRecord } from "../usage.ts";
import { billableUsageOf, endedNormally } from "../usage-tap.ts";
import { OpenAiResponsesStreamDecoder } from "./stream-decoder.ts";

const REC = new URL("../../../../fixtures/recorded/", import.meta.url);
const recorded = (file: string) => sseEvents(new Uint8Array(readFileSync(new URL(file, REC))));

function tap(evs: SseEvent[]): OpenAiResponsesStreamDecoder {
  const t = new OpenAiResponsesStreamDecoder();
  for (const ev of evs) t.onEvent(ev);
  return t;
}

const usage = (u: Partial<UsageRecord>): UsageRecord => ({
  input: 0,
  cacheWrite5m: 0,
  cacheWrite1h: 0,
  cacheRead: 0,
  output: 0,
  thinking: 0,
  ...u,
});

const ev = (data: { type: string } & Record<string, unknown>): SseEvent => ({
  event: data.type,
  data: JSON.stringify(data),
});
const response = (extra: Record<string, unknown>) => ({
  id: "resp_1",
  model: "gpt-5.5",
  output: [],
  ...extra,
});
const created = (tier = "auto") =>
  ev({
    type: "response.created",
    response: response({ status: "in_progress", usage: null, service_tier: tier }),
  });
const added = (output_index: number, item: Record<string, unknown>) =>
  ev({ type: "response.output_item.added", output_index, item });
const itemDone = (output_index: number, item: Record<string, unknown>) =>
  ev({ type: "response.output_item.done", output_index, item });
const delta = (type: string, output_index: number, text: string, content_index?: number) =>
  ev({ type, output_index, delta: text, ...(content_index === undefined ? {} : { content_index }) });

// 1000 input tokens of which 600 cached; 300 output of which 200 reasoning.
const GPT_USAGE = {
  input_tokens: 1000,
  input_tokens_details: { cached_tokens: 600 },
  output_tokens: 300,
  output_tokens_details: { reasoning_tokens: 200 },
  total_tokens: 1300,
};
const BILLED = usage({ input: 400, cacheRead: 600, output: 300, thinking: 200 });
const completed = (extra: Record<string, unknown> = {}) =>
  ev({
    type: "response.completed",
    response: response({ status: "completed", usage: GPT_USAGE, service_tier: "default", ...extra }),
  });

describe("o-resp-text.sse (recorded) as a tap", () => {
  it("reports OpenAI's usage at the end, with the relayed text counted beside it", () => {
    const t = tap(recorded("o-resp-text.sse"));
    // service_tier "default" at the end: the standard rate, no tier in the record.
    expect(t.reported()).toEqual(usage({ input: 12, output: 2 }));
    // "OK": 2 bytes → 1.
    expect(t.relayed()).toEqual({ output: 1, thinking: 0 });
    expect([t.completed, t.failed, endedNormally(t)]).toEqual([true, false, true]);
    expect(billableUsageOf(t, 5000)).toEqual(usage({ input: 12, output: 2 }));
  });

  it("cut at every event boundary: relayed() never decreases, and the estimate is billed until the end", () => {
    const all = recorded("o-resp-text.sse");
    expect(all).toHaveLength(9);
    const relayed: number[] = [];
    for (let k = 0; k <= all.length; k++) {
      const t = tap(all.slice(0, k));
      relayed.push(t.relayed().output);
      const normal = k === all.length;
      expect([k, t.completed, endedNormally(t)]).toEqual([k, normal, normal]);
      expect([k, t.reported() === undefined]).toEqual([k, !normal]);
      const billed = normal ? usage({ input: 12, output: 2 }) : usage({ input: 40, output: relayed[k] });
      expect([k, billableUsageOf(t, 40)]).toEqual([k, billed]);
    }
    // The one output_text.delta is the fifth event.
    expect(relayed).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    for (let k = 1; k < relayed.length; k++) expect(relayed[k]).toBeGreaterThanOrEqual(relayed[k - 1] ?? 0);
  });
});

describe("hosted tool calls", () => {
  // Every kind of output item a Responses stream can open, in one answer.
  const items: Array<Record<string, unknown>> = [
    { type: "web_search_call", id: "ws_1", status: "in_progress" },
    { type: "file_search_call", id: "fs_1", status: "in_progress", queries: [] },
    { type: "code_interpreter_call", id: "ci_1", status: "in_progress", container_id: "cntr_1" },
    { type: "image_generation_call", id: "ig_1", status: "in_progress" },
    { type: "function_call", id: "fc_1", call_id: "call_1", name: "get_weather", arguments: "" },
    { type: "local_shell_call", id: "ls_1", call_id: "call_2", action: { type: "exec", command: ["ls"] } },
    { type: "computer_call", id: "cu_1", call_id: "call_3", action: { type: "screenshot" } },
    { type: "custom_tool_call", id: "ct_1", call_id: "call_4", name: "apply_patch", input: "" },
    { type: "web_search_call", id: "ws_2", status: "in_progress" },
    { type: "tool_search_call", id: "ts_1", execution: "client", call_id: "call_5" },
    { type: "tool_search_call", id: "ts_2", execution: "server" },
    { type: "shell_call", id: "sh_1", call_id: "call_6" },
    { type: "apply_patch_call", id: "ap_1", call_id: "call_7" },
    { type: "mcp_call", id: "mcp_1", server_label: "docs", name: "search" },
    { type: "message", id: "msg_1", status: "in_progress", content: [], role: "assistant" },
    { type: "reasoning", id: "rs_1", summary: [] },
  ];
  const HOSTED = {
    web_search: 2,
    file_search: 1,
    code_interpreter: 1,
    image_generation: 1,
    tool_search: 1,
    mcp: 1,
  };
  const stream = [
    created(),
    ...items.map((item, i) => added(i, item)),
    // A done item is the same call: never counted twice.
    itemDone(0, { type: "web_search_call", id: "ws_1", status: "completed" }),
    delta("response.function_call_arguments.delta", 4, '{"city":"Paris"}'),
    delta("response.custom_tool_call_input.delta", 7, "*** Begin Patch\n"),
    delta("response.refusal.delta", 14, "I can't help with that.", 0),
    delta("response.reasoning_summary_text.delta", 15, "Thinking hard."),
  ];

  it("counts the hosted calls from response.output_item.added, never the client's own tools", () => {
    const t = tap([...stream, completed()]);
    expect(t.reported()).toEqual({ ...BILLED, toolUses: HOSTED });
    expect(endedNormally(t)).toBe(true);
  });

  it("counts tool-argument, custom-tool-input, refusal and reasoning deltas as relayed", () => {
    // Generated: '{"city":"Paris"}' 16 + "*** Begin Patch\n" 16 + "I can't help with that." 23
    // = 55 bytes → 14; reasoning "Thinking hard." 14 bytes → 4.
    expect(tap(stream).relayed()).toEqual({ output: 18, thinking: 4, toolUses: HOSTED });
  });

  it("a stream cut before its terminal event still bills the calls it began", () => {
    const t = tap(stream);
    expect([t.completed, t.reported()]).toEqual([false, undefined]);
    expect(billableUsageOf(t, 2000)).toEqual(
      usage({ input: 2000, output: 18, thinking: 4, toolUses: HOSTED }),
    );
    // Cut right after the first call opened: that one call is billed.
    expect(billableUsageOf(tap(stream.slice(0, 2)), 10).toolUses).toEqual({ web_search: 1 });
  });

  it("a call that opens after the terminal event is not the response's", () => {
    const t = tap([created(), completed(), added(0, { type: "web_search_call", id: "ws_late" })]);
    expect(t.reported()).toEqual(BILLED);
  });
});

describe("the service tier of a Responses stream", () => {
  const tierOf = (evs: SseEvent[]) => tap(evs).reported()?.serviceTier;

  it("is read from the terminal response, not from response.created", () => {
    expect(tierOf([created("priority"), completed({ service_tier: "default" })])).toBeUndefined();
    expect(tierOf([created("auto"), completed({ service_tier: "priority" })])).toBe("priority");
    expect(tierOf([created(), completed({ service_tier: "flex" })])).toBe("flex");
    expect(tierOf([created(), completed({ service_tier: null })])).toBeUndefined();
  });

  it("an incomplete response is a normal end, at its tier", () => {
    const t = tap([
      created(),
      ev({
        type: "response.incomplete",
        response: response({
          status: "incomplete",
          incomplete_details: { reason: "max_output_tokens" },
          usage: GPT_USAGE,
          service_tier: "priority",
        }),
      }),
    ]);
    expect(t.reported()).toEqual({ ...BILLED, serviceTier: "priority" });
    expect(endedNormally(t)).toBe(true);
  });
});

describe("failed Responses streams", () => {
  it("a failed response's own usage is billed by the abnormal-end rule", () => {
    const t = tap([
      created(),
      ev({
        type: "response.failed",
        response: response({
          status: "failed",
          error: { code: "server_error", message: "boom" },
          usage: GPT_USAGE,
          service_tier: "priority",
        }),
      }),
    ]);
    expect([t.completed, t.failed, endedNormally(t)]).toEqual([false, true, false]);
    expect(t.reported()).toEqual({ ...BILLED, serviceTier: "priority" });
    // Input side 1000 < estimate 1500: 500 more uncached.
    expect(billableUsageOf(t, 1500)).toEqual({ ...BILLED, input: 900, serviceTier: "priority" });
  });

  it("an error event or an unreadable frame fails the stream, with nothing reported", () => {
    for (const last of [
      ev({ type: "error", code: "server_error", message: "boom" }),
      { event: "response.output_text.delta", data: "{not json" },
    ]) {
      const t = tap([created(), last, completed()]);
      expect([t.completed, t.failed, t.reported()]).toEqual([false, true, undefined]);
      expect(billableUsageOf(t, 70)).toEqual(usage({ input: 70 }));
    }
  });

  it("a usage that is not an object is no usage: the end is abnormal", () => {
    for (const bad of [[], "300", 12]) {
      const t = tap([created(), completed({ usage: bad })]);
      expect([t.completed, t.reported(), endedNormally(t)]).toEqual([true, undefined, false]);
      expect(billableUsageOf(t, 25)).toEqual(usage({ input: 25 }));
    }
  });
});
