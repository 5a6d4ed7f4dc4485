import type { TopupStatus } from "@cc/db";

/**
 * BTCPay invoice status (+ additionalStatus) → our state (docs/payments.md, "Each processor's status, as our state"). `Expired`
 * is not a dead end: payments are still watched for monitoringMinutes (PaidLate).
 */
export function mapBtcPayStatus(status: string, additional: string, anyPayment: boolean): TopupStatus {
  switch (status) {
    case "New":
      return anyPayment ? "confirming" : "pending";
    case "Processing":
      return "confirming";
    case "Settled":
      return "credited";
    case "Expired":
      return anyPayment || additional === "PaidPartial" ? "partially_paid" : "expired";
    case "Invalid":
      return "failed";
    default:
      return "pending";
  }
}
