import { type PlanId, PlanIdSchema } from "@cc/billing";
import { accountStub } from "../account/client.ts";

/** Balance and plan from the AccountDO, the source of truth for both (D1's copy may lag). */
export async function accountState(
  env: Env,
  accountId: string,
): Promise<{ balanceNano: number; reservedNano: number; plan: PlanId }> {
  const state = await accountStub(env, accountId).state(accountId);
  const plan = PlanIdSchema.safeParse(state?.plan);
  return {
    balanceNano: state?.balanceNano ?? 0,
    reservedNano: state?.reservedNano ?? 0,
    plan: plan.success ? plan.data : "basic",
  };
}
