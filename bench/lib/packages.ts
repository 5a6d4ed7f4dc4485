/**
 * Loads @cc/formats and @cc/billing for the micro-benchmarks as one esbuild bundle, the way
 * they reach production (flattened into the Worker's bundle). Importing the sources instead
 * would time Vite's module runner (a getter on every cross-module call) or fail in Node's
 * strip-only TypeScript (the packages use parameter properties).
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { root, tmpDir } from "./build.ts";

export type Packages = typeof import("./packages-entry.ts");

let loaded: Promise<Packages> | undefined;

/** The bundle this process loads (one per process, so parallel bench files never collide). */
export const packagesBundlePath = (): string => path.join(tmpDir, "bundles", `packages-${process.pid}.mjs`);

export function loadPackages(): Promise<Packages> {
  loaded ??= (async () => {
    const outfile = packagesBundlePath();
    await build({
      entryPoints: [path.join(root, "bench/lib/packages-entry.ts")],
      outfile,
      bundle: true,
      format: "esm",
      platform: "node",
      target: "es2023",
      logLevel: "warning",
    });
    return (await import(pathToFileURL(outfile).href)) as Packages;
  })();
  return loaded;
}
