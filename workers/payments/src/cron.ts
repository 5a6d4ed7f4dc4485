import { queries, type Topup } from "@cc/db";
import type { Deps } from "./deps.ts";
import { log } from "./lib/log.ts";
import { type ApplyOutcome, applyView } from "./topups/apply.ts";

/** A top-up untouched this long in pending / confirming is re-queried. */
export const STALE_AFTER_MS = 3 * 60_000;
/** Past this age the processors have given up on the invoice too (NOWPayments: 7 days). */
export const REQUERY_MAX_AGE_MS = 7 * 24 * 60 * 60_000;
const BATCH = 100;

/**
 * Asks the top-up's processor where its payment stands and applies the answer (the same
 * transition / credit step as a callback). Undefined when the processor is not enabled here or
 * does not know the payment yet. Throws when the processor cannot be reached.
 */
export async function requeryTopup(deps: Deps, topup: Topup): Promise<ApplyOutcome | undefined> {
  const provider = deps.provider(topup.provider);
  if (!provider) return undefined;
  const view = await provider.fetchPayment({
    invoiceId: topup.providerInvoiceId,
    paymentId: topup.providerPaymentId,
  });
  return view ? applyView(deps, topup, view) : undefined;
}

/**
 * The cron trigger: re-query every top-up stuck in pending or confirming through its
 * processor's API and apply the same transition / credit step as a callback — this is what
 * makes a lost callback harmless (docs/payments.md, "Lost callbacks"). `now` is the scheduled time.
 */
export async function requeryStale(
  deps: Deps,
  now: number,
): Promise<{ checked: number; creditedNano: number }> {
  const rows = await queries.listStaleTopups(deps.db, {
    statuses: ["pending", "confirming"],
    updatedBefore: now - STALE_AFTER_MS,
    createdAfter: now - REQUERY_MAX_AGE_MS,
    limit: BATCH,
  });
  let creditedNano = 0;
  for (const topup of rows) {
    try {
      const outcome = await requeryTopup(deps, topup);
      if (outcome?.kind === "applied") creditedNano += outcome.creditedNano;
    } catch (err) {
      // One processor's outage must not stop the others; the next run tries again.
      log("error", "re-query failed", { topupId: topup.id, error: String(err) });
    }
  }
  if (rows.length > 0) log("info", "re-queried stale top-ups", { checked: rows.length, creditedNano });
  return { checked: rows.length, creditedNano };
}
