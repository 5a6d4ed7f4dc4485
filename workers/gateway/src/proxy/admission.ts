import { nanoToUsdString, type PriceRow, type WorstCase } from "@cc/billing";
import { GatewayError, type ObjectRef, objectNotFound } from "@cc/formats";
import { accountStub } from "../account/client.ts";
import type { AdmitResult, LimitSnapshot } from "../account/types.ts";
import type { WireFormat } from "../lib/wire-format.ts";
import { type Caller, keyExpiredMessage, refuse } from "./auth.ts";
import { rateLimitHeaders } from "./rate-limit-headers.ts";

export interface Admitted {
  limits: LimitSnapshot;
  /** Headers every response to this request carries (the key's rate limits). */
  headers: Record<string, string>;
  reservedNano: number;
  /** The stored context a continuation sends upstream again, in tokens (0 for any other request). */
  contextTokens: number;
}

/**
 * One RPC to the account's Durable Object before any upstream call: key active, within its
 * RPM/TPM window, no debt, and the worst case covered by the balance (no worst case: a free
 * request, which counts against RPM only). A refusal becomes the error in
 * the caller's format, with the key's limits in the vendor's headers.
 */
export async function admit(
  env: Env,
  headers: Headers,
  format: WireFormat,
  caller: Caller,
  request: {
    requestId: string;
    model: string;
    price: PriceRow;
    tpmTokens: number;
    worstCase: WorstCase | undefined;
    refs: ObjectRef[];
  },
): Promise<Admitted> {
  const result = await accountStub(env, caller.accountId).admit({
    accountId: caller.accountId,
    keyHash: caller.keyHash,
    requestId: request.requestId,
    model: request.model,
    price: request.price,
    tpmTokens: request.tpmTokens,
    worstCase: request.worstCase,
    refs: request.refs.map(({ kind, id }) => ({ kind, id })),
  });
  if (result.ok) {
    return {
      limits: result.limits,
      headers: rateLimitHeaders(format, result.limits),
      reservedNano: result.reservedNano,
      contextTokens: result.contextTokens,
    };
  }
  switch (result.reason) {
    case "unknown_key":
      return refuse(env, headers, "Invalid API key.");
    case "revoked":
      return refuse(env, headers, "This API key has been revoked.");
    case "expired":
      return refuse(env, headers, keyExpiredMessage(result.expiresAt));
    case "spend_limit":
      throw new GatewayError("insufficient_balance", spendLimitMessage(result), {
        code: "spend_limit_exceeded",
        headers: rateLimitHeaders(format, result.limits),
      });
    case "model_not_allowed":
      throw new GatewayError("permission", `This API key may not use the model '${request.model}'.`, {
        headers: rateLimitHeaders(format, result.limits),
      });
    case "insufficient_balance":
      throw new GatewayError(
        "insufficient_balance",
        `Your balance of $${nanoToUsdString(result.balanceNano)} does not cover this request (up to $${nanoToUsdString(result.requiredNano)} with its output cap${result.reservedNano > 0 ? `, beside $${nanoToUsdString(result.reservedNano)} held for requests in flight` : ""}). Top up or lower the output cap (max_tokens).`,
        { headers: rateLimitHeaders(format, result.limits) },
      );
    case "unknown_object":
      // The vendor's own not-found answer: the same for another account's id as for none.
      throw objectNotFound(request.refs[result.index]!);
    case "debt":
      throw new GatewayError(
        "insufficient_balance",
        `Your balance is $${nanoToUsdString(result.balanceNano)}: a request cost more than was held for it. Top up to continue.`,
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

/** A 402 for a key's spend cap names the cap, what counts against it and when it resets. */
function spendLimitMessage(r: Extract<AdmitResult, { reason: "spend_limit" }>): string {
  const period = r.period === "daily" ? "daily" : "monthly";
  const when = r.period === "daily" ? "today (UTC)" : "this month (UTC)";
  const held =
    r.heldNano > 0 ? ` and $${nanoToUsdString(r.heldNano)} is held for its requests in flight` : "";
  return `This API key's ${period} spend limit of $${nanoToUsdString(r.limitNano)} would be exceeded: it has spent $${nanoToUsdString(r.spentNano)} ${when}${held}, and this request may cost up to $${nanoToUsdString(r.requiredNano)}. The limit resets at ${new Date(r.resetAt).toISOString()}; the key's owner can raise it on the dashboard's Keys page.`;
}
