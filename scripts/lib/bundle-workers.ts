import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Bundles a Worker entry (relative to the repository root) into one ES module, so that another
 * Worker's tests can run it as an auxiliary Worker (Miniflare takes auxiliary Workers as built
 * JS): the gateway's tests run the mock upstream and the payments Worker beside it, the
 * payments tests the gateway's money side, the bench all of them. Not minified, so profiles
 * can name each frame's source.
 */
export async function bundleWorker(
  name: string,
  entry: string,
  outdir = path.join(root, ".wrangler", "test"),
): Promise<string> {
  mkdirSync(outdir, { recursive: true });
  const outfile = path.join(outdir, `${name}.js`);
  await build({
    entryPoints: [path.join(root, entry)],
    outfile,
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2023",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    external: ["cloudflare:*", "node:*"],
    // The mock upstream replays recorded streams imported as text.
    loader: { ".sse": "text" },
    // The gateway's dashboard pages are hono/jsx.
    jsx: "automatic",
    jsxImportSource: "hono/jsx",
    logLevel: "warning",
  });
  return outfile;
}

/** The development values of the payments Worker's vars (workers/payments/wrangler.toml), for tests. */
export const PAYMENTS_TEST_VARS = {
  ENVIRONMENT: "test",
  PUBLIC_URL: "",
  DEV_PROCESSOR: "true",
  DEV_PROCESSOR_SECRET: "dev-processor-secret",
} as const;

/** The D1 database both Workers bind as DB (wrangler.toml's database_id). */
export const D1_DATABASE_ID = "00000000-0000-4000-8000-000000000000";
