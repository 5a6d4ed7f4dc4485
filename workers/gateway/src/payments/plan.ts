import { nanoToUsdString, PLANS } from "@cc/billing";
import { queries } from "@cc/db";
import { GatewayError } from "@cc/formats";
import { drizzle } from "drizzle-orm/d1";
import { accountStub } from "../account/client.ts";

export interface PlanPurchase {
  plan: "pro";
  balanceNano: number;
  /** True when nothing was charged: the account had already bought (or been given) Pro. */
  duplicate: boolean;
}

/**
 * Buys the Pro plan from the balance: one `plan` ledger entry of −$19 and the switch, in one
 * AccountDO transaction (idempotent per account), so limits and discount change at once; then
 * D1's accounts.plan follows. Throws GatewayError 402 when $19 is not available.
 */
export async function purchasePro(env: Env, accountId: string): Promise<PlanPurchase> {
  const stub = accountStub(env, accountId);
  const state = await stub.state(accountId);
  if (!state) throw new GatewayError("not_found", "No such account.");
  // Already Pro (bought, or set by an operator): never charge for it again.
  if (state.plan === "pro") return { plan: "pro", balanceNano: state.balanceNano, duplicate: true };
  const result = await stub.purchasePlan(accountId, "pro");
  if (!result.ok) {
    const price = nanoToUsdString(PLANS.pro.priceNano);
    throw new GatewayError(
      "insufficient_balance",
      `The Pro plan costs $${price}; the available balance is $${nanoToUsdString(Math.max(0, result.balanceNano - state.reservedNano))}.`,
    );
  }
  await queries.setAccountPlan(drizzle(env.DB), accountId, "pro");
  return { plan: "pro", balanceNano: result.balanceNano, duplicate: result.duplicate };
}
