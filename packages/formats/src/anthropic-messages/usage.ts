import { emptyUsage, type UsageRecord } from "../usage.ts";

type Fields = Record<string, unknown>;

const asFields = (v: unknown): Fields | undefined =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Fields) : undefined;

/**
 * A vendor count as a billable integer. Anthropic sends non-negative integers; anything else
 * (null, missing, not a number, negative, NaN) counts 0, and a fraction rounds up so we never
 * bill below what the vendor would.
 */
function count(n: unknown): number {
  return typeof n === "number" && Number.isFinite(n) && n > 0 ? Math.ceil(n) : 0;
}

/**
 * Normalise an Anthropic usage object (§1.4, `AnthropicUsage`) into a {@link UsageRecord}. Takes `unknown` so a
 * caller can hand over `JSON.parse(body).usage` as is: each field is read on its own, and
 * whatever is not a count (or not an object at all) counts 0.
 *
 * Cache writes: the `cache_creation` TTL breakdown when present, otherwise the whole
 * `cache_creation_input_tokens` as 5-minute writes (the default TTL, and the older API shape).
 */
export function anthropicUsageToRecord(usage: unknown): UsageRecord {
  const u = asFields(usage);
  if (!u) return emptyUsage();
  const cacheWriteTotal = count(u.cache_creation_input_tokens);
  const breakdown = asFields(u.cache_creation);
  let cacheWrite5m = cacheWriteTotal;
  let cacheWrite1h = 0;
  if (
    breakdown &&
    (breakdown.ephemeral_5m_input_tokens != null || breakdown.ephemeral_1h_input_tokens != null)
  ) {
    cacheWrite1h = count(breakdown.ephemeral_1h_input_tokens);
    // If the breakdown sums to less than the total (never seen), bill the rest at the 5m rate
    // rather than drop written tokens.
    cacheWrite5m = Math.max(count(breakdown.ephemeral_5m_input_tokens), cacheWriteTotal - cacheWrite1h);
  }
  return {
    input: count(u.input_tokens),
    cacheWrite5m,
    cacheWrite1h,
    cacheRead: count(u.cache_read_input_tokens),
    output: count(u.output_tokens),
    thinking: count(asFields(u.output_tokens_details)?.thinking_tokens),
  };
}
