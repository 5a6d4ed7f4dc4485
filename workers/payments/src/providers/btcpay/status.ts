import type { TopupStatus } from "@cc/db";

/**
 * BTCPay invoice status (+ additionalStatus) → our state (payments.md §2.4, §11.2). `Expired`
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
