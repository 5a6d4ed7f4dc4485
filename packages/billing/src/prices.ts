import { usdToNano } from "./money.ts";

/** Which vendor's cache rules a model follows. */
export type Family = "anthropic" | "openai";

/** Per-token-kind list prices, in nano-USD per million tokens (integers). */
export interface Rates {
  input: number;
  output: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
}

/**
 * Rates that replace the normal ones for a whole request whose total input (uncached + cache
 * writes + cache reads) is strictly greater than `threshold` tokens (OpenAI's "prompts over
 * 272K input tokens" tier).
 */
export interface LongContextRates extends Rates {
  threshold: number;
}

/** One model's list prices (before any plan discount). */
export interface PriceRow extends Rates {
  family: Family;
  longContext?: LongContextRates;
}

/** Model id → price row. */
export type PriceTable = Readonly<Record<string, Readonly<PriceRow>>>;

/** Why a cache price cannot be derived from an input price. */
export interface DeriveProblem {
  field: "cacheWrite5m" | "cacheWrite1h" | "cacheRead";
  message: string;
}

/**
 * Cache prices implied by an input price (nano-USD per million):
 * - anthropic: write 5m = 1.25 × input, write 1h = 2 × input, read = 0.1 × input;
 * - openai: no cache-write surcharge (writes cost the input price), read = 0.1 × input
 *   (true of every OpenAI row in prices.md).
 * A value that would not be a whole nano per million is reported, not rounded: the operator
 * must then give it explicitly (prices are that fine only by mistake).
 */
export function deriveCacheRates(
  family: Family,
  input: number,
): { rates: Pick<Rates, DeriveProblem["field"]>; problems: DeriveProblem[] } {
  if (!Number.isSafeInteger(input) || input < 0) throw new RangeError(`bad input price: ${input}`);
  const problems: DeriveProblem[] = [];
  const exact = (field: DeriveProblem["field"], num: number, den: number): number => {
    const scaled = BigInt(input) * BigInt(num);
    if (scaled % BigInt(den) !== 0n) {
      problems.push({ field, message: `${num}/${den} of input is not a whole nano-USD; give it explicitly` });
    }
    const value = Number(scaled / BigInt(den));
    if (!Number.isSafeInteger(value)) problems.push({ field, message: "derived price is too large" });
    return value;
  };
  const rates =
    family === "anthropic"
      ? {
          cacheWrite5m: exact("cacheWrite5m", 5, 4),
          cacheWrite1h: exact("cacheWrite1h", 2, 1),
          cacheRead: exact("cacheRead", 1, 10),
        }
      : { cacheWrite5m: input, cacheWrite1h: input, cacheRead: exact("cacheRead", 1, 10) };
  return { rates, problems };
}

/** Build a default row from USD-per-million strings; cache prices follow the family rules. */
function row(family: Family, inputUsd: string, outputUsd: string, longContext?: LongContextSpec): PriceRow {
  const rates = derivedRates(family, inputUsd, outputUsd);
  if (!longContext) return { family, ...rates };
  const [threshold, lcInput, lcOutput] = longContext;
  return { family, ...rates, longContext: { threshold, ...derivedRates(family, lcInput, lcOutput) } };
}

type LongContextSpec = [threshold: number, inputUsd: string, outputUsd: string];

function derivedRates(family: Family, inputUsd: string, outputUsd: string): Rates {
  const input = usdToNano(inputUsd);
  const { rates, problems } = deriveCacheRates(family, input);
  if (problems.length > 0) throw new Error(`default price table: ${problems[0]?.message}`);
  return { input, output: usdToNano(outputUsd), ...rates };
}

/** OpenAI's long-context tier starts above 272,000 input tokens (the whole request re-prices). */
export const OPENAI_LONG_CONTEXT_THRESHOLD = 272_000;

/**
 * Vendor list prices (USD per million tokens, /work/shared/references/prices.md), as nano-USD.
 * Plans apply their discount on top of these.
 */
export const DEFAULT_PRICE_TABLE: PriceTable = Object.freeze({
  "claude-opus-4-7": row("anthropic", "5", "25"),
  "claude-sonnet-4-6": row("anthropic", "3", "15"),
  "claude-haiku-4-5": row("anthropic", "1", "5"),
  "gpt-5.5": row("openai", "5", "30", [OPENAI_LONG_CONTEXT_THRESHOLD, "10", "45"]),
  "gpt-5.4": row("openai", "2.50", "15", [OPENAI_LONG_CONTEXT_THRESHOLD, "5", "22.50"]),
  "gpt-5.4-mini": row("openai", "0.75", "4.50"),
  "gpt-5.3-codex": row("openai", "1.75", "14"),
});

/** The price row for `model`, or undefined when the table does not list it. */
export function priceFor(table: PriceTable, model: string): Readonly<PriceRow> | undefined {
  // Own keys only: "constructor" or "toString" are not models.
  return Object.hasOwn(table, model) ? table[model] : undefined;
}

/**
 * The rates that apply to a request with `totalInputTokens` of input (uncached + cache writes +
 * cache reads): the long-context tier when the row has one and the input exceeds its threshold.
 */
export function ratesFor(row: Readonly<PriceRow>, totalInputTokens: number): Rates {
  const lc = row.longContext;
  return lc && totalInputTokens > lc.threshold ? lc : row;
}
