import { sha256Hex, verifyHmacHex } from "@cc/web-crypto";
import { z } from "zod";
import { idString, parseJsonBody } from "../http.ts";
import type { Provider } from "../types.ts";
import { createOxaPayInvoice, fetchOxaPayInvoice, type OxaPayConfig } from "./client.ts";

const Webhook = z.object({
  type: z.string(),
  track_id: z.union([z.string(), z.number()]).optional(),
  order_id: z.string().nullish(),
});

/** OxaPay (https://docs.oxapay.com/webhook): hosted invoices, callbacks signed over the raw body. */
export function oxaPay(cfg: OxaPayConfig): Provider {
  return {
    id: "oxapay",
    coins: ["usdttrc20", "usdterc20", "btc", "eth"],
    createInvoice: (input) => createOxaPayInvoice(cfg, input),
    // `HMAC`: hex HMAC-SHA512 of the raw body keyed with the merchant API key.
    verifyCallback: (rawBody, headers) =>
      verifyHmacHex("SHA-512", cfg.merchantKey, rawBody, headers.get("hmac")?.trim().toLowerCase() ?? ""),
    async parseCallback(rawBody) {
      const hook = Webhook.safeParse(parseJsonBody(rawBody));
      // Payout callbacks are signed with the payout key and are not ours to handle.
      if (!hook.success || hook.data.type.toLowerCase() === "payout") return undefined;
      return {
        eventKey: await sha256Hex(rawBody),
        orderId: hook.data.order_id ?? null,
        invoiceId: idString(hook.data.track_id),
        paymentId: idString(hook.data.track_id),
      };
    },
    fetchPayment: (ref) =>
      ref.invoiceId ? fetchOxaPayInvoice(cfg, ref.invoiceId) : Promise.resolve(undefined),
  };
}
