import { z } from "zod";
import { mulDivUsd, parseDecimal } from "../../lib/decimal.ts";
import { idString, requestJson } from "../http.ts";
import type { CreatedInvoice, InvoiceRequest, ProcessorView } from "../types.ts";
import { isNowPaymentsFinal, mapNowPaymentsStatus } from "./status.ts";

export interface NowPaymentsConfig {
  apiUrl: string;
  apiKey: string;
  fetch: typeof fetch;
}

const Id = z.union([z.string(), z.number()]);
const Amount = z.union([z.string(), z.number()]);

const InvoiceCreated = z.object({ id: Id, invoice_url: z.url() });

/** GET /v1/payment/:id (https://documenter.getpostman.com/view/7907941/S1a32n38, "Get payment status"): only the fields we act on. */
const Payment = z.object({
  payment_id: Id,
  invoice_id: Id.nullish(),
  order_id: z.string().nullish(),
  payment_status: z.string(),
  price_amount: Amount,
  price_currency: z.string(),
  pay_amount: Amount,
  actually_paid: Amount.nullish(),
});

export async function createNowPaymentsInvoice(
  cfg: NowPaymentsConfig,
  input: InvoiceRequest,
): Promise<CreatedInvoice> {
  const created = await requestJson(
    cfg.fetch,
    `${cfg.apiUrl}/v1/invoice`,
    {
      method: "POST",
      headers: { "x-api-key": cfg.apiKey, "content-type": "application/json" },
      body: JSON.stringify({
        // At most 2 decimals: the number prints back exactly as the customer typed it.
        price_amount: Number(input.amountUsd),
        price_currency: "usd",
        pay_currency: input.coin,
        order_id: input.topupId,
        order_description: "cc-gateway balance top-up",
        ipn_callback_url: input.callbackUrl,
        success_url: input.returnUrl,
        cancel_url: input.returnUrl,
        partially_paid_url: input.returnUrl,
        is_fixed_rate: true,
        is_fee_paid_by_user: false,
      }),
    },
    InvoiceCreated,
  );
  if (!created) throw new Error("NOWPayments answered 404 to invoice creation");
  return { invoiceId: String(created.id), invoiceUrl: created.invoice_url, expiresAt: null };
}

/**
 * Re-queries one payment. What was received, in USD: price_amount × actually_paid ÷ pay_amount,
 * i.e. the crypto received valued at the invoice's own fixed rate — exact for a full payment,
 * pro rata for an under- or over-payment. (actually_paid_at_fiat is undocumented.)
 */
export async function fetchNowPayment(
  cfg: NowPaymentsConfig,
  paymentId: string,
): Promise<ProcessorView | undefined> {
  const p = await requestJson(
    cfg.fetch,
    `${cfg.apiUrl}/v1/payment/${encodeURIComponent(paymentId)}`,
    { headers: { "x-api-key": cfg.apiKey } },
    Payment,
  );
  if (!p) return undefined;
  const id = String(p.payment_id);
  const settled = [];
  if (isNowPaymentsFinal(p.payment_status) && p.actually_paid !== null && p.actually_paid !== undefined) {
    const payAmount = parseDecimal(p.pay_amount);
    if (payAmount.units > 0n) {
      const usd = mulDivUsd(parseDecimal(p.price_amount), parseDecimal(p.actually_paid), payAmount);
      settled.push({ id, usd });
    }
  }
  return {
    orderId: p.order_id ?? null,
    invoiceId: idString(p.invoice_id),
    paymentId: id,
    status: mapNowPaymentsStatus(p.payment_status),
    rawStatus: p.payment_status,
    priceCurrency: p.price_currency,
    settled,
  };
}
