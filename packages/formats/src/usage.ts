/**
 * The internal usage record: every token kind a vendor reports, normalised so that
 * billing needs no knowledge of wire formats. All counts are non-negative integers.
 *
 * - `input`: uncached input tokens (Anthropic `input_tokens`; OpenAI prompt − cached).
 * - `cacheWrite5m` / `cacheWrite1h`: tokens written to the prompt cache, by TTL.
 * - `cacheRead`: tokens read from the prompt cache.
 * - `output`: all generated tokens, thinking included.
 * - `thinking`: the part of `output` spent thinking (a breakdown, never billed twice).
 */
export interface UsageRecord {
  input: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
  output: number;
  thinking: number;
  /** The service tier the vendor reports having served at; absent means the standard tier. */
  serviceTier?: string;
  /** Server-side tool uses the vendor ran, by tool (web_search, web_fetch, file_search…). */
  toolUses?: Record<string, number>;
}

export const emptyUsage = (): UsageRecord => ({
  input: 0,
  cacheWrite5m: 0,
  cacheWrite1h: 0,
  cacheRead: 0,
  output: 0,
  thinking: 0,
});

/**
 * Total input side of a request: uncached + cache writes + cache reads (what OpenAI reports as
 * prompt tokens, and what decides long-context pricing). Billing imports the sums from here
 * (`@cc/formats/usage`): one definition for the wire formats, the prices and the TPM window.
 */
export const totalInput = (u: UsageRecord): number => u.input + u.cacheWrite5m + u.cacheWrite1h + u.cacheRead;

/** Every token a request consumed, input side and output (what a tokens-per-minute window counts). */
export const totalTokens = (u: UsageRecord): number => totalInput(u) + u.output;

/** Adds one tool use to a tally (the tally is created on first use). */
export function countToolUse(
  uses: Record<string, number> | undefined,
  tool: string,
  n = 1,
): Record<string, number> {
  const tally = uses ?? {};
  tally[tool] = (tally[tool] ?? 0) + n;
  return tally;
}

/**
 * A vendor's token count as a billable integer. Vendors send non-negative integers; anything
 * else (null, missing, not a number, negative, NaN) counts 0, and a fraction rounds up so we
 * never bill below what the vendor would.
 */
export function tokenCount(n: unknown): number {
  return typeof n === "number" && Number.isFinite(n) && n > 0 ? Math.ceil(n) : 0;
}
