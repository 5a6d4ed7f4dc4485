import { describe, expect, it } from "vitest";
import { cost } from "./cost.ts";
import { nanoToUsdString } from "./money.ts";
import { LIST_PRICE, PLANS, PlanIdSchema } from "./plans.ts";
import { DEFAULT_PRICE_TABLE } from "./prices.ts";
import { RateWindow } from "./window.ts";

/** How many 1-token requests a key of the plan is admitted within one second. */
function admittedInABurst(plan: keyof typeof PLANS): number {
  const limits = { rpm: PLANS[plan].rpm, tpm: PLANS[plan].tpm };
  const window = new RateWindow();
  let admitted = 0;
  for (let at = 0; at < 1000; at++) {
    if (!window.check(at, limits, 1).ok) break;
    window.add(at, 1, 1);
    admitted++;
  }
  return admitted;
}

/** How many tokens a key of the plan is admitted in one request, at most. */
const largestRequest = (plan: keyof typeof PLANS): number => {
  const limits = { rpm: PLANS[plan].rpm, tpm: PLANS[plan].tpm };
  const fits = (tokens: number) => new RateWindow().check(0, limits, tokens).ok;
  let tokens = 1;
  while (fits(tokens * 2)) tokens *= 2;
  for (let step = tokens / 2; step >= 1; step /= 2) if (fits(tokens + step)) tokens += step;
  return tokens;
};

describe("plans, as a customer meets them", () => {
  it("Basic: 200 requests and 1M tokens a minute per key; Pro: 500 and 2M", () => {
    expect(admittedInABurst("basic")).toBe(200);
    expect(admittedInABurst("pro")).toBe(500);
    expect(largestRequest("basic")).toBe(1_000_000);
    expect(largestRequest("pro")).toBe(2_000_000);
  });

  it("Basic pays half the list price, Pro a fifth (a million Sonnet output tokens: $15 list)", () => {
    const usage = {
      input: 0,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      cacheRead: 0,
      output: 1_000_000,
      thinking: 0,
    };
    const sonnet = DEFAULT_PRICE_TABLE["claude-sonnet-4-6"]!;
    expect(nanoToUsdString(cost(usage, sonnet, LIST_PRICE))).toBe("15.00");
    expect(nanoToUsdString(cost(usage, sonnet, PLANS.basic))).toBe("7.50");
    expect(nanoToUsdString(cost(usage, sonnet, PLANS.pro))).toBe("3.00");
  });

  it("accepts the two plan ids and nothing else", () => {
    expect(PlanIdSchema.parse("pro")).toBe("pro");
    expect(PlanIdSchema.safeParse("enterprise").success).toBe(false);
  });
});
