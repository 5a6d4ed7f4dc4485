import type { UsageRecord } from "@cc/formats/usage";

/**
 * The token counts billing reads: the gateway's usage record (@cc/formats), whose sums
 * (`totalInput`, `totalTokens`) live beside it. Billing reads every kind but `thinking`, which is
 * the part of `output` spent thinking: a breakdown, never billed on its own.
 */
export type BillableUsage = UsageRecord;

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
