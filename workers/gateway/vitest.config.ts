import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { bundleWorker, D1_DATABASE_ID, PAYMENTS_TEST_VARS } from "../../scripts/lib/bundle-workers.ts";
import { readDevEnv } from "../../scripts/lib/dev-env.ts";
import { printLog } from "../../vitest.logs.ts";

const root = path.resolve(import.meta.dirname, "../..");

export default defineConfig({
  plugins: [
    cloudflareTest(async () => {
      const devEnv = readDevEnv();
      return {
        wrangler: { configPath: path.join(root, "wrangler.toml"), environment: "development" },
        miniflare: {
          bindings: {
            ...devEnv,
            TEST_MIGRATIONS: await readD1Migrations(path.join(root, "migrations")),
          },
          // The payments Worker's dev invoices, for tests that pay one without its callback.
          durableObjects: {
            DEV_INVOICES: { className: "DevProcessor", scriptName: "cc-payments-dev", useSQLite: true },
          },
          workers: [
            {
              name: "cc-mock-upstream",
              modules: true,
              modulesRoot: root,
              scriptPath: await bundleWorker("mock-upstream", "workers/mock-upstream/src/index.ts"),
              compatibilityDate: "2026-11-01",
              bindings: { MOCK_UPSTREAM_KEY: devEnv.ANTHROPIC_UPSTREAM_KEY ?? "" },
            },
            {
              // The payments Worker (PAYMENTS binding); it credits through the AccountsRpc passed to it.
              name: "cc-payments-dev",
              modules: true,
              modulesRoot: root,
              scriptPath: await bundleWorker("payments", "workers/payments/src/index.ts"),
              compatibilityDate: "2026-11-01",
              bindings: PAYMENTS_TEST_VARS,
              d1Databases: { DB: D1_DATABASE_ID },
              durableObjects: { DEV_INVOICES: { className: "DevProcessor", useSQLite: true } },
            },
          ],
        },
      };
    }),
  ],
  test: {
    name: "gateway",
    include: ["test/**/*.test.ts"],
    setupFiles: ["./test/setup.ts"],
    // Some tests drive hundreds of requests through workerd on a 2-core machine.
    testTimeout: 60_000,
    // One log line per proxied request is what production needs and what a test run drowns in;
    // test/request-log.test.ts checks the line itself.
    onConsoleLog: printLog,
  },
});
