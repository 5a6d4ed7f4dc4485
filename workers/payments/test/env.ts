import { type D1Migration, env } from "cloudflare:test";
import type { PaymentsEnv } from "../src/env.ts";

/**
 * The payments Worker's bindings in its tests (cloudflare:test types `env` as the generated envs
 * of every Worker in the compilation, merged). GATEWAY is a test-only binding to the gateway's
 * AccountsRpc, standing in for the capability the gateway passes with each call in production.
 */
export interface PaymentsTestEnv extends PaymentsEnv {
  TEST_MIGRATIONS: D1Migration[];
  ADMIN_TOKEN: string;
  /** The gateway's default entrypoint: its admin API. */
  GATEWAY_HTTP: Fetcher;
  BTCPAY_STORE_ID: string;
}

export const testEnv = env as unknown as PaymentsTestEnv;
