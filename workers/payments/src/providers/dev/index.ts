import { nanoToUsdString, usdToNano } from "@cc/billing";
import type { TopupStatus } from "@cc/db";
import { randomBase62, verifyHmacHex } from "@cc/web-crypto";
import { z } from "zod";
import type { PaymentsBindings } from "../../env.ts";
import { log } from "../../lib/log.ts";
import { parseJsonBody } from "../http.ts";
import type { Provider } from "../types.ts";
import type { DevProcessor, DevStatus } from "./processor-do.ts";

export interface DevConfig {
  invoices: DurableObjectNamespace<DevProcessor>;
  secret: string;
}

/** How long a dev invoice waits before it expires by itself. */
export const DEV_INVOICE_TTL_MS = 60 * 60_000;
export const DEV_SIGNATURE_HEADER = "x-dev-signature";

const STATUS: Record<DevStatus, TopupStatus> = {
  waiting: "pending",
  partially_paid: "partially_paid",
  paid: "credited",
  expired: "expired",
};

const Callback = z.object({
  delivery_id: z.string().min(1),
  invoice_id: z.string().min(1),
  order_id: z.string().min(1),
  payment_id: z.string().nullable(),
});

export const devInvoiceStub = (cfg: Pick<DevConfig, "invoices">, invoiceId: string) =>
  cfg.invoices.get(cfg.invoices.idFromName(invoiceId));

/**
 * The dev processor when this deployment may run it: DEV_PROCESSOR = "true", its Durable Object
 * bound, its secret set, and ENVIRONMENT "development" or "test". It credits balances for no
 * money and signs with a public secret, so anywhere else ("production", "staging", a typo) it
 * refuses to load whatever the config says (a development config deployed by mistake, a var set
 * by hand) and logs why.
 */
export function devProcessorFor(
  env: Pick<PaymentsBindings, "ENVIRONMENT" | "DEV_PROCESSOR" | "DEV_INVOICES" | "DEV_PROCESSOR_SECRET">,
): Provider | undefined {
  if (env.DEV_PROCESSOR !== "true") return undefined;
  if (env.ENVIRONMENT !== "development" && env.ENVIRONMENT !== "test") {
    log("error", "dev processor refused: ENVIRONMENT is not development", {
      environment: env.ENVIRONMENT,
      devProcessor: env.DEV_PROCESSOR,
    });
    return undefined;
  }
  if (!env.DEV_INVOICES || !env.DEV_PROCESSOR_SECRET) return undefined;
  return devProcessor({ invoices: env.DEV_INVOICES, secret: env.DEV_PROCESSOR_SECRET });
}

/**
 * The embedded dev processor (provider "dev"): hosted invoice page served by this Worker,
 * callbacks signed like BTCPay's (HMAC-SHA256 over the raw body, header x-dev-signature).
 */
export function devProcessor(cfg: DevConfig): Provider {
  return {
    id: "dev",
    coins: ["usdttrc20", "usdterc20", "btc", "eth"],
    async createInvoice(input) {
      const invoiceId = `devinv_${randomBase62(12)}`;
      const expiresAt = Date.now() + DEV_INVOICE_TTL_MS;
      await devInvoiceStub(cfg, invoiceId).open({
        invoiceId,
        orderId: input.topupId,
        amountNano: usdToNano(input.amountUsd),
        coin: input.coin,
        returnUrl: input.returnUrl,
        expiresAt,
      });
      return { invoiceId, invoiceUrl: `${input.publicOrigin}/payments/dev/invoice/${invoiceId}`, expiresAt };
    },
    // The same rule as a real processor: HMAC over the exact bytes, checked before parsing.
    verifyCallback: (rawBody, headers) =>
      verifyHmacHex("SHA-256", cfg.secret, rawBody, headers.get(DEV_SIGNATURE_HEADER)?.trim() ?? ""),
    async parseCallback(rawBody) {
      const hook = Callback.safeParse(parseJsonBody(rawBody));
      if (!hook.success) return undefined;
      return {
        eventKey: hook.data.delivery_id,
        orderId: hook.data.order_id,
        invoiceId: hook.data.invoice_id,
        paymentId: hook.data.payment_id,
      };
    },
    async fetchPayment(ref) {
      if (!ref.invoiceId) return undefined;
      const inv = await devInvoiceStub(cfg, ref.invoiceId).invoice();
      if (!inv) return undefined;
      return {
        orderId: inv.orderId,
        invoiceId: inv.invoiceId,
        paymentId: inv.payments.at(-1)?.id ?? null,
        status: STATUS[inv.status],
        rawStatus: inv.status,
        priceCurrency: "USD",
        settled: inv.payments.map((p) => ({ id: p.id, usd: nanoToUsdString(p.amountNano) })),
      };
    },
  };
}
