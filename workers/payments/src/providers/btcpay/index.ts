import { z } from "zod";
import { parseJsonBody } from "../http.ts";
import type { Provider } from "../types.ts";
import { type BtcPayConfig, createBtcPayInvoice, fetchBtcPayInvoice } from "./client.ts";
import { verifyBtcPay } from "./signature.ts";

const Webhook = z.object({
  deliveryId: z.string().min(1),
  type: z.string(),
  storeId: z.string().optional(),
  invoiceId: z.string().optional(),
  metadata: z.object({ orderId: z.string().nullish() }).loose().nullish(),
});

/** BTCPay Server, Greenfield API (https://docs.btcpayserver.org/API/Greenfield/v1/): self-hosted, BTC only. */
export function btcPay(cfg: BtcPayConfig & { webhookSecret: string }): Provider {
  return {
    id: "btcpay",
    coins: ["btc"],
    createInvoice: (input) => createBtcPayInvoice(cfg, input),
    verifyCallback: (rawBody, headers) => verifyBtcPay(rawBody, headers.get("btcpay-sig"), cfg.webhookSecret),
    async parseCallback(rawBody) {
      const hook = Webhook.safeParse(parseJsonBody(rawBody));
      // Bind the delivery to our store: another store's invoice is not ours.
      if (!hook.success || !hook.data.invoiceId || hook.data.storeId !== cfg.storeId) return undefined;
      return {
        // Deliveries are deduped by deliveryId; a redelivery carries a new one and is processed.
        eventKey: hook.data.deliveryId,
        orderId: hook.data.metadata?.orderId ?? null,
        invoiceId: hook.data.invoiceId,
        paymentId: null,
      };
    },
    fetchPayment: (ref) =>
      ref.invoiceId ? fetchBtcPayInvoice(cfg, ref.invoiceId) : Promise.resolve(undefined),
  };
}
