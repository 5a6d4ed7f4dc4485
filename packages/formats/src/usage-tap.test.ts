// The metering contract shared by every usage tap: what is billed for a normal end and for any
// abnormal one, and how the relayed output is counted.
import { describe, expect, it } from "vitest";
import type { UsageRecord } from "./usage.ts";
import {
  billableUsage,
  billableUsageOf,
  endedNormally,
  GeneratedText,
  type RelayedOutput,
  type UsageTap,
} from "./usage-tap.ts";

const usage = (u: Partial<UsageRecord>): UsageRecord => ({
  input: 0,
  cacheWrite5m: 0,
  cacheWrite1h: 0,
  cacheRead: 0,
  output: 0,
  thinking: 0,
  ...u,
});

/** A tap that reports what it is told: the contract's inputs, without a wire format. */
function fakeTap(
  completed: boolean,
  failed: boolean,
  reported?: UsageRecord,
  relayed?: RelayedOutput,
): UsageTap {
  return {
    onEvent: () => {},
    completed,
    failed,
    reported: () => reported,
    relayed: () => relayed ?? { output: 0, thinking: 0 },
    created: () => [],
  };
}

describe("billableUsage on a normal end", () => {
  it("bills the reported usage exactly, however far the estimate and the relayed output are from it", () => {
    const reported = usage({
      input: 10,
      cacheWrite1h: 4,
      cacheRead: 90,
      output: 5,
      thinking: 2,
      serviceTier: "priority",
      toolUses: { web_search: 1 },
    });
    const billed = billableUsage(reported, { output: 500, thinking: 100 }, 10_000, true);
    expect(billed).toEqual(
      usage({
        input: 10,
        cacheWrite1h: 4,
        cacheRead: 90,
        output: 5,
        thinking: 2,
        serviceTier: "priority",
        toolUses: { web_search: 1 },
      }),
    );
  });

  it("a 'normal' end without reported usage is billed as an abnormal one", () => {
    expect(billableUsage(undefined, { output: 12, thinking: 4 }, 300, true)).toEqual(
      usage({ input: 300, output: 12, thinking: 4 }),
    );
  });
});

describe("billableUsage on an abnormal end", () => {
  // Input side 100 + 20 + 30 + 50 = 200 tokens.
  const reported = usage({
    input: 100,
    cacheWrite5m: 20,
    cacheWrite1h: 30,
    cacheRead: 50,
    output: 7,
    thinking: 3,
  });

  it("raises the input to the estimate as uncached input, keeping the vendor's cache split", () => {
    // 1000 − 200 = 800 more uncached tokens.
    expect(billableUsage(reported, { output: 0, thinking: 0 }, 1000, false)).toEqual(
      usage({ input: 900, cacheWrite5m: 20, cacheWrite1h: 30, cacheRead: 50, output: 7, thinking: 3 }),
    );
  });

  it("keeps the reported input when it is above the estimate (never lowers it)", () => {
    expect(billableUsage(reported, { output: 0, thinking: 0 }, 150, false)).toEqual(reported);
    expect(billableUsage(reported, { output: 0, thinking: 0 }, 0, false)).toEqual(reported);
  });

  it("bills the output as the larger of reported and relayed, thinking likewise", () => {
    expect(billableUsage(reported, { output: 40, thinking: 25 }, 0, false)).toMatchObject({
      output: 40,
      thinking: 25,
    });
    const more = usage({ ...reported, output: 60, thinking: 30 });
    expect(billableUsage(more, { output: 40, thinking: 25 }, 0, false)).toMatchObject({
      output: 60,
      thinking: 30,
    });
    // The reported output is larger, the relayed thinking is: each side takes its own maximum.
    expect(billableUsage(reported, { output: 5, thinking: 5 }, 0, false)).toMatchObject({
      output: 7,
      thinking: 5,
    });
  });

  it("clamps thinking within the output", () => {
    expect(billableUsage(undefined, { output: 3, thinking: 9 }, 0, false)).toMatchObject({
      output: 3,
      thinking: 3,
    });
    expect(
      billableUsage(usage({ output: 2, thinking: 5 }), { output: 0, thinking: 0 }, 0, false),
    ).toMatchObject({ output: 2, thinking: 2 });
  });

  it("with no reported usage at all bills the estimate as input plus the relayed output", () => {
    expect(billableUsage(undefined, { output: 12, thinking: 4 }, 300, false)).toEqual(
      usage({ input: 300, output: 12, thinking: 4 }),
    );
    expect(billableUsage(undefined, { output: 0, thinking: 0 }, 0, false)).toEqual(usage({}));
  });

  it("keeps the reported tier and tool uses, and leaves the reported record untouched", () => {
    const r = usage({ input: 5, output: 1, serviceTier: "priority", toolUses: { web_search: 2 } });
    const before = structuredClone(r);
    const billed = billableUsage(r, { output: 9, thinking: 0 }, 50, false);
    expect(billed).toEqual(
      usage({ input: 50, output: 9, serviceTier: "priority", toolUses: { web_search: 2 } }),
    );
    expect(r).toEqual(before);
  });

  it("bills per server tool the larger of the uses reported and the calls the stream showed", () => {
    const r = usage({ input: 5, toolUses: { web_search: 2, web_fetch: 1 } });
    const before = structuredClone(r);
    const relayed = { output: 0, thinking: 0, toolUses: { web_search: 1, web_fetch: 3, file_search: 2 } };
    expect(billableUsage(r, relayed, 0, false).toolUses).toEqual({
      web_search: 2,
      web_fetch: 3,
      file_search: 2,
    });
    expect(billableUsage(undefined, relayed, 10, false)).toEqual(
      usage({ input: 10, toolUses: { web_search: 1, web_fetch: 3, file_search: 2 } }),
    );
    expect(r).toEqual(before);
    // A normal end bills the report alone: the stream's calls are already in it.
    expect(billableUsage(r, relayed, 0, true).toolUses).toEqual({ web_search: 2, web_fetch: 1 });
  });
});

describe("GeneratedText.counted", () => {
  it("counts nothing for nothing", () => {
    expect(new GeneratedText().counted()).toEqual({ output: 0, thinking: 0 });
  });

  it("estimates the whole text and the whole thinking, then sums them", () => {
    const g = new GeneratedText();
    g.add("Hello");
    g.addThinking("I think");
    g.add(" world");
    g.addThinking(" so.");
    // "Hello world" 11 bytes → 3 (the pieces alone would give 2 + 2); "I think so." 11 bytes → 3.
    expect(g.counted()).toEqual({ output: 6, thinking: 3 });
  });

  it("counts UTF-8 bytes, and one token for any non-empty text", () => {
    const g = new GeneratedText();
    g.add("€");
    expect(g.counted()).toEqual({ output: 1, thinking: 0 });
    g.add("€€€");
    // 4 × 3 bytes = 12 → 3.
    expect(g.counted()).toEqual({ output: 3, thinking: 0 });
    g.addThinking("é");
    expect(g.counted()).toEqual({ output: 4, thinking: 1 });
  });

  it("an empty delta adds nothing", () => {
    const g = new GeneratedText();
    g.add("");
    g.addThinking("");
    expect(g.counted()).toEqual({ output: 0, thinking: 0 });
  });
});

describe("endedNormally", () => {
  const r = usage({ input: 1, output: 1 });
  it.each([
    [true, false, r, true],
    [false, false, r, false],
    [true, true, r, false],
    [false, true, r, false],
    [true, false, undefined, false],
  ] as const)("completed %s, failed %s, reported %o → %s", (completed, failed, reported, normal) => {
    expect(endedNormally(fakeTap(completed, failed, reported))).toBe(normal);
  });
});

describe("billableUsageOf", () => {
  const reported = usage({ input: 20, cacheRead: 10, output: 4 });
  const relayed = { output: 9, thinking: 2 };

  it("bills a tap that ended normally at its report", () => {
    expect(billableUsageOf(fakeTap(true, false, reported, relayed), 500)).toEqual(reported);
  });

  it("bills a failed, unfinished or unreported tap by the abnormal-end rule", () => {
    // 500 − 30 = 470 more uncached input; output max(4, 9).
    const abnormal = usage({ input: 490, cacheRead: 10, output: 9, thinking: 2 });
    expect(billableUsageOf(fakeTap(true, true, reported, relayed), 500)).toEqual(abnormal);
    expect(billableUsageOf(fakeTap(false, false, reported, relayed), 500)).toEqual(abnormal);
    expect(billableUsageOf(fakeTap(true, false, undefined, relayed), 500)).toEqual(
      usage({ input: 500, output: 9, thinking: 2 }),
    );
  });
});
