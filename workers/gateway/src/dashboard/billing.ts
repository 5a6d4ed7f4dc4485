import { GatewayError } from "@cc/formats";
import type { Coin, ProviderId } from "@cc/topups";
import { purchasePro } from "../payments/plan.ts";
import { createTopupForAccount, listTopupsForAccount } from "../payments/topups.ts";

/**
 * The dashboard's billing actions over the payments module (workers/gateway/src/payments),
 * its errors turned into messages for the page.
 */

export type ActionResult<T> = ({ ok: true } & T) | { ok: false; status: number; message: string };

const refused = (err: unknown) => {
  if (err instanceof GatewayError) return { ok: false as const, status: err.status, message: err.message };
  throw err;
};

/** Creates the top-up and its invoice; the customer is then sent to `invoiceUrl`. */
export async function createTopup(
  env: Env,
  accountId: string,
  input: { amountUsd: string; coin: Coin; provider: ProviderId; returnUrl: string },
  origin: string,
): Promise<ActionResult<{ invoiceUrl: string }>> {
  try {
    const created = await createTopupForAccount(env, accountId, input, origin);
    return { ok: true, invoiceUrl: created.invoiceUrl };
  } catch (err) {
    return refused(err);
  }
}

export const listTopups = listTopupsForAccount;

/** Buys Pro from the balance (one AccountDO transaction; D1's plan follows). */
export async function upgradeToPro(env: Env, accountId: string): Promise<ActionResult<object>> {
  try {
    await purchasePro(env, accountId);
    return { ok: true };
  } catch (err) {
    return refused(err);
  }
}
