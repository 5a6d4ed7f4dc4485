import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { bundleMockUpstream } from "../../scripts/lib/bundle-mock.ts";
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
              scriptPath: await bundleMockUpstream(),
              compatibilityDate: "2026-11-01",
              bindings: { MOCK_UPSTREAM_KEY: devEnv.ANTHROPIC_UPSTREAM_KEY ?? "" },
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
  },
});
