/**
 * The billing matrix of issue "One metering pipeline": 4 caller formats × 3 vendors × how the
 * stream ends. The charge equals cost() of the contract's usage, computed here independently of
 * the gateway: a normal end bills the vendor's usage (the mock's count: input from its counter,
 * output from the text it generated); any abnormal end bills input = max(reported, admission's
 * estimate) and output = the tokens of the deltas the client was relayed.
 */

import { estimateTokens } from "@cc/formats";
import { describe, expect, it } from "vitest";
import { newAccountWithKey } from "./helpers.ts";
import {
  callProxy,
  costOf,
  estimateOf,
  expectBooksBalance,
  FORMATS,
  type Format,
  marker,
  mockInputTokens,
  readSse,
  requestBody,
  seenUpstream,
  usageRow,
  VENDORS,
  type Vendor,
} from "./metering.helpers.ts";

type Ending =
  | { kind: "complete" }
  | { kind: "hangup"; afterDeltas: number }
  | { kind: "scenario"; scenario: "cut" | "stream-error" | "reset" | "garbled" };

const ENDINGS: Array<[string, Ending]> = [
  ["complete", { kind: "complete" }],
  ["client hang-up after 1 delta", { kind: "hangup", afterDeltas: 1 }],
  ["client hang-up after 2 deltas", { kind: "hangup", afterDeltas: 2 }],
  ["client hang-up after 3 deltas", { kind: "hangup", afterDeltas: 3 }],
  ["upstream cut", { kind: "scenario", scenario: "cut" }],
  ["upstream error frame", { kind: "scenario", scenario: "stream-error" }],
  ["upstream connection reset", { kind: "scenario", scenario: "reset" }],
  ["upstream garbled frame", { kind: "scenario", scenario: "garbled" }],
];

const CASES = FORMATS.flatMap((format) =>
  (Object.keys(VENDORS) as Vendor[]).map((vendor) => [format, vendor] as [Format, Vendor]),
);

describe.each(CASES)("%s in, %s upstream", (format, vendor) => {
  const model = VENDORS[vendor];

  it.each(ENDINGS)("%s: charged exactly cost(contract usage)", async (_name, ending) => {
    const caller = await newAccountWithKey({ usd: "5" });
    const mark = marker();
    // A long enough answer for several deltas; the mock echoes the first 60 characters.
    const text = `Tell me a story about the metering pipeline, please ${mark}`;
    const body = requestBody(format, model, text, { stream: true });
    const scenario =
      ending.kind === "hangup" ? "slow; delay=150" : ending.kind === "scenario" ? ending.scenario : undefined;
    const res = await callProxy(format, caller.key, body, scenario ? { scenario } : {});
    expect(res.status).toBe(200);
    const read = await readSse(format, res, ending.kind === "hangup" ? ending.afterDeltas : undefined);
    const requestId = res.headers.get("request-id");

    const seen = await seenUpstream(mark);
    const reportedInput = await mockInputTokens(seen);
    const relayed = estimateTokens(read.text) + estimateTokens(read.thinking);
    let expected: number;
    if (ending.kind === "complete") {
      expected = costOf(model, { input: reportedInput, output: relayed });
    } else {
      // Claude reports its input at message_start and Gemini on every chunk, before any delta; GPT
      // reports nothing before the end.
      const reported = vendor === "gpt" ? 0 : reportedInput;
      const input = Math.max(reported, estimateOf(seen.body));
      expected = costOf(model, { input, output: Math.max(vendor === "claude" ? 1 : 0, relayed) });
    }
    const row = await usageRow(requestId);
    expect(row.cost_nano).toBe(expected);
    expect(row.outcome).toBe(
      ending.kind === "complete" ? "ok" : ending.kind === "hangup" ? "client_hangup" : "stream_error",
    );
    const books = await expectBooksBalance(caller.accountId);
    expect(books.charged).toBe(expected);
    expect(books.balanceNano).toBe(5_000_000_000 - expected);
  });
});
