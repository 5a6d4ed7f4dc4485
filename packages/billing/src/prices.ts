import { usdToNano } from "./money.ts";

/** Which vendor serves a model, and whose cache rules it follows (the channels' vendor). */
export type Family = "anthropic" | "openai" | "gemini";

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

/**
 * Extras a vendor bills beyond tokens. A request that could trigger an extra the row does not
 * list is refused before it is served, so that nothing unpriced is ever served free.
 */
export interface Extras {
  /**
   * Service tiers other than the standard one, as a percentage of the standard token rates
   * (OpenAI's priority processing: 200; flex: 50). The standard tier ("default", "standard",
   * "auto") is always 100 and never listed.
   */
  tiers?: Readonly<Record<string, number>>;
  /**
   * Server-side tools the vendor runs and bills per use, nano-USD per use at list price
   * (Anthropic's web search: $10 per 1,000 searches = 10,000,000). A tool billed only through
   * the tokens it adds is listed at 0: that is the operator allowing it.
   */
  tools?: Readonly<Record<string, number>>;
}

/** One model's list prices (before any plan discount) and the limits that bound a request's cost. */
export interface PriceRow extends Rates, Extras {
  family: Family;
  longContext?: LongContextRates;
  /** The most output tokens one response can have: what a request without an output cap reserves. */
  maxOutput: number;
  /** The most tokens the model reads and writes in one request, for display. */
  contextWindow: number;
  /**
   * True for a Claude model that accepts only adaptive thinking (`thinking.type: "adaptive"` with
   * `output_config.effort`) and answers `thinking.type: "enabled"` (a token budget) with a 400:
   * Claude 4.7 and later (https://platform.claude.com/docs/en/build-with-claude/thinking-troubleshooting).
   * Absent: the model takes budgets, or has no Claude thinking at all.
   */
  adaptiveThinkingOnly?: boolean;
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
 *   (true of every OpenAI row of the default table, https://openai.com/api/pricing);
 * - gemini: the same rule: implicit caching has no write charge and cached tokens cost 0.1 ×
 *   input (https://ai.google.dev/gemini-api/docs/pricing, "Context caching price").
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

/** Cache prices a vendor lists apart from the family rule (USD per million), e.g. a 0.05× read. */
type CacheSpec = Partial<Record<DeriveProblem["field"], string>>;

interface RowSpec extends Extras, CacheSpec {
  input: string;
  output: string;
  maxOutput: number;
  contextWindow: number;
  longContext?: [threshold: number, inputUsd: string, outputUsd: string, cache?: CacheSpec];
  adaptiveThinkingOnly?: boolean;
}

/** Build a default row from USD-per-million strings; cache prices follow the family rules unless given. */
function row(family: Family, spec: RowSpec): PriceRow {
  const { input, output, longContext, cacheWrite5m, cacheWrite1h, cacheRead, ...rest } = spec;
  const built: PriceRow = {
    family,
    ...derivedRates(family, input, output, { cacheWrite5m, cacheWrite1h, cacheRead }),
    ...rest,
  };
  if (longContext) {
    const [threshold, lcInput, lcOutput, lcCache = {}] = longContext;
    built.longContext = { threshold, ...derivedRates(family, lcInput, lcOutput, lcCache) };
  }
  return built;
}

function derivedRates(family: Family, inputUsd: string, outputUsd: string, given: CacheSpec = {}): Rates {
  const input = usdToNano(inputUsd);
  const { rates, problems } = deriveCacheRates(family, input);
  const unresolved = problems.filter((p) => given[p.field] === undefined);
  if (unresolved.length > 0) throw new Error(`default price table: ${unresolved[0]?.message}`);
  const explicit = (field: DeriveProblem["field"]) => {
    const usd = given[field];
    return usd === undefined ? rates[field] : usdToNano(usd);
  };
  return {
    input,
    output: usdToNano(outputUsd),
    cacheWrite5m: explicit("cacheWrite5m"),
    cacheWrite1h: explicit("cacheWrite1h"),
    cacheRead: explicit("cacheRead"),
  };
}

/** OpenAI's long-context tier starts above 272,000 input tokens (the whole request re-prices). */
export const OPENAI_LONG_CONTEXT_THRESHOLD = 272_000;

/**
 * Anthropic's extras (https://platform.claude.com/docs/en/about-claude/pricing, read 2026-12-04):
 * web search $10 per 1,000 searches plus its result tokens; web fetch is billed as tokens only.
 * Code execution is billed by container time, which no response reports: it is not listed, so
 * it is refused until an operator prices it per use. Priority Tier is a commitment an operator
 * may have; absent from the table, a response reported at that tier bills at standard rates and
 * logs an error.
 */
const ANTHROPIC_EXTRAS: Extras = Object.freeze({
  tools: Object.freeze({ web_search: usdToNano("0.01"), web_fetch: 0 }),
});

/**
 * OpenAI's extras (https://openai.com/api/pricing, read 2026-12-04): priority processing at 2× and
 * flex at 0.5× the standard token rates; web search $10 per 1,000 calls plus its content tokens;
 * file search $2.50 per 1,000 calls; remote MCP calls are billed as tokens. Code interpreter
 * (per container) and image generation (image tokens) are not listed, so they are refused.
 */
const OPENAI_EXTRAS: Extras = Object.freeze({
  tiers: Object.freeze({ priority: 200, flex: 50 }),
  tools: Object.freeze({ web_search: usdToNano("0.01"), file_search: usdToNano("0.0025"), mcp: 0 }),
});

/** Gemini's Pro models re-price a whole request whose prompt is over 200,000 tokens. */
export const GEMINI_LONG_CONTEXT_THRESHOLD = 200_000;

/** Every current Gemini model reads 1,048,576 tokens and writes at most 65,536. */
const GEMINI_LIMITS = Object.freeze({ maxOutput: 65_536, contextWindow: 1_048_576 });

/**
 * Gemini's extras (https://ai.google.dev/gemini-api/docs/pricing, read 2026-12-04): code
 * execution and URL context are billed as the tokens they add. Grounding with Google Search or
 * Maps and File Search are billed per query beyond a monthly free allowance, which no response
 * states: they are not listed, so they are refused until an operator prices them.
 */
const GEMINI_EXTRAS: Extras = Object.freeze({
  tools: Object.freeze({ code_execution: 0, url_context: 0 }),
});

/**
 * GPT-6.1 Sol and GPT-6.2 Sol (https://developers.openai.com/api/docs/models/gpt-6.1-sol,
 * …/gpt-6.2-sol): $2 input, $0.10 cached (0.05×), $2.50 cache writes, $10 output; over 272K input
 * tokens $4 / $0.20 / $5 / $15; 1.05M context, 128K output; priority 2×, flex 0.5×.
 */
const SOL_CARD = row("openai", {
  input: "2",
  output: "10",
  cacheRead: "0.10",
  cacheWrite5m: "2.50",
  cacheWrite1h: "2.50",
  maxOutput: 128_000,
  contextWindow: 1_050_000,
  longContext: [
    OPENAI_LONG_CONTEXT_THRESHOLD,
    "4",
    "15",
    { cacheRead: "0.20", cacheWrite5m: "5", cacheWrite1h: "5" },
  ],
  ...OPENAI_EXTRAS,
});

/**
 * Vendor list prices (USD per million tokens) as nano-USD, with each model's output and context
 * limits: Anthropic's https://platform.claude.com/docs/en/about-claude/pricing and models overview,
 * OpenAI's https://openai.com/api/pricing and model pages (read 2026-12-04). Opus 4.7 and
 * Sonnet 4.6 bill their whole 1M context at the standard rates (no long-context tier since March
 * 2026); OpenAI re-prices a whole request above 272K input tokens. Plans apply their discount on top.
 */
export const DEFAULT_PRICE_TABLE: PriceTable = Object.freeze({
  "claude-opus-4-7": row("anthropic", {
    input: "5",
    output: "25",
    maxOutput: 128_000,
    contextWindow: 1_000_000,
    adaptiveThinkingOnly: true,
    ...ANTHROPIC_EXTRAS,
  }),
  "claude-sonnet-4-6": row("anthropic", {
    input: "3",
    output: "15",
    maxOutput: 64_000,
    contextWindow: 1_000_000,
    ...ANTHROPIC_EXTRAS,
  }),
  "claude-haiku-4-5": row("anthropic", {
    input: "1",
    output: "5",
    maxOutput: 64_000,
    contextWindow: 200_000,
    ...ANTHROPIC_EXTRAS,
  }),
  "gpt-5.5": row("openai", {
    input: "5",
    output: "30",
    maxOutput: 128_000,
    contextWindow: 1_050_000,
    longContext: [OPENAI_LONG_CONTEXT_THRESHOLD, "10", "45"],
    ...OPENAI_EXTRAS,
  }),
  "gpt-5.4": row("openai", {
    input: "2.50",
    output: "15",
    maxOutput: 128_000,
    contextWindow: 1_050_000,
    longContext: [OPENAI_LONG_CONTEXT_THRESHOLD, "5", "22.50"],
    ...OPENAI_EXTRAS,
  }),
  "gpt-5.4-mini": row("openai", {
    input: "0.75",
    output: "4.50",
    maxOutput: 128_000,
    contextWindow: 400_000,
    ...OPENAI_EXTRAS,
  }),
  "gpt-5.3-codex": row("openai", {
    input: "1.75",
    output: "14",
    maxOutput: 128_000,
    contextWindow: 400_000,
    ...OPENAI_EXTRAS,
  }),
  // The models current clients pick when the user names none (read 2026-12-04):
  // Claude Code 2.1.33x runs claude-opus-5-5 and its background tasks on claude-haiku-5-5;
  // Codex CLI 0.169 with no `model` line runs gpt-6.1-sol.
  // https://platform.claude.com/docs/en/models/opus-5-5/overview: $4 / $20, 5m write $5, 1h write
  // $8, cache read $0.20 (0.05× input, not the usual 0.1×); 1M context, 128K output; adaptive only.
  "claude-opus-5-5": row("anthropic", {
    input: "4",
    output: "20",
    cacheRead: "0.20",
    maxOutput: 128_000,
    contextWindow: 1_000_000,
    adaptiveThinkingOnly: true,
    ...ANTHROPIC_EXTRAS,
  }),
  // https://platform.claude.com/docs/en/models/haiku-5-5/overview: prompts up to 100,000 tokens
  // $0.10 / $0.50 (writes $0.125 / $0.20, reads $0.01); over 100,000 the whole request is $0.50 /
  // $2.50 (writes $0.625 / $1.00, reads $0.05); 1M context, 128K output; adaptive only.
  "claude-haiku-5-5": row("anthropic", {
    input: "0.10",
    output: "0.50",
    maxOutput: 128_000,
    contextWindow: 1_000_000,
    longContext: [100_000, "0.50", "2.50"],
    adaptiveThinkingOnly: true,
    ...ANTHROPIC_EXTRAS,
  }),
  "gpt-6.1-sol": SOL_CARD,
  // https://developers.openai.com/api/docs/models/gpt-6.2-sol: the same card. Codex CLI 0.171's default.
  "gpt-6.2-sol": SOL_CARD,
  // Gemini (https://ai.google.dev/gemini-api/docs/pricing, read 2026-12-04): output includes
  // thinking tokens; cached input at the context-caching price (0.1× input, the family rule);
  // the Pro models re-price a whole request whose prompt is over 200,000 tokens. Limits from the
  // model pages (https://ai.google.dev/gemini-api/docs/models): 1,048,576 input, 65,536 output.
  // Gemini CLI 0.61 runs gemini-3.1-pro-preview by default and flash models for light turns.
  "gemini-3.1-pro-preview": row("gemini", {
    input: "2",
    output: "12",
    longContext: [GEMINI_LONG_CONTEXT_THRESHOLD, "4", "18"],
    ...GEMINI_LIMITS,
    ...GEMINI_EXTRAS,
  }),
  "gemini-3.5-flash": row("gemini", { input: "1.50", output: "9", ...GEMINI_LIMITS, ...GEMINI_EXTRAS }),
  "gemini-3-flash-preview": row("gemini", {
    input: "0.50",
    output: "3",
    ...GEMINI_LIMITS,
    ...GEMINI_EXTRAS,
  }),
  "gemini-3.1-flash-lite": row("gemini", {
    input: "0.25",
    output: "1.50",
    ...GEMINI_LIMITS,
    ...GEMINI_EXTRAS,
  }),
  "gemini-2.5-pro": row("gemini", {
    input: "1.25",
    output: "10",
    longContext: [GEMINI_LONG_CONTEXT_THRESHOLD, "2.50", "15"],
    ...GEMINI_LIMITS,
    ...GEMINI_EXTRAS,
  }),
  "gemini-2.5-flash": row("gemini", { input: "0.30", output: "2.50", ...GEMINI_LIMITS, ...GEMINI_EXTRAS }),
  "gemini-2.5-flash-lite": row("gemini", {
    input: "0.10",
    output: "0.40",
    ...GEMINI_LIMITS,
    ...GEMINI_EXTRAS,
  }),
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
