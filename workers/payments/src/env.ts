import type { Balances } from "@cc/topups";

/**
 * The processors' credentials: secrets a deployment sets (`wrangler secret put`) for the
 * processors it enables; a processor without them is off. Declared here because `wrangler types`
 * types only the secrets a config requires, and requiring these would refuse a deploy that
 * enables one processor and not the others.
 */
export interface ProcessorSecrets {
  NOWPAYMENTS_API_KEY?: string;
  NOWPAYMENTS_IPN_SECRET?: string;
  BTCPAY_API_KEY?: string;
  BTCPAY_WEBHOOK_SECRET?: string;
  OXAPAY_MERCHANT_KEY?: string;
}

/**
 * The payments Worker's bindings: `PaymentsWorkerEnv` is generated from wrangler.toml
 * (worker-configuration.d.ts beside it, `pnpm types`; CI checks it is current), plus the
 * processors' secrets.
 */
export interface PaymentsBindings extends PaymentsWorkerEnv, ProcessorSecrets {}

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
