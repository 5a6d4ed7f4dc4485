import { z } from "zod";
import { mul, parseDecimal, sub, toUsd } from "../../lib/decimal.ts";
import { requestJson } from "../http.ts";
import type { CreatedInvoice, InvoiceRequest, ProcessorView } from "../types.ts";
import { mapBtcPayStatus } from "./status.ts";

export interface BtcPayConfig {
  url: string;
  apiKey: string;
  storeId: string;
  fetch: typeof fetch;
}

/** Greenfield InvoiceData (https://docs.btcpayserver.org/API/Greenfield/v1/): the fields we act on. Amounts are decimal strings. */
const Invoice = z.object({
  id: z.string(),
  storeId: z.string().optional(),
  currency: z.string(),
  status: z.string(),
  additionalStatus: z.string().default("None"),
  checkoutLink: z.string().optional(),
  expirationTime: z.number().optional(),
  metadata: z.object({ orderId: z.string().nullish() }).loose().nullish(),
});

/** Greenfield InvoicePaymentMethodDataModel: each payment's value and the method's rate to the invoice currency. */
const PaymentMethods = z.array(
  z.object({
    rate: z.string(),
    payments: z.array(
      z.object({ id: z.string(), value: z.string(), fee: z.string().nullish(), status: z.string() }),
    ),
  }),
);

const headers = (cfg: BtcPayConfig) => ({
  authorization: `token ${cfg.apiKey}`,
  "content-type": "application/json",
});
const storeUrl = (cfg: BtcPayConfig) => `${cfg.url}/api/v1/stores/${encodeURIComponent(cfg.storeId)}`;

export async function createBtcPayInvoice(cfg: BtcPayConfig, input: InvoiceRequest): Promise<CreatedInvoice> {
  const invoice = await requestJson(
    cfg.fetch,
    `${storeUrl(cfg)}/invoices`,
    {
      method: "POST",
      headers: headers(cfg),
      body: JSON.stringify({
        amount: input.amountUsd,
        currency: "USD",
        metadata: { orderId: input.topupId },
        checkout: { redirectURL: input.returnUrl, expirationMinutes: 30 },
      }),
    },
    Invoice,
  );
  if (!invoice?.checkoutLink) throw new Error("BTCPay returned no checkout link");
  return {
    invoiceId: invoice.id,
    invoiceUrl: invoice.checkoutLink,
    expiresAt: invoice.expirationTime ? invoice.expirationTime * 1000 : null,
  };
}

/**
 * Re-queries an invoice and its payments. Each payment settled on chain is credited once,
 * keyed by its own id, at (value − fee) × rate: the crypto received, net of the network fee
 * BTCPay charged the payer, at the invoice's rate. So a partial payment and the rest (or a late
 * one) are two credits, and an over-payment is credited as received.
 */
export async function fetchBtcPayInvoice(
  cfg: BtcPayConfig,
  invoiceId: string,
): Promise<ProcessorView | undefined> {
  const base = `${storeUrl(cfg)}/invoices/${encodeURIComponent(invoiceId)}`;
  const invoice = await requestJson(cfg.fetch, base, { headers: headers(cfg) }, Invoice);
  if (!invoice) return undefined;
  const methods =
    (await requestJson(cfg.fetch, `${base}/payment-methods`, { headers: headers(cfg) }, PaymentMethods)) ??
    [];
  const settled = [];
  let anyPayment = false;
  for (const method of methods) {
    for (const p of method.payments) {
      if (p.status === "Invalid") continue;
      anyPayment = true;
      if (p.status !== "Settled") continue;
      const net = sub(parseDecimal(p.value), parseDecimal(p.fee ?? "0"));
      settled.push({ id: p.id, usd: toUsd(mul(net, parseDecimal(method.rate))) });
    }
  }
  return {
    orderId: invoice.metadata?.orderId ?? null,
    invoiceId: invoice.id,
    paymentId: null,
    status: mapBtcPayStatus(invoice.status, invoice.additionalStatus, anyPayment),
    rawStatus: `${invoice.status}/${invoice.additionalStatus}`,
    priceCurrency: invoice.currency,
    settled,
  };
}
