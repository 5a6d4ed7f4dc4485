import { describe, expect, it } from "vitest";
import { PLANS } from "./plans.ts";
import { BUCKET_MS, RateWindow, WINDOW_MS } from "./window.ts";

const basic = { rpm: PLANS.basic.rpm, tpm: PLANS.basic.tpm }; // 200 RPM, 1,000,000 TPM

/** A window holding `entries` ([time, tokens]), each admitted as the Durable Object would. */
function windowOf(entries: Array<[number, number]>): RateWindow {
  const w = new RateWindow();
  for (const [at, tokens] of entries) w.add(at, 1, tokens);
  return w;
}

/** Admits requests one by one, checking each first. */
function admitAll(times: number[], tokens = 100): RateWindow {
  const w = new RateWindow();
  for (const at of times) {
    expect(w.check(at, basic, tokens)).toEqual({ ok: true });
    w.add(at, 1, tokens);
  }
  return w;
}

describe("sliding window: requests", () => {
  // 200 requests, one every 100 ms from t=0 to t=19,900
  const times = Array.from({ length: 200 }, (_, i) => i * 100);

  it("admits 200 and refuses the 201st until the oldest request leaves", () => {
    const w = admitAll(times);
    // the request at 0 leaves at 60,000; at 30,000 that is 30,000 ms away
    expect(w.check(30_000, basic, 100)).toEqual({ ok: false, limit: "requests", retryAfterMs: 30_000 });
    expect(w.check(59_999, basic, 100)).toEqual({ ok: false, limit: "requests", retryAfterMs: 1 });
    expect(w.check(60_000, basic, 100)).toEqual({ ok: true });
  });

  it("slides: one slot per expired bucket", () => {
    const w = admitAll(times);
    w.add(60_000, 1, 100);
    // at 60,050 the request at 100 is still in; it leaves at 60,100
    expect(w.check(60_050, basic, 100)).toEqual({ ok: false, limit: "requests", retryAfterMs: 50 });
    expect(w.check(60_100, basic, 100)).toEqual({ ok: true });
  });

  it("has no double burst at a minute boundary", () => {
    // 200 requests at t=59,000 (end of a fixed minute): a new fixed minute at 60,000 would
    // allow 200 more; the sliding window waits until 119,000.
    const w = windowOf(Array.from({ length: 200 }, () => [59_000, 100] as [number, number]));
    expect(w.check(61_000, basic, 100)).toEqual({ ok: false, limit: "requests", retryAfterMs: 58_000 });
    expect(w.check(119_000, basic, 100)).toEqual({ ok: true });
  });

  it("never frees a bucket before its last request leaves: at most one bucket width late", () => {
    // Two requests in one 100 ms bucket, at 0 and 70: the bucket leaves when the one at 70 does.
    const w = new RateWindow();
    const limits = { rpm: 2, tpm: 1_000 };
    w.add(0, 1, 1);
    w.add(70, 1, 1);
    expect(w.check(60_000, limits, 1)).toEqual({ ok: false, limit: "requests", retryAfterMs: 70 });
    expect(w.check(60_070, limits, 1)).toEqual({ ok: true });
    expect(BUCKET_MS).toBe(100);
  });

  it("costs the same however busy the key is: 100,000 requests fit in 600 buckets", () => {
    const w = new RateWindow();
    for (let i = 0; i < 100_000; i++) w.add(i * 0.5, 1, 1);
    expect(w.used(50_000)).toEqual({ requests: 100_000, tokens: 100_000 });
    // At 70,000 the first 10 s (20,000 requests) have left.
    expect(w.used(70_000).requests).toBe(80_000);
  });
});

describe("sliding window: tokens", () => {
  // 400K at 0, 400K at 10,000, 150K at 20,000: 950K of 1,000,000 used
  const w = windowOf([
    [0, 400_000],
    [10_000, 400_000],
    [20_000, 150_000],
  ]);

  it("admits what fits exactly", () => {
    expect(w.check(30_000, basic, 50_000)).toEqual({ ok: true });
  });

  it("refuses with the wait for enough tokens to leave", () => {
    // 300K needs 250K freed: the request at 0 (leaves at 60,000) is enough → 30,000 ms
    expect(w.check(30_000, basic, 300_000)).toEqual({ ok: false, limit: "tokens", retryAfterMs: 30_000 });
    // 700K needs 650K freed: the requests at 0 and 10,000 → leaves at 70,000 → 40,000 ms
    expect(w.check(30_000, basic, 700_000)).toEqual({ ok: false, limit: "tokens", retryAfterMs: 40_000 });
    expect(w.check(70_000, basic, 700_000)).toEqual({ ok: true });
  });

  it("corrects a request's tokens to its real usage while its bucket is in the window", () => {
    const c = windowOf([[1_000, 500]]);
    c.correct(1_000, 1_500); // it used 2,000, not the 500 estimated
    expect(c.used(2_000).tokens).toBe(2_000);
    c.correct(1_000, -5_000); // never below zero
    expect(c.used(2_000).tokens).toBe(0);
    c.correct(1_000 + WINDOW_MS * 2, 10); // a bucket long reused: nothing to correct
    expect(c.used(2_000).tokens).toBe(0);
  });

  it("reports a single request larger than the TPM limit as never admissible", () => {
    const empty = new RateWindow();
    expect(empty.check(0, basic, 1_000_000)).toEqual({ ok: true });
    expect(empty.check(0, basic, 1_000_001)).toEqual({
      ok: false,
      limit: "oversize",
      estimateTokens: 1_000_001,
      tpm: 1_000_000,
    });
  });

  it("reports the limit that frees later when both refuse", () => {
    const limits = { rpm: 2, tpm: 1_000 };
    // requests: the request at 0 leaves at 60,000; tokens: 950 + 600 needs 550 freed, also at 60,000
    const both = windowOf([
      [0, 900],
      [5_000, 50],
    ]);
    expect(both.check(10_000, limits, 600)).toEqual({ ok: false, limit: "requests", retryAfterMs: 50_000 });
    // requests free at 60,000; 910 + 600 needs 510 freed: only at 65,000
    const tokensLater = windowOf([
      [0, 10],
      [5_000, 900],
    ]);
    expect(tokensLater.check(10_000, limits, 600)).toEqual({
      ok: false,
      limit: "tokens",
      retryAfterMs: 55_000,
    });
  });

  it("rejects bad limits and estimates", () => {
    expect(() => new RateWindow().check(0, { rpm: 0, tpm: 10 }, 1)).toThrow(RangeError);
    expect(() => new RateWindow().check(0, basic, -1)).toThrow(RangeError);
  });
});

describe("what the rate-limit headers report", () => {
  const w = windowOf([
    [1_000, 500],
    [2_000, 300],
    [30_000, 200],
  ]);

  it("counts and reports what remains", () => {
    expect(w.used(30_000)).toEqual({ requests: 3, tokens: 1_000 });
    // at 61,000 the request at 1,000 has left (it counts while now < 61,000)
    expect(w.used(61_000)).toEqual({ requests: 2, tokens: 500 });
    expect(w.status(30_000, basic).remaining).toEqual({ requests: 197, tokens: 999_000 });
    expect(w.status(30_000, { rpm: 2, tpm: 10 }).remaining).toEqual({ requests: 0, tokens: 0 });
  });

  it("gives reset times", () => {
    expect(w.status(30_000, basic).resetAt).toEqual({
      requests: 30_000 + WINDOW_MS,
      tokens: 30_000 + WINDOW_MS,
    });
    expect(new RateWindow().status(5, basic).resetAt).toEqual({ requests: 5, tokens: 5 });
    // a request with no tokens holds the request window only
    expect(
      windowOf([
        [1_000, 100],
        [2_000, 0],
      ]).status(3_000, basic).resetAt,
    ).toEqual({ requests: 62_000, tokens: 61_000 });
  });
});
