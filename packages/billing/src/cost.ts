import { totalInput } from "@cc/formats/usage";
import { assertNano } from "./money.ts";
import type { PriceFactor } from "./plans.ts";
import { type PriceRow, type Rates, ratesFor } from "./prices.ts";
import { assertUsage, type BillableUsage, TOKEN_KINDS, type TokenKind } from "./usage.ts";

/**
 * Prices are per million tokens, plan factors and service tiers are percentages, and tools
 * are priced per use, so a request's exact cost in nano-USD is
 *   ( Σ tokens × pricePerMillion × tierPercent + Σ uses × pricePerUse × 1_000_000 × 100 )
 *     × payPercent / (1_000_000 × 100 × 100).
 * The numerator can pass 2^53 (500M tokens × 25e9 × 100 × 200 ≈ 2.5e23), hence BigInt.
 */
const MILLION = 1_000_000n;
const DENOMINATOR = MILLION * 100n * 100n;

/** Throw unless `factor.payPercent` is an integer percentage 0..100. */
export function assertPriceFactor(factor: PriceFactor): void {
  const p = factor.payPercent;
  if (!Number.isSafeInteger(p) || p < 0 || p > 100) {
    throw new RangeError(`payPercent must be an integer 0..100, got ${String(p)}`);
  }
}

/**
 * The percentage of the standard token rates that `tier` costs on `row`: 100 for none (the
 * standard tier), the row's figure for a listed tier, undefined for a tier the row cannot price.
 */
export function tierPercent(row: Readonly<PriceRow>, tier: string | undefined): number | undefined {
  if (tier === undefined) return 100;
  return row.tiers && Object.hasOwn(row.tiers, tier) ? row.tiers[tier] : undefined;
}

/** The list price of one use of `tool` on `row`, nano-USD; undefined when the row cannot price it. */
export function toolPrice(row: Readonly<PriceRow>, tool: string): number | undefined {
  return row.tools && Object.hasOwn(row.tools, tool) ? row.tools[tool] : undefined;
}

/** Exact numerator → nano-USD, floored, checked to be a safe integer. */
function floorNano(num: bigint, what: string): number {
  // num ≥ 0, so BigInt division (which truncates) is a floor.
  return assertNano(Number(num / DENOMINATOR), what);
}

/** A breakdown line, floored (display only: the total is what is checked and charged). */
const lineNano = (num: bigint): number => Number(num / DENOMINATOR);

/**
 * Divide an exact numerator by the cost denominator, rounding up (never under-reserve). A worst
 * case beyond the safe-integer range (absurd caps × n × extras) holds the largest amount instead
 * of failing: no balance covers it, so admission answers 402.
 */
function ceilNano(num: bigint): number {
  const nano = (num + DENOMINATOR - 1n) / DENOMINATOR;
  return nano > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(nano);
}

/** One token kind's share of a {@link CostBreakdown}. */
export interface CostLine {
  tokens: number;
  /** List price applied, nano-USD per million tokens (before tier and plan discount). */
  pricePerMillion: number;
  /**
   * This line alone after tier and discount, floored. For display only: the lines can sum to a
   * few nano less than `totalNano`, which is rounded once over the exact sum.
   */
  nano: number;
}

/** One tool's share of a {@link CostBreakdown}. */
export interface ToolLine {
  uses: number;
  /** List price of one use, nano-USD (before the plan discount). */
  pricePerUse: number;
  /** This line alone after discount, floored (display only). */
  nano: number;
}

/** Itemised cost of a request. */
export interface CostBreakdown {
  /** What to charge: the exact discounted sum, floored once. Equals {@link cost}. */
  totalNano: number;
  /** The same usage at list price (no discount), floored once. */
  listNano: number;
  payPercent: number;
  /** The service tier's share of the standard token rates, percent. */
  tierPercent: number;
  /** True when the long-context rates applied. */
  longContext: boolean;
  lines: Record<TokenKind, CostLine>;
  tools: Record<string, ToolLine>;
  /**
   * What the usage reports that the row cannot price (`tier:scale`, `tool:code_execution`).
   * Billed as the standard tier and at 0 per use: the request should have been refused, so the
   * caller logs it as an error for the operator.
   */
  unpriced: string[];
}

interface Numerators {
  /** Discounted, and at list price. */
  pay: bigint;
  list: bigint;
}

/**
 * Exact numerators of a usage on a row: every token kind at its rate × tier, every tool use
 * at its price, each once at the plan's percentage and once at list price.
 */
function numerators(usage: BillableUsage, row: Readonly<PriceRow>, plan: PriceFactor) {
  assertUsage(usage);
  assertPriceFactor(plan);
  const rates: Rates = ratesFor(row, totalInput(usage));
  const unpriced: string[] = [];
  let tier = tierPercent(row, usage.serviceTier);
  if (tier === undefined) {
    unpriced.push(`tier:${usage.serviceTier}`);
    tier = 100;
  }
  const pay = BigInt(plan.payPercent);
  const total: Numerators = { pay: 0n, list: 0n };
  const lines = {} as Record<TokenKind, CostLine>;
  for (const kind of TOKEN_KINDS) {
    const tokens = usage[kind];
    const pricePerMillion = rates[kind];
    const list = BigInt(tokens) * BigInt(pricePerMillion) * BigInt(tier) * 100n;
    total.list += list;
    total.pay += (list * pay) / 100n;
    lines[kind] = { tokens, pricePerMillion, nano: lineNano((list * pay) / 100n) };
  }
  const tools: Record<string, ToolLine> = {};
  for (const [tool, uses] of Object.entries(usage.toolUses ?? {})) {
    if (uses === 0) continue;
    const price = toolPrice(row, tool);
    if (price === undefined) unpriced.push(`tool:${tool}`);
    const pricePerUse = price ?? 0;
    const list = BigInt(uses) * BigInt(pricePerUse) * MILLION * 100n * 100n;
    total.list += list;
    total.pay += (list * pay) / 100n;
    tools[tool] = { uses, pricePerUse, nano: lineNano((list * pay) / 100n) };
  }
  return { total, rates, tier, lines, tools, unpriced };
}

/**
 * Cost of one request in nano-USD, after the plan discount.
 *
 * Rules: each token kind at its own price (input, cache write 5m, cache write 1h, cache read,
 * output); `output` already contains thinking, and `thinking` is never read (a breakdown only).
 * A service tier scales every token kind; tools are priced per use. The plan's payPercent
 * applies to all of it. Requests whose total input exceeds a row's long-context threshold are
 * priced entirely at the long-context rates.
 *
 * Rounding: ONE rounding per request. Everything is summed exactly as a rational, then the
 * total is floored to the nano: in the customer's favour, by less than one nano-USD.
 */
export function cost(usage: BillableUsage, row: Readonly<PriceRow>, plan: PriceFactor): number {
  return floorNano(numerators(usage, row, plan).total.pay, "request cost");
}

/**
 * The most a request described by `worstCase` can cost, rounded UP to the nano: a reservation
 * must never be smaller than what it stands for.
 */
export function worstCaseCost(worstCase: BillableUsage, row: Readonly<PriceRow>, plan: PriceFactor): number {
  return ceilNano(numerators(worstCase, row, plan).total.pay);
}

/** {@link cost} with its per-kind breakdown and the list-price total. */
export function costBreakdown(
  usage: BillableUsage,
  row: Readonly<PriceRow>,
  plan: PriceFactor,
): CostBreakdown {
  const n = numerators(usage, row, plan);
  return {
    totalNano: floorNano(n.total.pay, "request cost"),
    listNano: floorNano(n.total.list, "request list cost"),
    payPercent: plan.payPercent,
    tierPercent: n.tier,
    longContext: n.rates !== row,
    lines: n.lines,
    tools: n.tools,
    unpriced: n.unpriced,
  };
}
