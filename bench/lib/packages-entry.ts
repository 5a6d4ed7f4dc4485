// The pure packages as the micro-benchmarks load them: bundled by lib/packages.ts.
export * as billing from "../../packages/billing/src/index.ts";
export * as formats from "../../packages/formats/src/index.ts";
