import { z } from "zod";
import { parseDecimal, toUsd } from "../../lib/decimal.ts";
import { idString, requestJson } from "../http.ts";
import type { CreatedInvoice, InvoiceRequest, ProcessorView } from "../types.ts";
import { isOxaPayPaid, mapOxaPayStatus } from "./status.ts";

export interface OxaPayConfig {
  apiUrl: string;
  merchantKey: string;
  sandbox: boolean;
  fetch: typeof fetch;
}

const Envelope = <T extends z.ZodType>(data: T) => z.object({ data });

const Created = Envelope(
  z.object({
    track_id: z.union([z.string(), z.number()]),
    payment_url: z.url(),
    expired_at: z.number().nullish(),
  }),
);

/** GET /v1/payment/{track_id} (https://docs.oxapay.com/api-reference/payment/payment-information2): the fields we act on. */
const Payment = Envelope(
  z.object({
    track_id: z.union([z.string(), z.number()]),
    amount: z.union([z.string(), z.number()]),
    currency: z.string(),
    status: z.string(),
    order_id: z.string().nullish(),
  }),
);

const headers = (cfg: OxaPayConfig) => ({
  merchant_api_key: cfg.merchantKey,
  "content-type": "application/json",
});

export async function createOxaPayInvoice(cfg: OxaPayConfig, input: InvoiceRequest): Promise<CreatedInvoice> {
  const created = await requestJson(
    cfg.fetch,
    `${cfg.apiUrl}/v1/payment/invoice`,
    {
      method: "POST",
      headers: headers(cfg),
      body: JSON.stringify({
        amount: Number(input.amountUsd),
        currency: "USD",
        order_id: input.topupId,
        callback_url: input.callbackUrl,
        return_url: input.returnUrl,
        lifetime: 60,
        fee_paid_by_payer: 0,
        // No tolerance: an invoice is `paid` only when the whole amount arrived; the payer can
        // complete an underpaid invoice with another coin.
        under_paid_coverage: 0,
        mixed_payment: true,
        sandbox: cfg.sandbox,
      }),
    },
    Created,
  );
  if (!created) throw new Error("OxaPay answered 404 to invoice creation");
  const { track_id, payment_url, expired_at } = created.data;
  return {
    invoiceId: String(track_id),
    invoiceUrl: payment_url,
    expiresAt: expired_at ? expired_at * 1000 : null,
  };
}

/**
 * Re-queries an invoice (one track_id = one payment). OxaPay reports no USD value of the crypto
 * received, so a `paid` invoice is credited its USD amount once, and `underpaid` is left for the
 * payer to complete (mixed_payment) or for an operator — see the README's top-up policy.
 */
export async function fetchOxaPayInvoice(
  cfg: OxaPayConfig,
  trackId: string,
): Promise<ProcessorView | undefined> {
  const res = await requestJson(
    cfg.fetch,
    `${cfg.apiUrl}/v1/payment/${encodeURIComponent(trackId)}`,
    { headers: headers(cfg) },
    Payment,
  );
  if (!res) return undefined;
  const p = res.data;
  const id = String(p.track_id);
  return {
    orderId: p.order_id ?? null,
    invoiceId: id,
    paymentId: idString(p.track_id),
    status: mapOxaPayStatus(p.status),
    rawStatus: p.status,
    priceCurrency: p.currency,
    settled: isOxaPayPaid(p.status) ? [{ id, usd: toUsd(parseDecimal(p.amount)) }] : [],
  };
}
