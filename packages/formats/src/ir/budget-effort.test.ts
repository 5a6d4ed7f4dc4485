import { describe, expect, it } from "vitest";
import { effortOfBudget, HIGH_EFFORT_BUDGET, MEDIUM_EFFORT_BUDGET } from "./budget-effort.ts";

describe("effortOfBudget", () => {
  it.each([
    [0, "low"],
    [1_024, "low"],
    [4_095, "low"],
    [4_096, "medium"],
    [16_383, "medium"],
    [16_384, "high"],
    [31_999, "high"], // Claude Code's largest budget
    [128_000, "high"],
  ])("%i → %s", (budget, effort) => {
    expect(effortOfBudget(budget)).toBe(effort);
  });

  it("names its bounds", () => {
    expect([MEDIUM_EFFORT_BUDGET, HIGH_EFFORT_BUDGET]).toEqual([4_096, 16_384]);
  });
});
