import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { bundleWorker, D1_DATABASE_ID, PAYMENTS_TEST_VARS } from "../../scripts/lib/bundle-workers.ts";
import { readDevEnv } from "../../scripts/lib/dev-env.ts";

const root = path.resolve(import.meta.dirname, "../..");

export default defineConfig({
  plugins: [
    cloudflareTest(async () => {
      const devEnv = readDevEnv();
      return {
        wrangler: { configPath: path.join(root, "wrangler.toml") },
        miniflare: {
          bindings: {
            ...devEnv,
            TEST_MIGRATIONS: await readD1Migrations(path.join(root, "migrations")),
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
              // The payments Worker (PAYMENTS binding); it credits through this gateway's AccountsRpc.
              name: "cc-payments",
              modules: true,
              modulesRoot: root,
              scriptPath: await bundleWorker("payments", "workers/payments/src/index.ts"),
              compatibilityDate: "2026-11-01",
              bindings: PAYMENTS_TEST_VARS,
              d1Databases: { DB: D1_DATABASE_ID },
              durableObjects: { DEV_INVOICES: { className: "DevProcessor", useSQLite: true } },
              serviceBindings: {
                GATEWAY: { name: "vitest-plugin-runner-gateway", entrypoint: "AccountsRpc" },
              },
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
  },
});
