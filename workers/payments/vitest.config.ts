import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { bundleWorker, D1_DATABASE_ID } from "../../scripts/lib/bundle-workers.ts";
import { readDevEnv } from "../../scripts/lib/dev-env.ts";

const root = path.resolve(import.meta.dirname, "../..");

/** Test values of the processors' settings: their APIs are faked in the tests, never reached. */
const PROCESSORS = {
  PUBLIC_URL: "https://pay.test",
  NOWPAYMENTS_API_URL: "https://nowpayments.test",
  NOWPAYMENTS_API_KEY: "np-api-key",
  NOWPAYMENTS_IPN_SECRET: "test_ipn_secret_123",
  BTCPAY_URL: "https://btcpay.test",
  BTCPAY_API_KEY: "btcpay-api-key",
  BTCPAY_STORE_ID: "9CiNzKoANXxmk5ayZngSXrHTiVvvgCrwrpFQd4m2K776",
  BTCPAY_WEBHOOK_SECRET: "HelloWorld",
  OXAPAY_API_URL: "https://oxapay.test",
  OXAPAY_MERCHANT_KEY: "merchant-secret",
};

// The payments Worker under test, with the real gateway beside it (AccountsRpc → AccountDO).
export default defineConfig({
  plugins: [
    cloudflareTest(async () => {
      const devEnv = readDevEnv();
      return {
        wrangler: { configPath: path.join(import.meta.dirname, "wrangler.toml"), environment: "development" },
        miniflare: {
          bindings: {
            ...PROCESSORS,
            TEST_MIGRATIONS: await readD1Migrations(path.join(root, "migrations")),
            ADMIN_TOKEN: devEnv.ADMIN_TOKEN ?? "",
          },
          serviceBindings: {
            // The gateway's HTTP side, for its admin API (accounts, ledger, reconcile).
            GATEWAY_HTTP: "cc-gateway",
            // What the gateway hands the payments Worker with each call, bound here for the tests.
            GATEWAY: { name: "cc-gateway", entrypoint: "AccountsRpc" },
          },
          workers: [
            {
              name: "cc-gateway",
              modules: true,
              modulesRoot: root,
              scriptPath: await bundleWorker("gateway-money", "workers/payments/test/gateway-entry.ts"),
              compatibilityDate: "2026-11-01",
              bindings: {
                ENVIRONMENT: "test",
                ANTHROPIC_UPSTREAM_URL: "",
                PRICE_TABLE_JSON: "",
                ADMIN_TOKEN: devEnv.ADMIN_TOKEN ?? "",
                ANTHROPIC_UPSTREAM_KEY: "",
              },
              d1Databases: { DB: D1_DATABASE_ID },
              durableObjects: {
                ACCOUNTS: { className: "AccountDO", useSQLite: true },
                AUTH_THROTTLE: { className: "AuthThrottle", useSQLite: true },
              },
            },
          ],
        },
      };
    }),
  ],
  test: {
    name: "payments",
    include: ["test/**/*.test.ts"],
    setupFiles: ["./test/setup.ts"],
  },
});
