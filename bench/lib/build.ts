import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** Scratch space of the bench: bundles, the micro-benchmarks' results (ignored by git and biome). */
export const tmpDir = path.join(root, ".wrangler", "bench");

export interface Bundles {
  gateway: string;
  mock: string;
  floor: string;
  streamUpstream: string;
}

/**
 * Bundles each Worker into one ES module the way scripts/lib/bundle-mock.ts does (Miniflare
 * takes built JS). Written under .wrangler/bench so that tests running at the same time, which
 * bundle the mock into .wrangler/test, never see a half-written file of ours. Not minified:
 * esbuild's `// path/to/source.ts` markers let the profile summary name each frame's source.
 */
export async function bundleWorkers(): Promise<Bundles> {
  const outdir = path.join(tmpDir, "bundles");
  mkdirSync(outdir, { recursive: true });
  const one = async (name: string, entry: string): Promise<string> => {
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
      loader: { ".sse": "text" },
      // The dashboard's .tsx pages (tsconfig.base.json: react-jsx with hono/jsx).
      jsx: "automatic",
      jsxImportSource: "hono/jsx",
      // Runtime modules of workerd (DurableObject, …) stay imports, as in scripts/lib/bundle-workers.ts.
      external: ["cloudflare:*", "node:*"],
      logLevel: "warning",
    });
    return outfile;
  };
  const [gateway, mock, floor, streamUpstream] = await Promise.all([
    one("gateway", "workers/gateway/src/index.ts"),
    one("mock-upstream", "workers/mock-upstream/src/index.ts"),
    one("floor", "bench/floor-worker.ts"),
    one("stream-upstream", "bench/stream-upstream.ts"),
  ]);
  return { gateway, mock, floor, streamUpstream };
}
