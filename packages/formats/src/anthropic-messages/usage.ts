import { tokenCount as count, emptyUsage, type UsageRecord } from "../usage.ts";

type Fields = Record<string, unknown>;

const asFields = (v: unknown): Fields | undefined =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Fields) : undefined;

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

/** Anthropic's `usage` object (SDK `Usage`, §1.4) as the gateway sends it. */
export interface AnthropicUsageOut {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
  output_tokens: number;
  output_tokens_details: { thinking_tokens: number };
}

/** A usage record in Anthropic's terms: uncached input, cache writes by TTL and reads apart. */
export function anthropicUsage(u: UsageRecord): AnthropicUsageOut {
  return {
    input_tokens: u.input,
    cache_creation_input_tokens: u.cacheWrite5m + u.cacheWrite1h,
    cache_read_input_tokens: u.cacheRead,
    cache_creation: { ephemeral_5m_input_tokens: u.cacheWrite5m, ephemeral_1h_input_tokens: u.cacheWrite1h },
    output_tokens: u.output,
    output_tokens_details: { thinking_tokens: u.thinking },
  };
}
