import { sha256Hex } from "@cc/web-crypto";
import { z } from "zod";
import { idString, parseJsonBody } from "../http.ts";
import type { Provider } from "../types.ts";
import { createNowPaymentsInvoice, fetchNowPayment, type NowPaymentsConfig } from "./client.ts";
import { verifyNowPayments } from "./signature.ts";

const Ipn = z.object({
  payment_id: z.union([z.string(), z.number()]),
  invoice_id: z.union([z.string(), z.number()]).nullish(),
  order_id: z.string().nullish(),
});

/** NOWPayments (https://documenter.getpostman.com/view/7907941/S1a32n38): hosted invoices, IPN callbacks signed over sorted JSON. */
export function nowPayments(cfg: NowPaymentsConfig & { ipnSecret: string }): Provider {
  return {
    id: "nowpayments",
    coins: ["usdttrc20", "usdterc20", "btc", "eth"],
    createInvoice: (input) => createNowPaymentsInvoice(cfg, input),
    async verifyCallback(rawBody, headers) {
      const variant = await verifyNowPayments(rawBody, headers.get("x-nowpayments-sig"), cfg.ipnSecret);
      // Which canonical form NOWPayments signs arrays with is unknown: log the one that matched.
      if (variant === "as-objects")
        console.warn(JSON.stringify({ msg: "nowpayments sig: doc-JS array form" }));
      return variant !== undefined;
    },
    async parseCallback(rawBody) {
      const ipn = Ipn.safeParse(parseJsonBody(rawBody));
      if (!ipn.success) return undefined;
      return {
        // No delivery id: the body's hash dedupes exact replays; each status step differs.
        eventKey: await sha256Hex(rawBody),
        orderId: ipn.data.order_id ?? null,
        invoiceId: idString(ipn.data.invoice_id),
        paymentId: String(ipn.data.payment_id),
      };
    },
    // Re-query by payment id (GET /v1/payment/:id); listing an invoice's payments needs a JWT login.
    fetchPayment: (ref) => (ref.paymentId ? fetchNowPayment(cfg, ref.paymentId) : Promise.resolve(undefined)),
  };
}
