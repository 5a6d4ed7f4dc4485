import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { AccountsRpc } from "../src/payments/accounts-rpc.ts";
import { newAccountWithKey } from "./helpers.ts";

// AccountsRpc is the capability the gateway passes to the payments Worker with each call.
const rpc = new AccountsRpc(env);

describe("AccountsRpc", () => {
  it("credits top-ups and refunds, idempotently, and reports the account's state", async () => {
    const { accountId } = await newAccountWithKey({ usd: "0" });
    const credit = {
      accountId,
      idempotencyKey: "dev:devpay_rpc",
      amountNano: 7_000_000_000,
      kind: "topup" as const,
    };
    expect(await rpc.credit(credit)).toMatchObject({ ok: true, duplicate: false });
    expect(await rpc.credit(credit)).toMatchObject({ ok: true, duplicate: true });
    const refund = {
      ...credit,
      idempotencyKey: "dev:topup_rpc",
      amountNano: -7_000_000_000,
      kind: "refund" as const,
    };
    expect(await rpc.credit(refund)).toMatchObject({ ok: true, balanceNano: 0 });
    expect(await rpc.state(accountId)).toMatchObject({
      accountId,
      balanceNano: 0,
      plan: "basic",
    });
  });

  it("refuses the kinds that are not the payments Worker's to write (plan, adjustment)", async () => {
    const { accountId } = await newAccountWithKey({ usd: "0" });
    for (const kind of ["plan", "adjustment"] as const) {
      const refused = await rpc.credit({
        accountId,
        idempotencyKey: `x:${kind}`,
        amountNano: 1,
        kind,
      });
      expect(refused).toEqual({ ok: false, reason: "kind_not_allowed" });
    }
    expect(await rpc.state(accountId)).toMatchObject({ balanceNano: 0 });
  });
});
