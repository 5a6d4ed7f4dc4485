import { describe, expect, it } from "vitest";
import { cost, costBreakdown } from "./cost.ts";
import { MoneyError, nanoToUsdString } from "./money.ts";
import { LIST_PRICE, PLANS, type PriceFactor } from "./plans.ts";
import { DEFAULT_PRICE_TABLE, type PriceRow } from "./prices.ts";
import { type BillableUsage, TOKEN_KINDS } from "./usage.ts";

const usage = (u: Partial<BillableUsage>): BillableUsage => ({
  input: 0,
  cacheWrite5m: 0,
  cacheWrite1h: 0,
  cacheRead: 0,
  output: 0,
  thinking: 0,
  ...u,
});
const row = (model: string): PriceRow => DEFAULT_PRICE_TABLE[model]!;
const factors: Record<string, PriceFactor> = { list: LIST_PRICE, basic: PLANS.basic, pro: PLANS.pro };

/**
 * 100,000 tokens of each kind (below the 272K long-context threshold), by model × plan.
 * Expected = USD per million × 1e9 / 10 × payPercent / 100, computed by hand, in the order
 * [input, cacheWrite5m, cacheWrite1h, cacheRead, output].
 */
const PER_KIND: [string, string, [number, number, number, number, number]][] = [
  // Opus $5 in / $25 out: 5m 6.25, 1h 10, read 0.50
  ["claude-opus-4-7", "list", [500_000_000, 625_000_000, 1_000_000_000, 50_000_000, 2_500_000_000]],
  ["claude-opus-4-7", "basic", [250_000_000, 312_500_000, 500_000_000, 25_000_000, 1_250_000_000]],
  ["claude-opus-4-7", "pro", [100_000_000, 125_000_000, 200_000_000, 10_000_000, 500_000_000]],
  // Sonnet $3 / $15: 5m 3.75, 1h 6, read 0.30
  ["claude-sonnet-4-6", "list", [300_000_000, 375_000_000, 600_000_000, 30_000_000, 1_500_000_000]],
  ["claude-sonnet-4-6", "basic", [150_000_000, 187_500_000, 300_000_000, 15_000_000, 750_000_000]],
  ["claude-sonnet-4-6", "pro", [60_000_000, 75_000_000, 120_000_000, 6_000_000, 300_000_000]],
  // Haiku $1 / $5: 5m 1.25, 1h 2, read 0.10
  ["claude-haiku-4-5", "list", [100_000_000, 125_000_000, 200_000_000, 10_000_000, 500_000_000]],
  ["claude-haiku-4-5", "basic", [50_000_000, 62_500_000, 100_000_000, 5_000_000, 250_000_000]],
  ["claude-haiku-4-5", "pro", [20_000_000, 25_000_000, 40_000_000, 2_000_000, 100_000_000]],
  // gpt-5.5 $5 / cached $0.50 / $30; OpenAI cache writes cost the input price
  ["gpt-5.5", "list", [500_000_000, 500_000_000, 500_000_000, 50_000_000, 3_000_000_000]],
  ["gpt-5.5", "basic", [250_000_000, 250_000_000, 250_000_000, 25_000_000, 1_500_000_000]],
  ["gpt-5.5", "pro", [100_000_000, 100_000_000, 100_000_000, 10_000_000, 600_000_000]],
  // gpt-5.4 $2.50 / $0.25 / $15
  ["gpt-5.4", "list", [250_000_000, 250_000_000, 250_000_000, 25_000_000, 1_500_000_000]],
  ["gpt-5.4", "basic", [125_000_000, 125_000_000, 125_000_000, 12_500_000, 750_000_000]],
  ["gpt-5.4", "pro", [50_000_000, 50_000_000, 50_000_000, 5_000_000, 300_000_000]],
  // gpt-5.4-mini $0.75 / $0.075 / $4.50
  ["gpt-5.4-mini", "list", [75_000_000, 75_000_000, 75_000_000, 7_500_000, 450_000_000]],
  ["gpt-5.4-mini", "basic", [37_500_000, 37_500_000, 37_500_000, 3_750_000, 225_000_000]],
  ["gpt-5.4-mini", "pro", [15_000_000, 15_000_000, 15_000_000, 1_500_000, 90_000_000]],
  // gpt-5.3-codex $1.75 / $0.175 / $14
  ["gpt-5.3-codex", "list", [175_000_000, 175_000_000, 175_000_000, 17_500_000, 1_400_000_000]],
  ["gpt-5.3-codex", "basic", [87_500_000, 87_500_000, 87_500_000, 8_750_000, 700_000_000]],
  ["gpt-5.3-codex", "pro", [35_000_000, 35_000_000, 35_000_000, 3_500_000, 280_000_000]],
];

describe("cost: every model × plan × token kind", () => {
  it.each(PER_KIND)("%s on %s", (model, plan, expected) => {
    const factor = factors[plan]!;
    TOKEN_KINDS.forEach((kind, i) => {
      expect(cost(usage({ [kind]: 100_000 }), row(model), factor), kind).toBe(expected[i]);
    });
    // All kinds in one request add up exactly: 50K of each (200K input, under the 272K tier)
    // costs half the sum of the 100K values above, every one of which is even.
    const all = usage({ input: 50_000, cacheWrite5m: 50_000, cacheWrite1h: 50_000, cacheRead: 50_000 });
    expect(cost({ ...all, output: 50_000 }, row(model), factor)).toBe(expected.reduce((a, b) => a + b) / 2);
  });
});

describe("cost: seed plan prices for Claude (the default table), 1M tokens", () => {
  it.each([
    // model, plan, input 1M, output 1M (USD per million in the seed table)
    ["claude-opus-4-7", "list", "5.00", "25.00"],
    ["claude-opus-4-7", "basic", "2.50", "12.50"],
    ["claude-opus-4-7", "pro", "1.00", "5.00"],
    ["claude-sonnet-4-6", "list", "3.00", "15.00"],
    ["claude-sonnet-4-6", "basic", "1.50", "7.50"],
    ["claude-sonnet-4-6", "pro", "0.60", "3.00"],
    ["claude-haiku-4-5", "list", "1.00", "5.00"],
    ["claude-haiku-4-5", "basic", "0.50", "2.50"],
    ["claude-haiku-4-5", "pro", "0.20", "1.00"],
  ])("%s %s: %s / %s", (model, plan, input, output) => {
    const factor = factors[plan]!;
    expect(nanoToUsdString(cost(usage({ input: 1_000_000 }), row(model), factor))).toBe(input);
    expect(nanoToUsdString(cost(usage({ output: 1_000_000 }), row(model), factor))).toBe(output);
  });

  it("Pro Opus: 1M input = 1_000_000_000 nano, 1M output = 5_000_000_000 nano", () => {
    expect(cost(usage({ input: 1_000_000 }), row("claude-opus-4-7"), PLANS.pro)).toBe(1_000_000_000);
    expect(cost(usage({ output: 1_000_000 }), row("claude-opus-4-7"), PLANS.pro)).toBe(5_000_000_000);
  });
});

describe("cost: rules", () => {
  it("bills thinking once, as part of output", () => {
    const opus = row("claude-opus-4-7");
    // 1,000 output × $25/M × 20% = $0.005 = 5_000_000 nano, however much of it was thinking
    expect(cost(usage({ output: 1_000 }), opus, PLANS.pro)).toBe(5_000_000);
    expect(cost(usage({ output: 1_000, thinking: 800 }), opus, PLANS.pro)).toBe(5_000_000);
    expect(cost(usage({ thinking: 800 }), opus, PLANS.pro)).toBe(0);
  });

  it("rounds once per request, down to the nano", () => {
    // 1 token at 1.5 nano + 1 token at 2.5 nano = exactly 4; floor per kind would give 1 + 2 = 3.
    const odd: PriceRow = { ...row("gpt-5.4-mini"), input: 1_500_000, output: 2_500_000 };
    const b = costBreakdown(usage({ input: 1, output: 1 }), odd, LIST_PRICE);
    expect(b.totalNano).toBe(4);
    expect(b.lines.input.nano + b.lines.output.nano).toBe(3);
    // Basic gpt-5.4-mini cache read = $0.0375/M = 37.5 nano a token. One token: 37 (floor,
    // not 38); three: 112.5 → 112, where rounding each token would give 3 × 37 = 111.
    const mini = row("gpt-5.4-mini");
    expect(cost(usage({ cacheRead: 1 }), mini, PLANS.basic)).toBe(37);
    expect(cost(usage({ cacheRead: 3 }), mini, PLANS.basic)).toBe(112);
  });

  it("is exact for hundreds of millions of tokens", () => {
    // 500M × $25/M = $12,500 (numerator 1.25e21, far beyond 2^53)
    expect(cost(usage({ output: 500_000_000 }), row("claude-opus-4-7"), LIST_PRICE)).toBe(12_500_000_000_000);
    // Pro Opus: 300M in $300 + 100M 1h-write $200 + 200M read $20 + 400M out $2,000 = $2,520
    const big = usage({ input: 300_000_000, cacheWrite1h: 100_000_000, cacheRead: 200_000_000 });
    expect(cost({ ...big, output: 400_000_000 }, row("claude-opus-4-7"), PLANS.pro)).toBe(2_520_000_000_000);
    // Basic mini cache read: 123,456,789 × 37.5 = 4,629,629,587.5 → 4,629,629,587
    expect(cost(usage({ cacheRead: 123_456_789 }), row("gpt-5.4-mini"), PLANS.basic)).toBe(4_629_629_587);
  });

  it("prices a whole request above 272K input tokens at the long-context rates", () => {
    const g = row("gpt-5.5");
    // at the threshold: 272,000 × $5/M × 20% = $0.272
    expect(cost(usage({ input: 272_000 }), g, PLANS.pro)).toBe(272_000_000);
    // one more: 272,001 × $10/M × 20% = $0.5440020
    expect(cost(usage({ input: 272_001 }), g, PLANS.pro)).toBe(544_002_000);
    // 300K in at $10 ($0.60) + 10K out at $45 ($0.09), Pro 20%
    expect(cost(usage({ input: 300_000, output: 10_000 }), g, PLANS.pro)).toBe(690_000_000);
    // cached tokens count towards the threshold: 200K × $10 × 20% + 100K × $1 × 20%
    const b = costBreakdown(usage({ input: 200_000, cacheRead: 100_000 }), g, PLANS.pro);
    expect(b).toMatchObject({ totalNano: 420_000_000, longContext: true, listNano: 2_100_000_000 });
  });

  it("prices a Gemini Pro request over 200K prompt tokens at the long-context rates, thinking as output", () => {
    const g = row("gemini-3.1-pro-preview");
    // 150K uncached + 50K cached = 200K: standard. 150K × $2 + 50K × $0.20 + (1K + 3K thinking) × $12,
    // at 20%: (0.30 + 0.01 + 0.048) × 0.2 = $0.0716
    const normal = usage({ input: 150_000, cacheRead: 50_000, output: 4_000, thinking: 3_000 });
    expect(cost(normal, g, PLANS.pro)).toBe(71_600_000);
    // One more cached token: the whole request at $4 / $0.40 / $18.
    // (150K × 4 + 50,001 × 0.4 + 4K × 18) / 1M × 0.2 = (0.6 + 0.0200004 + 0.072) × 0.2
    expect(cost({ ...normal, cacheRead: 50_001 }, g, PLANS.pro)).toBe(138_400_080);
  });

  it("itemises the breakdown", () => {
    const b = costBreakdown(
      usage({ input: 1_000, cacheWrite5m: 2_000, output: 3_000 }),
      row("claude-sonnet-4-6"),
      PLANS.basic,
    );
    // 1K × $3/M × 50% = 1,500,000; 2K × $3.75/M × 50% = 3,750,000; 3K × $15/M × 50% = 22,500,000
    expect(b).toEqual({
      totalNano: 27_750_000,
      listNano: 55_500_000,
      payPercent: 50,
      tierPercent: 100,
      longContext: false,
      tools: {},
      unpriced: [],
      lines: {
        input: { tokens: 1_000, pricePerMillion: 3_000_000_000, nano: 1_500_000 },
        cacheWrite5m: { tokens: 2_000, pricePerMillion: 3_750_000_000, nano: 3_750_000 },
        cacheWrite1h: { tokens: 0, pricePerMillion: 6_000_000_000, nano: 0 },
        cacheRead: { tokens: 0, pricePerMillion: 300_000_000, nano: 0 },
        output: { tokens: 3_000, pricePerMillion: 15_000_000_000, nano: 22_500_000 },
      },
    });
  });

  it("scales every token kind by the service tier the vendor reports", () => {
    const g = row("gpt-5.4");
    const base = usage({ input: 10_000, cacheRead: 5_000, output: 2_000 });
    // Basic: 10K × $2.50 + 5K × $0.25 + 2K × $15 = $0.05625 list → 28,125,000 at 50%
    expect(cost(base, g, PLANS.basic)).toBe(28_125_000);
    expect(cost({ ...base, serviceTier: "priority" }, g, PLANS.basic)).toBe(56_250_000);
    expect(cost({ ...base, serviceTier: "flex" }, g, PLANS.basic)).toBe(14_062_500);
  });

  it("bills server-tool uses per use, discounted like tokens", () => {
    const sonnet = row("claude-sonnet-4-6");
    // 3 web searches × $0.01 = $0.03 list; Pro pays 20%: 6,000,000; web fetch is tokens only
    const b = costBreakdown(usage({ toolUses: { web_search: 3, web_fetch: 2 } }), sonnet, PLANS.pro);
    expect(b).toMatchObject({ totalNano: 6_000_000, listNano: 30_000_000, unpriced: [] });
    expect(b.tools).toEqual({
      web_search: { uses: 3, pricePerUse: 10_000_000, nano: 6_000_000 },
      web_fetch: { uses: 2, pricePerUse: 0, nano: 0 },
    });
  });

  it("names what it cannot price and bills it as standard, at no charge per use", () => {
    const sonnet = row("claude-sonnet-4-6");
    const b = costBreakdown(
      usage({ output: 1_000, serviceTier: "priority", toolUses: { code_execution: 1 } }),
      sonnet,
      PLANS.basic,
    );
    expect(b.unpriced).toEqual(["tier:priority", "tool:code_execution"]);
    expect(b.totalNano).toBe(cost(usage({ output: 1_000 }), sonnet, PLANS.basic));
  });

  it("rejects bad counts, bad factors and totals beyond a safe integer", () => {
    const opus = row("claude-opus-4-7");
    expect(() => cost(usage({ input: -1 }), opus, PLANS.pro)).toThrow(RangeError);
    expect(() => cost(usage({ output: 1.5 }), opus, PLANS.pro)).toThrow(RangeError);
    expect(() => cost(usage({ input: 1 }), opus, { payPercent: 101 })).toThrow(RangeError);
    expect(() => cost(usage({ output: Number.MAX_SAFE_INTEGER }), opus, PLANS.pro)).toThrow(MoneyError);
  });
});
