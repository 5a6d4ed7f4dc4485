import type { TopupStatus } from "@cc/db";

/**
 * NOWPayments payment_status → our state (docs/payments.md, "Each processor's status, as our state"). `confirmed` and `sending`
 * are not credit points: we credit on `finished` (and on `partially_paid`, what was received).
 */
const MAP: Record<string, TopupStatus> = {
  waiting: "pending",
  confirming: "confirming",
  confirmed: "confirming",
  sending: "confirming",
  finished: "credited",
  partially_paid: "partially_paid",
  failed: "failed",
  refunded: "refunded",
  expired: "expired",
};

/** Unknown statuses map to pending: they move nothing forward and credit nothing. */
export const mapNowPaymentsStatus = (status: string): TopupStatus => MAP[status.toLowerCase()] ?? "pending";

/** Statuses whose received amount is final and credited. */
export const isNowPaymentsFinal = (status: string): boolean =>
  ["finished", "partially_paid"].includes(status.toLowerCase());
