import path from "node:path";
import { bundleWorker, root } from "../../scripts/lib/bundle-workers.ts";

export { root };
/** Scratch space of the bench: bundles, the micro-benchmarks' results (ignored by git and biome). */
export const tmpDir = path.join(root, ".wrangler", "bench");

export interface Bundles {
  gateway: string;
  mock: string;
  floor: string;
  streamUpstream: string;
}

/**
 * Bundles each Worker into one ES module (Miniflare takes built JS), under .wrangler/bench so
 * that tests running at the same time, which bundle into .wrangler/test, never see a
 * half-written file of ours.
 */
export async function bundleWorkers(): Promise<Bundles> {
  const outdir = path.join(tmpDir, "bundles");
  const [gateway, mock, floor, streamUpstream] = await Promise.all([
    bundleWorker("gateway", "workers/gateway/src/index.ts", outdir),
    bundleWorker("mock-upstream", "workers/mock-upstream/src/index.ts", outdir),
    bundleWorker("floor", "bench/floor-worker.ts", outdir),
    bundleWorker("stream-upstream", "bench/stream-upstream.ts", outdir),
  ]);
  return { gateway, mock, floor, streamUpstream };
}
