import { describe, expect, it } from "vitest";
import { nanoToUsdString } from "./money.ts";
import { PLANS, PlanIdSchema, planFor } from "./plans.ts";

describe("plans", () => {
  it("defines Basic and Pro", () => {
    expect(planFor("basic")).toEqual({
      id: "basic",
      name: "Basic",
      priceNano: 0,
      discountPercent: 50,
      payPercent: 50,
      rpm: 200,
      tpm: 1_000_000,
    });
    expect(planFor("pro")).toEqual({
      id: "pro",
      name: "Pro",
      priceNano: 19_000_000_000,
      discountPercent: 80,
      payPercent: 20,
      rpm: 500,
      tpm: 2_000_000,
    });
    expect(nanoToUsdString(PLANS.pro.priceNano)).toBe("19.00");
  });

  it("keeps payPercent = 100 − discountPercent", () => {
    for (const plan of Object.values(PLANS)) expect(plan.payPercent).toBe(100 - plan.discountPercent);
  });

  it("validates plan ids", () => {
    expect(PlanIdSchema.parse("pro")).toBe("pro");
    expect(PlanIdSchema.safeParse("enterprise").success).toBe(false);
  });
});
