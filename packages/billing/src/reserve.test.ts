import { describe, expect, it } from "vitest";
import { cost } from "./cost.ts";
import { LIST_PRICE, PLANS } from "./plans.ts";
import { DEFAULT_PRICE_TABLE, type PriceRow } from "./prices.ts";
import { reservationCost, type WorstCase, worstCaseUsage } from "./reserve.ts";

const row = (model: string): PriceRow => DEFAULT_PRICE_TABLE[model]!;
const plain = (inputTokens: number, maxOutputTokens: number | undefined): WorstCase => ({
  inputTokens,
  inputKind: "input",
  maxOutputTokens,
  choices: 1,
});

describe("reservationCost", () => {
  it("reserves the input bound at the input price plus the output cap at the output price", () => {
    // Pro Opus: 10K × $5/M × 20% = 10,000,000; 4,096 × $25/M × 20% = 20,480,000
    expect(reservationCost(plain(10_000, 4_096), row("claude-opus-4-7"), PLANS.pro)).toBe(30_480_000);
    // Basic Haiku: 2K × $1/M × 50% = 1,000,000; 1K × $5/M × 50% = 2,500,000
    expect(reservationCost(plain(2_000, 1_000), row("claude-haiku-4-5"), PLANS.basic)).toBe(3_500_000);
  });

  it("reserves the model's maximum output when the request names no cap, and never more", () => {
    // Basic gpt-5.5: 128,000 × $30/M × 50% = 128,000 × 15,000 nano = 1,920,000,000
    expect(reservationCost(plain(0, undefined), row("gpt-5.5"), PLANS.basic)).toBe(1_920_000_000);
    // A cap above the model's maximum cannot be produced: Sonnet stops at 64,000.
    const sonnet = row("claude-sonnet-4-6");
    expect(reservationCost(plain(0, 1_000_000), sonnet, PLANS.basic)).toBe(
      reservationCost(plain(0, 64_000), sonnet, PLANS.basic),
    );
  });

  it("reserves the input at the dearest kind the request can be billed at", () => {
    // Basic Sonnet, 10K input: 1× $3 → 15,000,000; 5m writes 1.25× → 18,750,000; 1h writes 2× → 30,000,000
    const sonnet = row("claude-sonnet-4-6");
    const at = (inputKind: WorstCase["inputKind"]) =>
      reservationCost({ ...plain(10_000, 0), inputKind }, sonnet, PLANS.basic);
    expect([at("input"), at("cacheWrite5m"), at("cacheWrite1h")]).toEqual([
      15_000_000, 18_750_000, 30_000_000,
    ]);
  });

  it("multiplies the output by the number of choices", () => {
    const mini = row("gpt-5.4-mini");
    const one = reservationCost(plain(0, 1_000), mini, PLANS.basic);
    expect(reservationCost({ ...plain(0, 1_000), choices: 8 }, mini, PLANS.basic)).toBe(8 * one);
  });

  it("reserves a service tier and server-tool uses", () => {
    // Basic gpt-5.4 at priority (200%): (1K × $2.50 + 1K × $15)/M × 2 × 50% = 17,500,000
    expect(
      reservationCost({ ...plain(1_000, 1_000), serviceTier: "priority" }, row("gpt-5.4"), PLANS.basic),
    ).toBe(17_500_000);
    // Basic Sonnet with up to 5 web searches: 5 × $0.01 × 50% = 25,000,000 on top of the tokens
    const sonnet = row("claude-sonnet-4-6");
    expect(reservationCost({ ...plain(0, 0), toolUses: { web_search: 5 } }, sonnet, PLANS.basic)).toBe(
      25_000_000,
    );
  });

  it("rounds up, never below what it stands for", () => {
    // 1.5 nano a token at list: 1 token reserves 2 where the settled cost floors to 1
    const odd: PriceRow = { ...row("gpt-5.4-mini"), input: 1_500_000 };
    expect(reservationCost(plain(1, 0), odd, LIST_PRICE)).toBe(2);
    expect(cost(worstCaseUsage(plain(1, 0), odd), odd, LIST_PRICE)).toBe(1);
    // 1 nano a token at Basic 50%: 3 tokens = 1.5 → 2; 4 tokens = exactly 2 (no needless bump)
    const one: PriceRow = { ...odd, input: 1_000_000 };
    expect(reservationCost(plain(3, 0), one, PLANS.basic)).toBe(2);
    expect(reservationCost(plain(4, 0), one, PLANS.basic)).toBe(2);
  });

  it("uses the long-context rates when the input bound is over the threshold", () => {
    // Pro gpt-5.5: 300K × $10/M × 20% = 600,000,000; 1K × $45/M × 20% = 9,000,000
    expect(reservationCost(plain(300_000, 1_000), row("gpt-5.5"), PLANS.pro)).toBe(609_000_000);
    // 272K is not over: 272K × $5/M × 20% = 272,000,000; 1K × $30/M × 20% = 6,000,000
    expect(reservationCost(plain(272_000, 1_000), row("gpt-5.5"), PLANS.pro)).toBe(278_000_000);
  });

  it("holds the largest safe amount for a worst case beyond it, rather than failing", () => {
    const huge: WorstCase = { ...plain(100_000_000, 100_000_000), choices: 100_000 };
    const row = { ...DEFAULT_PRICE_TABLE["gpt-5.5"]!, maxOutput: 100_000_000 };
    expect(reservationCost(huge, row, LIST_PRICE)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("rejects bad counts", () => {
    expect(() => reservationCost(plain(-1, 10), row("gpt-5.5"), PLANS.pro)).toThrow(RangeError);
    expect(() => reservationCost(plain(1, 0.5), row("gpt-5.5"), PLANS.pro)).toThrow(RangeError);
    expect(() => reservationCost({ ...plain(1, 1), choices: 1.5 }, row("gpt-5.5"), PLANS.pro)).toThrow(
      RangeError,
    );
  });
});
