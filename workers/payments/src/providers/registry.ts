import type { PaymentsEnv } from "../env.ts";
import { btcPay } from "./btcpay/index.ts";
import { devProcessor } from "./dev/index.ts";
import { nowPayments } from "./nowpayments/index.ts";
import { oxaPay } from "./oxapay/index.ts";
import type { Provider } from "./types.ts";

const base = (url: string | undefined, fallback: string) => (url || fallback).replace(/\/+$/, "");

/**
 * The processor `id`, when it is enabled: configured with its keys and secrets, and for the
 * dev processor only when DEV_PROCESSOR = "true" (never in production). Undefined otherwise.
 */
export function providerFor(env: PaymentsEnv, id: string, fetchFn: typeof fetch): Provider | undefined {
  switch (id) {
    case "dev":
      return env.DEV_PROCESSOR === "true" && env.DEV_INVOICES && env.DEV_PROCESSOR_SECRET
        ? devProcessor({ invoices: env.DEV_INVOICES, secret: env.DEV_PROCESSOR_SECRET })
        : undefined;
    case "nowpayments":
      return env.NOWPAYMENTS_API_KEY && env.NOWPAYMENTS_IPN_SECRET
        ? nowPayments({
            apiUrl: base(env.NOWPAYMENTS_API_URL, "https://api.nowpayments.io"),
            apiKey: env.NOWPAYMENTS_API_KEY,
            ipnSecret: env.NOWPAYMENTS_IPN_SECRET,
            fetch: fetchFn,
          })
        : undefined;
    case "btcpay":
      return env.BTCPAY_URL && env.BTCPAY_API_KEY && env.BTCPAY_STORE_ID && env.BTCPAY_WEBHOOK_SECRET
        ? btcPay({
            url: base(env.BTCPAY_URL, ""),
            apiKey: env.BTCPAY_API_KEY,
            storeId: env.BTCPAY_STORE_ID,
            webhookSecret: env.BTCPAY_WEBHOOK_SECRET,
            fetch: fetchFn,
          })
        : undefined;
    case "oxapay":
      return env.OXAPAY_MERCHANT_KEY
        ? oxaPay({
            apiUrl: base(env.OXAPAY_API_URL, "https://api.oxapay.com"),
            merchantKey: env.OXAPAY_MERCHANT_KEY,
            sandbox: env.OXAPAY_SANDBOX === "true",
            fetch: fetchFn,
          })
        : undefined;
    default:
      return undefined;
  }
}
