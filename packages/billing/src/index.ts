// The TPM window counts a request's totalTokens; its one definition is the usage record's.
export { totalTokens } from "@cc/formats/usage";
export {
  type CostBreakdown,
  type CostLine,
  cost,
  costBreakdown,
  type ToolLine,
  tierPercent,
  toolPrice,
  worstCaseCost,
} from "./cost.ts";
export {
  assertNano,
  centsToNano,
  isNano,
  MoneyError,
  NANO_PER_CENT,
  NANO_PER_USD,
  nanoToUsdString,
  type UsdParseOptions,
  usdToNano,
} from "./money.ts";
export {
  LIST_PRICE,
  PLANS,
  type Plan,
  type PlanId,
  PlanIdSchema,
  type PriceFactor,
  planFor,
} from "./plans.ts";
export {
  PriceTableError,
  type PriceTableOverride,
  PriceTableSchema,
  parsePriceTable,
} from "./price-override.ts";
export {
  DEFAULT_PRICE_TABLE,
  type DeriveProblem,
  deriveCacheRates,
  type Extras,
  type Family,
  type LongContextRates,
  OPENAI_LONG_CONTEXT_THRESHOLD,
  type PriceRow,
  type PriceTable,
  priceFor,
  type Rates,
  ratesFor,
} from "./prices.ts";
export { type InputKind, reservationCost, type WorstCase, worstCaseUsage } from "./reserve.ts";
export { type BillableUsage, TOKEN_KINDS, type TokenKind } from "./usage.ts";
export {
  type Admission,
  BUCKET_MS,
  type RateLimits,
  RateWindow,
  WINDOW_MS,
  type WindowTotals,
} from "./window.ts";
