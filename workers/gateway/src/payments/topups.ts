import { nanoToUsdString } from "@cc/billing";
import type { Topup } from "@cc/db";
import { GatewayError } from "@cc/formats";
import type { Coin, ProviderId } from "@cc/topups";

export interface TopupRequest {
  /** USD as a decimal string, at least "5", at most 2 decimals. */
  amountUsd: string;
  coin: Coin;
  provider: ProviderId;
  /** Where the processor sends the customer back; same origin as the gateway. Default: the dashboard's billing page. */
  returnUrl?: string;
}

export interface CreatedTopup {
  topupId: string;
  /** Absolute: the processor's hosted invoice (or the dev processor's page on this origin). */
  invoiceUrl: string;
  status: string;
}

/**
 * Starts a crypto top-up for an account through the payments Worker (PAYMENTS.createTopup).
 * `origin` is the gateway's public origin (the request's): return URLs must stay on it, and
 * the dev processor serves its page there. Throws GatewayError: 400 invalid input or a
 * processor that is not enabled, 502 when the processor refuses to create the invoice.
 */
export async function createTopupForAccount(
  env: Env,
  accountId: string,
  input: TopupRequest,
  origin: string,
): Promise<CreatedTopup> {
  const returnUrl = input.returnUrl ?? `${origin}/dashboard/billing`;
  let sameOrigin = false;
  try {
    sameOrigin = new URL(returnUrl).origin === origin;
  } catch {
    // not a URL: refused below
  }
  // Our invoice pages must not become an open redirect to someone else's site.
  if (!sameOrigin)
    throw new GatewayError("invalid_request", `return_url: must be on ${origin}`, { param: "return_url" });
  const result = await payments(async () =>
    env.PAYMENTS.createTopup({
      accountId,
      amountUsd: input.amountUsd,
      coin: input.coin,
      provider: input.provider,
      returnUrl,
      origin,
    }),
  );
  if (!result.ok) {
    throw new GatewayError(
      result.reason === "processor_error" ? "upstream" : "invalid_request",
      result.message,
    );
  }
  return { topupId: result.topupId, invoiceUrl: result.invoiceUrl, status: result.status };
}

/** The account's top-ups, newest first, as the payments Worker keeps them (D1 rows). */
export async function listTopupsForAccount(env: Env, accountId: string): Promise<Topup[]> {
  return (await payments(async () => env.PAYMENTS.listTopups(accountId))) as Topup[];
}

/** A call to the payments Worker; its failure (not deployed, thrown) is a 502 to the caller. */
async function payments<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw new GatewayError("upstream", "The payments service is unavailable; try again later.", {
      cause: err,
    });
  }
}

/** The public JSON shape of a top-up (account API). */
export const publicTopup = (t: Topup) => ({
  topup_id: t.id,
  provider: t.provider,
  coin: t.coin,
  status: t.status,
  amount_usd: nanoToUsdString(t.amountRequestedNano),
  credited_usd: nanoToUsdString(t.amountCreditedNano),
  amount_nano: t.amountRequestedNano,
  credited_nano: t.amountCreditedNano,
  invoice_url: t.invoiceUrl,
  created_at: t.createdAt,
  updated_at: t.updatedAt,
  credited_at: t.creditedAt,
  expires_at: t.expiresAt,
});
