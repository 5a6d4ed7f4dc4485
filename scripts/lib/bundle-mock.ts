import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Bundles the mock upstream Worker into one ES module, so that tests can run it as an
 * auxiliary Worker beside the gateway (Miniflare takes auxiliary Workers as built JS).
 */
export async function bundleMockUpstream(): Promise<string> {
  const outdir = path.join(root, ".wrangler", "test");
  mkdirSync(outdir, { recursive: true });
  const outfile = path.join(outdir, "mock-upstream.js");
  await build({
    entryPoints: [path.join(root, "workers/mock-upstream/src/index.ts")],
    outfile,
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2023",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    // The mock's `replay` scenario imports the recorded .sse fixtures as text.
    loader: { ".sse": "text" },
    logLevel: "warning",
  });
  return outfile;
}
