import type { LimitSnapshot } from "../account/types.ts";
import type { WireFormat } from "../lib/wire-format.ts";

/** OpenAI's duration style for x-ratelimit-reset-*: "20ms", "1s", "6m0s", "1m30.5s". */
export function openAiDuration(ms: number): string {
  const clamped = Math.max(0, Math.ceil(ms));
  if (clamped < 1000) return `${clamped}ms`;
  const minutes = Math.floor(clamped / 60_000);
  const seconds = (clamped % 60_000) / 1000;
  const s = `${Number.isInteger(seconds) ? seconds : seconds.toFixed(3).replace(/0+$/, "")}s`;
  return minutes > 0 ? `${minutes}m${s}` : s;
}

/**
 * The key's limits in the caller's vendor style: anthropic-ratelimit-* with RFC 3339 reset
 * times for Anthropic clients, x-ratelimit-* with durations for OpenAI clients.
 */
export function rateLimitHeaders(format: WireFormat, l: LimitSnapshot): Record<string, string> {
  if (format === "anthropic-messages") {
    return {
      "anthropic-ratelimit-requests-limit": String(l.rpm),
      "anthropic-ratelimit-requests-remaining": String(l.requestsRemaining),
      "anthropic-ratelimit-requests-reset": new Date(l.requestsResetAt).toISOString(),
      "anthropic-ratelimit-tokens-limit": String(l.tpm),
      "anthropic-ratelimit-tokens-remaining": String(l.tokensRemaining),
      "anthropic-ratelimit-tokens-reset": new Date(l.tokensResetAt).toISOString(),
    };
  }
  return {
    "x-ratelimit-limit-requests": String(l.rpm),
    "x-ratelimit-remaining-requests": String(l.requestsRemaining),
    "x-ratelimit-reset-requests": openAiDuration(l.requestsResetAt - l.now),
    "x-ratelimit-limit-tokens": String(l.tpm),
    "x-ratelimit-remaining-tokens": String(l.tokensRemaining),
    "x-ratelimit-reset-tokens": openAiDuration(l.tokensResetAt - l.now),
  };
}
