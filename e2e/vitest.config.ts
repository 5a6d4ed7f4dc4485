import { defineConfig } from "vitest/config";

// End to end: the real stack under `wrangler dev` (gateway + mock upstream), driven by the
// official SDKs from Node, all on 127.0.0.1.
export default defineConfig({
  test: {
    name: "e2e",
    root: import.meta.dirname,
    include: ["**/*.e2e.test.ts"],
    globalSetup: ["./global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
