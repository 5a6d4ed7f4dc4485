import path from "node:path";
import { defineConfig } from "vitest/config";

// `vitest bench` for the pure packages, in Node. Not part of `pnpm test`: the root config's
// projects never include bench/. `pnpm bench` runs it and turns iterations/s into MB/s.
export default defineConfig({
  test: {
    name: "bench",
    // The repository root, so that Vite's caches stay in the root node_modules.
    root: path.resolve(import.meta.dirname, ".."),
    include: [],
    benchmark: { include: ["bench/*.bench.ts"] },
    environment: "node",
    experimental: {
      // Node runs the bench files natively; the measured packages come in as one esbuild bundle
      // (lib/packages.ts), so no Vite module-runner getter sits on any measured call.
      viteModuleRunner: false,
    },
  },
});
