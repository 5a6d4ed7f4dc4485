export { estimateTokens } from "./tokens.ts";
export { emptyUsage, totalInput, type UsageRecord } from "./usage.ts";
