import { nanoToUsdString } from "@cc/billing";
import { GatewayError } from "@cc/formats";
import { accountStub } from "../account/client.ts";
import type { LimitSnapshot } from "../account/types.ts";
import { priceTable } from "../lib/prices.ts";
import { unknownModelMessage } from "../lib/unknown-model.ts";
import type { WireFormat } from "../lib/wire-format.ts";
import { type Caller, refuse } from "./auth.ts";
import { rateLimitHeaders } from "./rate-limit-headers.ts";

export interface Admitted {
  limits: LimitSnapshot;
  /** Headers every response to this request carries (the key's rate limits). */
  headers: Record<string, string>;
  reservedNano: number;
}

/**
 * One RPC to the account's Durable Object before any upstream call: key active, within its
 * RPM/TPM window, and the worst case covered by the balance. A refusal becomes the error in
 * the caller's format, with the key's limits in the vendor's headers.
 */
export async function admit(
  env: Env,
  headers: Headers,
  format: WireFormat,
  caller: Caller,
  request: { requestId: string; model: string; inputEstimate: number; maxOutputTokens: number | undefined },
): Promise<Admitted> {
  const result = await accountStub(env, caller.accountId).admit({
    accountId: caller.accountId,
    keyHash: caller.keyHash,
    ...request,
  });
  if (result.ok) {
    return {
      limits: result.limits,
      headers: rateLimitHeaders(format, result.limits),
      reservedNano: result.reservedNano,
    };
  }
  switch (result.reason) {
    case "unknown_key":
      return refuse(env, headers, "Invalid API key.");
    case "revoked":
      return refuse(env, headers, "This API key has been revoked.");
    case "unknown_model":
      throw new GatewayError("invalid_request", unknownModelMessage(request.model, priceTable(env)), {
        param: "model",
      });
    case "model_not_allowed":
      throw new GatewayError("permission", `This API key may not use the model '${request.model}'.`, {
        headers: rateLimitHeaders(format, result.limits),
      });
    case "insufficient_balance":
      throw new GatewayError(
        "insufficient_balance",
        `Your balance of $${nanoToUsdString(result.balanceNano)} does not cover this request (up to $${nanoToUsdString(result.requiredNano)} with max_tokens). Top up or lower max_tokens.`,
        { headers: rateLimitHeaders(format, result.limits) },
      );
    case "rate_limit": {
      const retryAfterSeconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
      const what =
        result.limit === "requests"
          ? `${result.limits.rpm} requests per minute`
          : result.limit === "tokens"
            ? `${result.limits.tpm} tokens per minute`
            : `${result.limits.tpm} tokens per minute: this request alone is estimated above it`;
      throw new GatewayError("rate_limit", `Rate limit exceeded for this API key: ${what}.`, {
        retryAfterSeconds,
        headers: {
          ...rateLimitHeaders(format, result.limits),
          "retry-after-ms": String(result.retryAfterMs),
        },
      });
    }
  }
}
