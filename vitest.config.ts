import { defineConfig } from "vitest/config";

// Pure packages run in Node; each Worker runs its tests inside workerd.
export default defineConfig({
  test: {
    projects: [
      { test: { name: "packages", include: ["packages/*/src/**/*.test.ts"], environment: "node" } },
      "workers/mock-upstream/vitest.config.ts",
      "workers/gateway/vitest.config.ts",
      "workers/payments/vitest.config.ts",
    ],
  },
});
