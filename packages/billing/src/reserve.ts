import { worstCaseCost } from "./cost.ts";
import type { PriceFactor } from "./plans.ts";
import type { PriceRow } from "./prices.ts";
import { assertTokens, type BillableUsage } from "./usage.ts";

/** The input kinds a request can be billed at, dearest last (Anthropic: 1×, 1.25×, 2×). */
export type InputKind = "input" | "cacheWrite5m" | "cacheWrite1h";

/**
 * What admission knows of a request's worst case, before the upstream says anything.
 * - `inputTokens`: an upper bound of the input (body estimate, images and documents at their bound).
 * - `inputKind`: the dearest way that input can be billed: a request that asks for 1-hour cache
 *   writes may have all of it written to that cache.
 * - `maxOutputTokens`: the request's output cap per choice; undefined when it names none.
 * - `choices`: how many answers the request asks for (OpenAI Chat's `n`).
 * - `serviceTier` and `toolUses`: the tier asked for and the most server-tool uses it may run.
 */
export interface WorstCase {
  inputTokens: number;
  inputKind: InputKind;
  maxOutputTokens: number | undefined;
  choices: number;
  serviceTier?: string;
  toolUses?: Readonly<Record<string, number>>;
}

/**
 * The usage a request can reach at most on `row`: its input all at the dearest kind, and every
 * choice at the output cap, which is the model's maximum output when the request names none or
 * a larger one (the vendor cannot produce more).
 */
export function worstCaseUsage(w: WorstCase, row: Readonly<PriceRow>): BillableUsage {
  assertTokens(w.inputTokens, "inputTokens");
  if (w.maxOutputTokens !== undefined) assertTokens(w.maxOutputTokens, "maxOutputTokens");
  assertTokens(w.choices, "choices");
  const cap = Math.min(w.maxOutputTokens ?? row.maxOutput, row.maxOutput);
  const usage: BillableUsage = {
    input: 0,
    cacheWrite5m: 0,
    cacheWrite1h: 0,
    cacheRead: 0,
    output: cap * Math.max(1, w.choices),
    thinking: 0,
  };
  usage[w.inputKind] = w.inputTokens;
  if (w.serviceTier !== undefined) usage.serviceTier = w.serviceTier;
  if (w.toolUses !== undefined) usage.toolUses = w.toolUses;
  return usage;
}

/**
 * Worst-case cost to hold at admission, in nano-USD, rounded UP to the nano. The long-context
 * rates apply when the input bound exceeds the row's threshold. Settle charges the actual cost
 * whatever was reserved; a shortfall becomes a debt, never a cap.
 */
export function reservationCost(w: WorstCase, row: Readonly<PriceRow>, plan: PriceFactor): number {
  return worstCaseCost(worstCaseUsage(w, row), row, plan);
}
