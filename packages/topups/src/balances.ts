/**
 * What the payments Worker may do to balances: the one capability the gateway hands it with each
 * call (its AccountsRpc, https://developers.cloudflare.com/workers/runtime-apis/rpc/), written
 * here so that neither Worker imports the other's sources. The gateway's AccountsRpc implements
 * it; the payments Worker calls it.
 */

/** The ledger entries the payments Worker may write: top-ups and their refunds, nothing else. */
export type PaymentCreditKind = "topup" | "refund";

export interface PaymentCredit {
  accountId: string;
  /** Unique per kind: `<provider>:<payment id>` for a top-up, `<provider>:<top-up id>` for a refund. */
  idempotencyKey: string;
  /** Signed nano-USD: a refund is negative and must be covered by the balance. */
  amountNano: number;
  kind: PaymentCreditKind;
  memo?: string;
}

export type PaymentCreditResult =
  | { ok: true; entryId: string; balanceNano: number; duplicate: boolean }
  | { ok: false; reason: "insufficient_balance"; balanceNano: number }
  /** A kind other than topup or refund: refused whatever the caller claims. */
  | { ok: false; reason: "kind_not_allowed" };

export interface Balances {
  /** One ledger entry, idempotent per (kind, idempotencyKey). */
  credit(input: PaymentCredit): Promise<PaymentCreditResult>;
}
