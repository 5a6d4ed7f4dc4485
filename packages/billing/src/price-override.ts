import { z } from "zod";
import { usdToNano } from "./money.ts";
import {
  DEFAULT_PRICE_TABLE,
  deriveCacheRates,
  type Family,
  type PriceRow,
  type PriceTable,
  type Rates,
} from "./prices.ts";

/** Merges an override's per-name entries over the base's: a number sets, `null` removes. */
function mergeExtras(
  base: Readonly<Record<string, number>> | undefined,
  over: Record<string, number | null> | undefined,
): Readonly<Record<string, number>> | undefined {
  if (!over) return base;
  const merged: Record<string, number> = { ...base };
  for (const [name, value] of Object.entries(over)) {
    if (value === null) delete merged[name];
    else merged[name] = value;
  }
  return Object.keys(merged).length > 0 ? Object.freeze(merged) : undefined;
}

/**
 * A USD-per-million price as a decimal string ("2.50", "0.075"). Strings, not JSON numbers,
 * so that no float ever carries a price. At most 6 integer digits keeps every value (and its
 * derived 1.25×/2× cache prices) a safe integer of nano-USD.
 */
const UsdPerMillion = z
  .string({ error: 'must be a USD decimal string such as "2.50"' })
  .regex(/^\d{1,6}(\.\d{1,9})?$/, 'must be a USD decimal string such as "2.50" (at most 9 decimals)')
  .transform((s) => usdToNano(s));

const RatesOverrideShape = {
  input: UsdPerMillion.optional(),
  output: UsdPerMillion.optional(),
  cacheWrite5m: UsdPerMillion.optional(),
  cacheWrite1h: UsdPerMillion.optional(),
  cacheRead: UsdPerMillion.optional(),
};

// Strict objects: a misspelt key ("ouput") must fail loudly, not silently keep the default.
const LongContextOverride = z.strictObject({
  ...RatesOverrideShape,
  input: UsdPerMillion,
  output: UsdPerMillion,
  threshold: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

const TokenLimit = z.number().int().positive().max(100_000_000);
const ExtraName = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, "must be a lowercase name such as web_search");

const RowOverride = z.strictObject({
  ...RatesOverrideShape,
  family: z.enum(["anthropic", "openai", "gemini"]).optional(),
  /** Replaces the base row's tier entirely (cache prices derived when absent); `null` removes it. */
  longContext: LongContextOverride.nullable().optional(),
  /** The model's maximum output tokens per response (required for a new model). */
  maxOutput: TokenLimit.optional(),
  /** The model's context window in tokens (required for a new model). */
  contextWindow: TokenLimit.optional(),
  /** True for a Claude model that rejects thinking budgets (adaptive thinking only); default false. */
  adaptiveThinkingOnly: z.boolean().optional(),
  /** Service tier → percent of the standard token rates; `null` forbids a tier the base row prices. */
  tiers: z.record(ExtraName, z.number().int().min(0).max(10_000).nullable()).optional(),
  /** Server tool → USD per use ("0.01"); "0" allows a tool billed as tokens only; `null` forbids it. */
  tools: z.record(ExtraName, UsdPerMillion.nullable()).optional(),
});

const BAD_MODEL_ID = "model id must start with a letter or digit, then letters, digits, . _ : @ / -";

/**
 * JSON shape of an operator's price override: model id → USD-per-million decimal strings,
 * limits and extras. Every field is optional for a model already in the base table (it keeps
 * its family, prices and extras); a new model needs `family`, `input`, `output`, `maxOutput`
 * and `contextWindow`. Absent cache prices are derived from the row's input price by the family
 * rules ({@link deriveCacheRates}). Extras merge by name over the base row's: a value allows
 * and prices one, `null` forbids it.
 *
 * @example {"claude-opus-4-7": {"input": "5", "output": "25", "tools": {"code_execution": "0.005"}},
 *           "gpt-5.5": {"tiers": {"priority": null}},
 *           "my-model": {"family": "openai", "input": "1", "output": "2", "cacheRead": "0.2",
 *                        "maxOutput": 32000, "contextWindow": 128000}}
 */
export const PriceTableSchema = z.record(
  z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,127}$/, BAD_MODEL_ID),
  RowOverride,
);

/** The parsed (not yet merged) override. */
export type PriceTableOverride = z.output<typeof PriceTableSchema>;

/** A price override that cannot be used; `issues` lists every problem as "path: message". */
export class PriceTableError extends Error {
  override name = "PriceTableError";
  constructor(readonly issues: readonly string[]) {
    super(`invalid price table:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
  }
}

type RatesOverride = Partial<Rates>;

function mergeRates(
  path: string,
  family: Family,
  over: RatesOverride,
  base: Partial<Rates>,
  issues: string[],
): Rates | undefined {
  const input = over.input ?? base.input;
  const output = over.output ?? base.output;
  if (input === undefined) issues.push(`${path}.input: required for a new model`);
  if (output === undefined) issues.push(`${path}.output: required for a new model`);
  if (input === undefined || output === undefined) return undefined;
  const derived = deriveCacheRates(family, input);
  for (const p of derived.problems) {
    if (over[p.field] === undefined) issues.push(`${path}.${p.field}: ${p.message}`);
  }
  return {
    input,
    output,
    cacheWrite5m: over.cacheWrite5m ?? derived.rates.cacheWrite5m,
    cacheWrite1h: over.cacheWrite1h ?? derived.rates.cacheWrite1h,
    cacheRead: over.cacheRead ?? derived.rates.cacheRead,
  };
}

/**
 * Validate an operator override (JSON text or an already-parsed value) and merge it over
 * `base` (the defaults). Models absent from the override keep their base row; new models are
 * added. Cache prices that the override leaves out are derived from the effective input price.
 * Throws {@link PriceTableError} listing every problem.
 */
export function parsePriceTable(json: unknown, base: PriceTable = DEFAULT_PRICE_TABLE): PriceTable {
  let raw: unknown = json;
  if (typeof json === "string") {
    try {
      raw = JSON.parse(json);
    } catch (e) {
      throw new PriceTableError([`(root): not valid JSON (${e instanceof Error ? e.message : String(e)})`]);
    }
  }
  const parsed = PriceTableSchema.safeParse(raw);
  if (!parsed.success) {
    throw new PriceTableError(
      parsed.error.issues.map((i) => {
        // A bad model id is reported as "Invalid key in record"; its own message says why.
        const message = i.code === "invalid_key" ? i.issues.map((k) => k.message).join("; ") : i.message;
        return `${i.path.map(String).join(".") || "(root)"}: ${message}`;
      }),
    );
  }
  // Zod drops a "__proto__" key silently (JSON.parse makes it an own key); say so instead.
  const issues = Object.keys(raw as object)
    .filter((k) => !Object.hasOwn(parsed.data, k))
    .map((k) => `${k}: ${BAD_MODEL_ID}`);
  const merged: [string, PriceRow][] = Object.entries(base).map(([m, r]) => [m, r]);
  for (const [model, over] of Object.entries(parsed.data)) {
    const prev = Object.hasOwn(base, model) ? base[model] : undefined;
    const family = over.family ?? prev?.family;
    if (family === undefined) {
      issues.push(`${model}.family: required for a new model ("anthropic", "openai" or "gemini")`);
      continue;
    }
    const rates = mergeRates(model, family, over, prev ?? {}, issues);
    const maxOutput = over.maxOutput ?? prev?.maxOutput;
    const contextWindow = over.contextWindow ?? prev?.contextWindow;
    if (maxOutput === undefined) issues.push(`${model}.maxOutput: required for a new model`);
    if (contextWindow === undefined) issues.push(`${model}.contextWindow: required for a new model`);
    if (!rates || maxOutput === undefined || contextWindow === undefined) continue;
    const row: PriceRow = { family, ...rates, maxOutput, contextWindow };
    if (over.adaptiveThinkingOnly ?? prev?.adaptiveThinkingOnly) row.adaptiveThinkingOnly = true;
    const tiers = mergeExtras(prev?.tiers, over.tiers);
    const tools = mergeExtras(prev?.tools, over.tools);
    if (tiers) row.tiers = tiers;
    if (tools) row.tools = tools;
    if (over.longContext === undefined) {
      if (prev?.longContext) row.longContext = prev.longContext;
    } else if (over.longContext !== null) {
      const lcRates = mergeRates(`${model}.longContext`, family, over.longContext, {}, issues);
      if (lcRates) row.longContext = { threshold: over.longContext.threshold, ...lcRates };
    }
    const at = merged.findIndex(([m]) => m === model);
    if (at >= 0) merged[at] = [model, row];
    else merged.push([model, row]);
  }
  if (issues.length > 0) throw new PriceTableError(issues);
  // fromEntries defines own properties, so no model id can touch the prototype.
  return Object.freeze(Object.fromEntries(merged));
}
