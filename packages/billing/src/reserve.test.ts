import { describe, expect, it } from "vitest";
import { cost } from "./cost.ts";
import { LIST_PRICE, PLANS } from "./plans.ts";
import { DEFAULT_PRICE_TABLE, type PriceRow } from "./prices.ts";
import { DEFAULT_MAX_OUTPUT_TOKENS, reservationCost } from "./reserve.ts";

const row = (model: string): PriceRow => DEFAULT_PRICE_TABLE[model]!;

describe("reservationCost", () => {
  it("reserves input estimate at the input price plus max output at the output price", () => {
    // Pro Opus: 10K × $5/M × 20% = 10,000,000; 4,096 × $25/M × 20% = 20,480,000
    expect(reservationCost(10_000, 4_096, row("claude-opus-4-7"), PLANS.pro)).toBe(30_480_000);
    // Basic Haiku: 2K × $1/M × 50% = 1,000,000; 1K × $5/M × 50% = 2,500,000
    expect(reservationCost(2_000, 1_000, row("claude-haiku-4-5"), PLANS.basic)).toBe(3_500_000);
  });

  it("uses DEFAULT_MAX_OUTPUT_TOKENS when the caller gave no limit", () => {
    expect(DEFAULT_MAX_OUTPUT_TOKENS).toBe(32_768);
    // Basic gpt-5.5: 32,768 × $30/M × 50% = 32,768 × 15,000 nano = 491,520,000
    expect(reservationCost(0, undefined, row("gpt-5.5"), PLANS.basic)).toBe(491_520_000);
  });

  it("rounds up, never below what it stands for", () => {
    // 1.5 nano a token at list: 1 token reserves 2 where the settled cost floors to 1
    const odd: PriceRow = { ...row("gpt-5.4-mini"), input: 1_500_000 };
    expect(reservationCost(1, 0, odd, LIST_PRICE)).toBe(2);
    const settled = cost(
      { input: 1, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, output: 0, thinking: 0 },
      odd,
      LIST_PRICE,
    );
    expect(settled).toBe(1);
    // 1 nano a token at Basic 50%: 3 tokens = 1.5 → 2; 4 tokens = exactly 2 (no needless bump)
    const one: PriceRow = { ...odd, input: 1_000_000 };
    expect(reservationCost(3, 0, one, PLANS.basic)).toBe(2);
    expect(reservationCost(4, 0, one, PLANS.basic)).toBe(2);
  });

  it("uses the long-context rates when the estimate is over the threshold", () => {
    // Pro gpt-5.5: 300K × $10/M × 20% = 600,000,000; 1K × $45/M × 20% = 9,000,000
    expect(reservationCost(300_000, 1_000, row("gpt-5.5"), PLANS.pro)).toBe(609_000_000);
    // 272K is not over: 272K × $5/M × 20% = 272,000,000; 1K × $30/M × 20% = 6,000,000
    expect(reservationCost(272_000, 1_000, row("gpt-5.5"), PLANS.pro)).toBe(278_000_000);
  });

  it("rejects bad counts", () => {
    expect(() => reservationCost(-1, 10, row("gpt-5.5"), PLANS.pro)).toThrow(RangeError);
    expect(() => reservationCost(1, 0.5, row("gpt-5.5"), PLANS.pro)).toThrow(RangeError);
  });
});
