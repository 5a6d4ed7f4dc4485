import { describe, expect, it } from "vitest";
import { PLANS } from "./plans.ts";
import {
  checkAdmission,
  nextExpiryAt,
  pruneEntries,
  remaining,
  resetAt,
  WINDOW_MS,
  type WindowEntry,
  windowUsage,
} from "./window.ts";

const basic = { rpm: PLANS.basic.rpm, tpm: PLANS.basic.tpm }; // 200 RPM, 1,000,000 TPM
const entry = (at: number, tokens = 100, id = `r${at}`): WindowEntry => ({ at, requests: 1, tokens, id });

/** Admit requests one by one as the Durable Object would, appending on success. */
function admitAll(times: number[], tokens = 100): WindowEntry[] {
  const log: WindowEntry[] = [];
  for (const at of times) {
    expect(checkAdmission(log, at, basic, tokens)).toEqual({ ok: true });
    log.push(entry(at, tokens));
  }
  return log;
}

describe("sliding window: requests", () => {
  // 200 requests, one every 100 ms from t=0 to t=19,900
  const log = admitAll(Array.from({ length: 200 }, (_, i) => i * 100));

  it("admits 200 and refuses the 201st until the oldest entry leaves", () => {
    // the entry at t=0 leaves at 60,000; at 30,000 that is 30,000 ms away
    expect(checkAdmission(log, 30_000, basic, 100)).toEqual({
      ok: false,
      limit: "requests",
      retryAfterMs: 30_000,
    });
    expect(checkAdmission(log, 59_999, basic, 100)).toEqual({
      ok: false,
      limit: "requests",
      retryAfterMs: 1,
    });
    expect(checkAdmission(log, 60_000, basic, 100)).toEqual({ ok: true });
  });

  it("slides: one slot per expired entry", () => {
    const later = [...log, entry(60_000)];
    // at 60,050 the entry at 100 is still in; it leaves at 60,100
    expect(checkAdmission(later, 60_050, basic, 100)).toEqual({
      ok: false,
      limit: "requests",
      retryAfterMs: 50,
    });
    expect(checkAdmission(later, 60_100, basic, 100)).toEqual({ ok: true });
  });

  it("has no double burst at a minute boundary", () => {
    // 200 requests at t=59,000 (end of a fixed minute): at 61,000 a new fixed minute would
    // allow 200 more; the sliding window waits until 119,000.
    const burst = Array.from({ length: 200 }, (_, i) => entry(59_000, 100, `b${i}`));
    expect(checkAdmission(burst, 61_000, basic, 100)).toEqual({
      ok: false,
      limit: "requests",
      retryAfterMs: 58_000,
    });
    expect(checkAdmission(burst, 119_000, basic, 100)).toEqual({ ok: true });
  });

  it("does not depend on entry order", () => {
    const shuffled = [...log].reverse();
    expect(checkAdmission(shuffled, 30_000, basic, 100)).toEqual({
      ok: false,
      limit: "requests",
      retryAfterMs: 30_000,
    });
  });
});

describe("sliding window: tokens", () => {
  // 400K at 0, 400K at 10,000, 150K at 20,000: 950K of 1,000,000 used
  const log = [entry(0, 400_000), entry(10_000, 400_000), entry(20_000, 150_000)];

  it("admits what fits exactly", () => {
    expect(checkAdmission(log, 30_000, basic, 50_000)).toEqual({ ok: true });
  });

  it("refuses with the exact wait for enough tokens to leave", () => {
    // 300K needs 250K freed: the entry at 0 (leaves at 60,000) is enough → 30,000 ms
    expect(checkAdmission(log, 30_000, basic, 300_000)).toEqual({
      ok: false,
      limit: "tokens",
      retryAfterMs: 30_000,
    });
    // 700K needs 650K freed: entries at 0 and 10,000 → leaves at 70,000 → 40,000 ms
    expect(checkAdmission(log, 30_000, basic, 700_000)).toEqual({
      ok: false,
      limit: "tokens",
      retryAfterMs: 40_000,
    });
    expect(checkAdmission(log, 70_000, basic, 700_000)).toEqual({ ok: true });
  });

  it("reports a single request larger than the TPM limit as never admissible", () => {
    expect(checkAdmission([], 0, basic, 1_000_000)).toEqual({ ok: true });
    expect(checkAdmission([], 0, basic, 1_000_001)).toEqual({
      ok: false,
      limit: "oversize",
      estimateTokens: 1_000_001,
      tpm: 1_000_000,
    });
  });

  it("reports the limit that frees later when both refuse", () => {
    const limits = { rpm: 2, tpm: 1_000 };
    const both = [entry(0, 900), entry(5_000, 50)];
    // requests: the entry at 0 leaves at 60,000; tokens: 950 + 600 needs 550 freed, also at 60,000
    expect(checkAdmission(both, 10_000, limits, 600)).toEqual({
      ok: false,
      limit: "requests",
      retryAfterMs: 50_000,
    });
    const tokensLater = [entry(0, 10), entry(5_000, 900)];
    // requests free at 60,000; 910 + 600 needs 510 freed: only at 65,000
    expect(checkAdmission(tokensLater, 10_000, limits, 600)).toEqual({
      ok: false,
      limit: "tokens",
      retryAfterMs: 55_000,
    });
  });

  it("rejects bad limits and estimates", () => {
    expect(() => checkAdmission([], 0, { rpm: 0, tpm: 10 }, 1)).toThrow(RangeError);
    expect(() => checkAdmission([], 0, basic, -1)).toThrow(RangeError);
  });
});

describe("window helpers", () => {
  const log = [entry(1_000, 500), entry(2_000, 300), entry(30_000, 200)];

  it("counts, prunes and reports what remains", () => {
    expect(windowUsage(log, 30_000)).toEqual({ requests: 3, tokens: 1_000 });
    // at 61,000 the entry at 1,000 has left (it counts while now < 61,000)
    expect(windowUsage(log, 61_000)).toEqual({ requests: 2, tokens: 500 });
    expect(pruneEntries(log, 62_000)).toEqual([entry(30_000, 200)]);
    expect(remaining(log, 30_000, basic)).toEqual({ requests: 197, tokens: 999_000 });
    expect(remaining(log, 30_000, { rpm: 2, tpm: 10 })).toEqual({ requests: 0, tokens: 0 });
  });

  it("gives reset and next-expiry times", () => {
    expect(resetAt(log, 30_000)).toEqual({ requests: 30_000 + WINDOW_MS, tokens: 30_000 + WINDOW_MS });
    expect(resetAt([], 5)).toEqual({ requests: 5, tokens: 5 });
    // an entry with no tokens holds the request window only
    expect(resetAt([entry(1_000), entry(2_000, 0)], 3_000)).toEqual({ requests: 62_000, tokens: 61_000 });
    expect(nextExpiryAt(log, 30_000)).toBe(61_000);
    expect(nextExpiryAt(log, 61_000)).toBe(62_000);
    expect(nextExpiryAt(log, 90_000)).toBeUndefined();
  });
});
