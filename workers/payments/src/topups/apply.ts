import { usdToNano } from "@cc/billing";
import { queries, type Topup } from "@cc/db";
import type { Deps } from "../deps.ts";
import { log } from "../lib/log.ts";
import type { ProcessorView } from "../providers/types.ts";

export type ApplyOutcome =
  | { kind: "applied"; creditedNano: number; moved: boolean }
  | { kind: "rejected"; reason: string };

/**
 * Binds the processor's answer to our row (docs/payments.md, "Handling a callback"): never act on an invoice in
 * another currency, or one whose order / invoice id is not this top-up's.
 */
function mismatch(topup: Topup, view: ProcessorView): string | undefined {
  if (view.priceCurrency.toUpperCase() !== "USD") return `priced in ${view.priceCurrency}, not USD`;
  if (view.orderId !== null && view.orderId !== topup.id)
    return `order id ${view.orderId} is not ${topup.id}`;
  if (
    view.invoiceId !== null &&
    topup.providerInvoiceId !== null &&
    view.invoiceId !== topup.providerInvoiceId
  )
    return `invoice ${view.invoiceId} is not ${topup.providerInvoiceId}`;
  if (view.orderId === null && (view.invoiceId === null || topup.providerInvoiceId === null))
    return "the payment names neither our order nor our invoice";
  return undefined;
}

/**
 * One settled part of a payment → one `topup` credit, exactly once: the AccountDO dedupes on
 * `<provider>:<payment id>` inside its transaction, so replays, concurrent callbacks and the
 * cron all converge on a single ledger entry. The D1 total only follows credits that were new.
 */
async function creditPart(deps: Deps, topup: Topup, part: ProcessorView["settled"][number]): Promise<number> {
  const amountNano = usdToNano(part.usd);
  if (amountNano <= 0) return 0;
  const result = await deps.env.GATEWAY.credit({
    accountId: topup.accountId,
    idempotencyKey: `${topup.provider}:${part.id}`,
    amountNano,
    kind: "topup",
    memo: `top-up ${topup.id}`,
  });
  if (!result.ok) throw new Error(`credit refused for ${topup.id}: ${result.reason}`);
  if (result.duplicate) return 0;
  await queries.addTopupCredit(deps.db, topup.id, amountNano, deps.now());
  log("info", "top-up credited", { topupId: topup.id, paymentId: part.id, amountNano });
  return amountNano;
}

/**
 * A refund confirmed by the processor → one compensating `refund` entry for everything this
 * top-up credited, keyed `<provider>:<top-up id>`. The AccountDO refuses a debit the balance
 * cannot cover: the top-up then stays as it is and an operator settles it (logged).
 */
async function refund(deps: Deps, topup: Topup): Promise<boolean> {
  const credited = (await queries.getTopup(deps.db, topup.id))?.amountCreditedNano ?? 0;
  if (credited <= 0) return true;
  const result = await deps.env.GATEWAY.credit({
    accountId: topup.accountId,
    idempotencyKey: `${topup.provider}:${topup.id}`,
    amountNano: -credited,
    kind: "refund",
    memo: `refund of top-up ${topup.id}`,
  });
  if (!result.ok)
    log("error", "refund not debited: operator needed", { topupId: topup.id, reason: result.reason });
  return result.ok;
}

/**
 * The one transition step, shared by callbacks and the cron: credit what the processor says
 * was received, then move the status forward in rank (never back). Not gated on our current
 * status: an expired top-up still credits a late payment.
 */
export async function applyView(deps: Deps, topup: Topup, view: ProcessorView): Promise<ApplyOutcome> {
  const reason = mismatch(topup, view);
  if (reason) {
    log("error", "payment does not match its top-up: not credited", { topupId: topup.id, reason });
    return { kind: "rejected", reason };
  }
  if (view.paymentId && view.paymentId !== topup.providerPaymentId)
    await queries.setTopupPayment(deps.db, topup.id, view.paymentId);
  let creditedNano = 0;
  if (view.status === "refunded") {
    if (!(await refund(deps, topup)))
      return { kind: "rejected", reason: "refund not covered by the balance" };
  } else {
    for (const part of view.settled) creditedNano += await creditPart(deps, topup, part);
  }
  const moved = await queries.advanceTopup(deps.db, topup.id, view.status, deps.now());
  return { kind: "applied", creditedNano, moved };
}
