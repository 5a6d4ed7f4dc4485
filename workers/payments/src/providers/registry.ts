import type { PaymentsBindings } from "../env.ts";
import { btcPay } from "./btcpay/index.ts";
import { devProcessorFor } from "./dev/index.ts";
import { nowPayments } from "./nowpayments/index.ts";
import { oxaPay } from "./oxapay/index.ts";
import type { Provider } from "./types.ts";

const base = (url: string | undefined, fallback: string) => (url || fallback).replace(/\/+$/, "");

/**
 * The processor `id`, when it is enabled: configured with its keys and secrets, and for the
 * dev processor only in development (devProcessorFor). Undefined otherwise.
 */
export function providerFor(env: PaymentsBindings, id: string, fetchFn: typeof fetch): Provider | undefined {
  switch (id) {
    case "dev":
      return devProcessorFor(env);
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
