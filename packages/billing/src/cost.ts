import { assertNano } from "./money.ts";
import type { PriceFactor } from "./plans.ts";
import { type PriceRow, type Rates, ratesFor } from "./prices.ts";
import { assertUsage, type BillableUsage, TOKEN_KINDS, type TokenKind, totalInputTokens } from "./usage.ts";

/**
 * Prices are per million tokens and plan factors are percentages, so a request's exact cost
 * in nano-USD is  Σ tokens × pricePerMillion × payPercent / (1_000_000 × 100).
 * The numerator can pass 2^53 (500M tokens × 25e9 × 100 ≈ 1.25e21), hence BigInt.
 */
const DENOMINATOR = 1_000_000n * 100n;

/** Throw unless `factor.payPercent` is an integer percentage 0..100. */
export function assertPriceFactor(factor: PriceFactor): void {
  const p = factor.payPercent;
  if (!Number.isSafeInteger(p) || p < 0 || p > 100) {
    throw new RangeError(`payPercent must be an integer 0..100, got ${String(p)}`);
  }
}

/** Exact numerator (nano-USD × DENOMINATOR) of `tokens` of one kind at `pricePerMillion`. */
function numerator(tokens: number, pricePerMillion: number, payPercent: number): bigint {
  return BigInt(tokens) * BigInt(pricePerMillion) * BigInt(payPercent);
}

/** Exact numerator → nano-USD, floored, checked to be a safe integer. */
function floorNano(num: bigint, what: string): number {
  // num ≥ 0, so BigInt division (which truncates) is a floor.
  return assertNano(Number(num / DENOMINATOR), what);
}

/**
 * Cost of one request in nano-USD, after the plan discount.
 *
 * Rules: each token kind at its own price (input, cache write 5m, cache write 1h, cache read,
 * output); `output` already contains thinking, and `thinking` is never read (a breakdown only).
 * The plan's payPercent applies to every kind. Requests whose total input exceeds a row's
 * long-context threshold are priced entirely at the long-context rates.
 *
 * Rounding: ONE rounding per request. The kinds are summed exactly as a rational, then the
 * total is floored to the nano: in the customer's favour, by less than one nano-USD.
 */
export function cost(usage: BillableUsage, row: Readonly<PriceRow>, plan: PriceFactor): number {
  return costBreakdown(usage, row, plan).totalNano;
}

/** One token kind's share of a {@link CostBreakdown}. */
export interface CostLine {
  tokens: number;
  /** List price applied, nano-USD per million tokens (before the plan discount). */
  pricePerMillion: number;
  /**
   * This line alone after discount, floored. For display only: the lines can sum to up to
   * 4 nano less than `totalNano`, which is rounded once over the exact sum.
   */
  nano: number;
}

/** Itemised cost of a request. */
export interface CostBreakdown {
  /** What to charge: the exact discounted sum, floored once. Equals {@link cost}. */
  totalNano: number;
  /** The same usage at list price (no discount), floored once. */
  listNano: number;
  payPercent: number;
  /** True when the long-context rates applied. */
  longContext: boolean;
  lines: Record<TokenKind, CostLine>;
}

/** {@link cost} with its per-kind breakdown and the list-price total. */
export function costBreakdown(
  usage: BillableUsage,
  row: Readonly<PriceRow>,
  plan: PriceFactor,
): CostBreakdown {
  assertUsage(usage);
  assertPriceFactor(plan);
  const rates: Rates = ratesFor(row, totalInputTokens(usage));
  let total = 0n;
  let list = 0n;
  const lines = {} as Record<TokenKind, CostLine>;
  for (const kind of TOKEN_KINDS) {
    const tokens = usage[kind];
    const pricePerMillion = rates[kind];
    const num = numerator(tokens, pricePerMillion, plan.payPercent);
    total += num;
    list += numerator(tokens, pricePerMillion, 100);
    lines[kind] = { tokens, pricePerMillion, nano: floorNano(num, `${kind} cost`) };
  }
  return {
    totalNano: floorNano(total, "request cost"),
    listNano: floorNano(list, "request list cost"),
    payPercent: plan.payPercent,
    longContext: rates !== row,
    lines,
  };
}

/** Exact discounted numerator for callers that round differently (reservations round up). */
export function costNumerator(
  tokens: Partial<Record<TokenKind, number>>,
  rates: Rates,
  plan: PriceFactor,
): bigint {
  assertPriceFactor(plan);
  let num = 0n;
  for (const kind of TOKEN_KINDS) num += numerator(tokens[kind] ?? 0, rates[kind], plan.payPercent);
  return num;
}

/** Divide an exact numerator by the cost denominator, rounding up (never under-reserve). */
export function ceilNano(num: bigint, what: string): number {
  return assertNano(Number((num + DENOMINATOR - 1n) / DENOMINATOR), what);
}
