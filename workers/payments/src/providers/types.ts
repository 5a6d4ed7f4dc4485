import type { TopupStatus } from "@cc/db";
import type { Coin, ProviderId } from "@cc/topups";

export interface InvoiceRequest {
  /** Our top-up id: the order id the processor echoes back. ASCII only (NOWPayments signs it re-encoded). */
  topupId: string;
  /** USD, a decimal string with at most 2 decimals. */
  amountUsd: string;
  coin: Coin;
  /** Where the processor posts its callbacks. */
  callbackUrl: string;
  /** Where the customer goes after paying. */
  returnUrl: string;
  /** The public origin of our /payments routes (the dev processor serves its page there). */
  publicOrigin: string;
}

export interface CreatedInvoice {
  invoiceId: string;
  invoiceUrl: string;
  /** Unix ms, when the processor says. */
  expiresAt: number | null;
}

/** What a verified callback points at; nothing in it is trusted beyond that. */
export interface CallbackRef {
  /** Delivery-level dedupe key: the processor's delivery id, or sha256 of the raw body. */
  eventKey: string;
  orderId: string | null;
  invoiceId: string | null;
  paymentId: string | null;
}

/** Ids to re-query the processor by: the callback's, or what the top-up row has stored. */
export interface PaymentRef {
  invoiceId: string | null;
  paymentId: string | null;
}

/** The processor's answer to a re-query, mapped to our states (docs/payments.md). */
export interface ProcessorView {
  /** Our top-up id as the processor has it. */
  orderId: string | null;
  invoiceId: string | null;
  /** The payment this view is about, when the processor has payment-level ids. */
  paymentId: string | null;
  status: TopupStatus;
  /** The processor's own status, for logs. */
  rawStatus: string;
  /** The fiat currency the invoice is priced in; we only ever create USD invoices. */
  priceCurrency: string;
  /**
   * Money that reached a final state, each part credited once under `<provider>:<id>`:
   * `usd` is what the processor reports as received, a decimal string (≤ 9 decimals).
   */
  settled: Array<{ id: string; usd: string }>;
}

/** One crypto processor: create, verify, re-query. One folder per processor under providers/. */
export interface Provider {
  readonly id: ProviderId;
  readonly coins: readonly Coin[];
  createInvoice(input: InvoiceRequest): Promise<CreatedInvoice>;
  /** The processor's signature check, over the raw bytes as received, before anything is parsed. */
  verifyCallback(rawBody: Uint8Array, headers: Headers): Promise<boolean>;
  /** Reads a verified body; undefined when it names nothing we can act on. */
  parseCallback(rawBody: Uint8Array, headers: Headers): Promise<CallbackRef | undefined>;
  /** The truth, from the processor's API (the callback is only a trigger); undefined = unknown there. */
  fetchPayment(ref: PaymentRef): Promise<ProcessorView | undefined>;
}

/** A processor's API answered with an error or an unexpected shape: worth a retry. */
export class ProcessorError extends Error {
  override name = "ProcessorError";
}
