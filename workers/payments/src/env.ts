import type { Balances } from "@cc/topups";
import type { DevProcessor } from "./providers/dev/processor-do.ts";

/**
 * The payments Worker's bindings (workers/payments/wrangler.toml; secrets with
 * `wrangler secret put`). The generated `Env` type describes the gateway only.
 */
export interface PaymentsBindings {
  DB: D1Database;
  ENVIRONMENT: string;
  /** Public origin of the /payments routes, for processors' callback URLs. */
  PUBLIC_URL: string;
  DEV_PROCESSOR?: string;
  DEV_PROCESSOR_SECRET?: string;
  /** The dev processor's state; bound in development only. */
  DEV_INVOICES?: DurableObjectNamespace<DevProcessor>;
  NOWPAYMENTS_API_URL?: string;
  NOWPAYMENTS_API_KEY?: string;
  NOWPAYMENTS_IPN_SECRET?: string;
  BTCPAY_URL?: string;
  BTCPAY_API_KEY?: string;
  BTCPAY_STORE_ID?: string;
  BTCPAY_WEBHOOK_SECRET?: string;
  OXAPAY_API_URL?: string;
  OXAPAY_MERCHANT_KEY?: string;
  OXAPAY_SANDBOX?: string;
}

/** What the handlers see: the bindings and, for this call, the gateway's capability. */
export interface PaymentsEnv extends PaymentsBindings {
  /**
   * What this Worker may do to balances: the gateway's AccountsRpc, handed in with each call
   * (PaymentsRpc.handle / requeryStale). It is the only way this Worker changes a balance.
   */
  GATEWAY: Balances;
}

/** What the Worker's code reaches the outside through: a seam for tests (a fake processor). */
export interface Seams {
  /** Calls to the processors' APIs. Default: the global fetch. */
  fetch?: typeof fetch;
}
