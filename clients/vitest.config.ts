import { defineConfig } from "vitest/config";

// The real Claude Code and Codex CLIs against the local stack (gateway + mock upstream), all
// on 127.0.0.1. Both CLIs can exit 0 with empty output on a malformed stream, so the tests
// assert on the text they print.
export default defineConfig({
  test: {
    name: "clients",
    root: import.meta.dirname,
    include: ["**/*.clients.test.ts"],
    globalSetup: ["../e2e/global-setup.ts", "./install.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
