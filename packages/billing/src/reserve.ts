import { ceilNano, costNumerator } from "./cost.ts";
import type { PriceFactor } from "./plans.ts";
import { type PriceRow, ratesFor } from "./prices.ts";
import { assertTokens } from "./usage.ts";

/**
 * Output cap assumed when a format lets the caller omit the output limit (OpenAI Responses /
 * Chat; Anthropic Messages always requires max_tokens).
 *
 * Why 32,768: reasoning models count their thinking as output, so a small cap such as 4,096
 * is routinely exceeded and would under-reserve; the vendors' own ceilings (~128K) would make
 * every such request reserve several dollars. 32K costs at most $0.49 to reserve on the
 * dearest row (gpt-5.5 output, $30/M, Basic 50%). The gateway should also send this value
 * upstream as the output limit when the caller gave none, so that the reservation is a true
 * worst case; if it does not, settle may exceed the reservation for that request.
 */
export const DEFAULT_MAX_OUTPUT_TOKENS = 32_768;

/**
 * Worst-case cost to hold at admission, in nano-USD: the input estimate at the input price
 * plus the output limit at the output price, after the plan discount, rounded UP to the nano
 * (a reservation must never be smaller than what it stands for). The long-context rates
 * apply when the input estimate exceeds the row's threshold.
 *
 * `maxOutputTokens` undefined means the caller gave no limit: {@link DEFAULT_MAX_OUTPUT_TOKENS}.
 *
 * Not covered: cache writes cost more than input (1.25× / 2× on Anthropic); a request that
 * writes its whole prompt to the 1 h cache can cost up to 2× its input reservation. Settle
 * charges the actual cost either way.
 */
export function reservationCost(
  estimatedInputTokens: number,
  maxOutputTokens: number | undefined,
  row: Readonly<PriceRow>,
  plan: PriceFactor,
): number {
  const output = maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS;
  assertTokens(estimatedInputTokens, "estimatedInputTokens");
  assertTokens(output, "maxOutputTokens");
  const rates = ratesFor(row, estimatedInputTokens);
  return ceilNano(costNumerator({ input: estimatedInputTokens, output }, rates, plan), "reservation");
}
