/**
 * Service-tier values that mean the standard rates: OpenAI's `auto` and `default`
 * (https://platform.openai.com/docs/api-reference/responses/create#responses-create-service_tier),
 * Anthropic's `standard`, `auto` and `standard_only`
 * (https://platform.claude.com/docs/en/api/service-tiers).
 */
export const STANDARD_SERVICE_TIERS: ReadonlySet<string> = new Set([
  "auto",
  "default",
  "standard",
  "standard_only",
]);

/** A tier the vendor reports, as billing reads it: undefined for the standard tier (or none). */
export function nonStandardTier(value: unknown): string | undefined {
  return typeof value === "string" && !STANDARD_SERVICE_TIERS.has(value) ? value : undefined;
}
