import type { TopupStatus } from "@cc/db";

/**
 * OxaPay status → our state (https://docs.oxapay.com/api-reference/merchant-status-table), case-insensitive: the legacy API
 * capitalises (`Paid`, `Confirming`). `refunding` keeps the credit until `refunded`.
 */
const MAP: Record<string, TopupStatus> = {
  new: "pending",
  waiting: "pending",
  paying: "confirming",
  confirming: "confirming",
  paid: "credited",
  manual_accept: "credited",
  refunding: "credited",
  underpaid: "partially_paid",
  expired: "expired",
  failed: "failed",
  refunded: "refunded",
};

export const mapOxaPayStatus = (status: string): TopupStatus => MAP[status.toLowerCase()] ?? "pending";

/** Credit points: the invoice is paid (by OxaPay's rules) or accepted by the merchant. */
export const isOxaPayPaid = (status: string): boolean =>
  ["paid", "manual_accept"].includes(status.toLowerCase());
