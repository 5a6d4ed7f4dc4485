import { defineConfig } from "vitest/config";
import { printLog } from "./vitest.logs.ts";

// Pure packages and the scripts run in Node; each Worker runs its tests inside workerd.
export default defineConfig({
  test: {
    // Projects' own onConsoleLog is not read when they run from here.
    onConsoleLog: printLog,
    projects: [
      {
        test: {
          name: "packages",
          include: ["packages/*/src/**/*.test.ts", "packages/*/test-fixtures/**/*.test.ts"],
          environment: "node",
        },
      },
      // The operators' scripts (pnpm admin, pnpm run deploy) and the Workers' configs, in Node.
      { test: { name: "scripts", include: ["scripts/**/*.test.ts"], environment: "node" } },
      "workers/mock-upstream/vitest.config.ts",
      "workers/gateway/vitest.config.ts",
      "workers/payments/vitest.config.ts",
    ],
  },
});
