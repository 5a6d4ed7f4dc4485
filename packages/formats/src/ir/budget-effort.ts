import type { EffortValue } from "./request.ts";

/**
 * A thinking budget (`budget_tokens`) as the effort level that asks for about as much thinking.
 * Used wherever a budget must become an effort: a model that accepts only adaptive thinking
 * (Claude 4.7 and later reject budgets with a 400), and GPT models (`reasoning.effort`).
 *
 * | budget_tokens     | effort   |
 * | ----------------- | -------- |
 * | below 4,096       | `low`    |
 * | 4,096 to 16,383   | `medium` |
 * | 16,384 and above  | `high`   |
 *
 * The bounds step by 4× from Anthropic's 1,024-token minimum budget, so the smallest budgets
 * stay `low` and Claude Code's largest (31,999) is `high`, Claude's default effort. No budget
 * maps to `xhigh` or `max`: a budget is a cap, and those levels spend beyond any cap.
 */
export function effortOfBudget(budgetTokens: number): Extract<EffortValue, "low" | "medium" | "high"> {
  if (budgetTokens < MEDIUM_EFFORT_BUDGET) return "low";
  return budgetTokens < HIGH_EFFORT_BUDGET ? "medium" : "high";
}

/** The smallest budget that maps to `medium`. */
export const MEDIUM_EFFORT_BUDGET = 4_096;
/** The smallest budget that maps to `high`. */
export const HIGH_EFFORT_BUDGET = 16_384;
