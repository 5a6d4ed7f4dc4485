/**
 * The token counts billing reads. Structurally identical to `UsageRecord` in @cc/formats
 * (packages/formats/src/usage.ts), redeclared so that billing depends on no other package:
 * a UsageRecord is a BillableUsage and vice versa.
 *
 * - `input`: uncached input tokens.
 * - `cacheWrite5m` / `cacheWrite1h`: tokens written to the prompt cache, by TTL.
 * - `cacheRead`: tokens read from the prompt cache.
 * - `output`: all generated tokens, thinking included.
 * - `thinking`: the part of `output` spent thinking; a breakdown, never billed on its own.
 */
export interface BillableUsage {
  input: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
  output: number;
  thinking: number;
  /** A service tier other than the standard one that the vendor reports having used. */
  serviceTier?: string;
  /** Server-side tool uses the vendor reports, by tool (web_search, file_search, …). */
  toolUses?: Readonly<Record<string, number>>;
}

/** The billed token kinds, in display order (thinking is inside output). */
export const TOKEN_KINDS = ["input", "cacheWrite5m", "cacheWrite1h", "cacheRead", "output"] as const;

/** A billed token kind; each has its own price in a price row. */
export type TokenKind = (typeof TOKEN_KINDS)[number];

/** Throw unless every billed count is a non-negative safe integer. */
export function assertUsage(usage: BillableUsage): void {
  for (const kind of TOKEN_KINDS) assertTokens(usage[kind], kind);
  for (const [tool, uses] of Object.entries(usage.toolUses ?? {})) assertTokens(uses, `${tool} uses`);
}

/** Throw unless `n` is a non-negative safe integer token count. */
export function assertTokens(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`${what} must be a non-negative integer token count, got ${String(n)}`);
  }
}

/** Input side of a request: uncached + cache writes + cache reads (decides long-context pricing). */
export function totalInputTokens(usage: BillableUsage): number {
  return usage.input + usage.cacheWrite5m + usage.cacheWrite1h + usage.cacheRead;
}

/** Every billed token of a request, input side and output: what a TPM window counts. */
export function totalTokens(usage: BillableUsage): number {
  return totalInputTokens(usage) + usage.output;
}
