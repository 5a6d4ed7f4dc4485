/**
 * `pnpm check:deploy` (part of `pnpm test`): builds every Worker exactly as `wrangler deploy`
 * would ship it — the production config, `--dry-run` — and reports each bundle's size, gzipped
 * as Cloudflare measures it, against the Workers plans' limits. Fails when a Worker does not
 * build, exceeds the Paid plan's limit, or carries zod's translated locales again.
 * https://developers.cloudflare.com/workers/platform/limits/#worker-size
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { root } from "./lib/stack.ts";

const KiB = 1024;
const MiB = 1024 * KiB;
/** Compressed Worker size limits by plan. */
const LIMITS = { free: 3 * MiB, paid: 10 * MiB };

const WORKERS = [
  { name: "cc-gateway", config: "wrangler.toml", env: "" },
  { name: "cc-payments", config: "workers/payments/wrangler.toml", env: "" },
  // Never deployed to production; built for completeness (its only environment is development).
  { name: "cc-mock-upstream", config: "workers/mock-upstream/wrangler.toml", env: "development" },
];

const wrangler = path.join(root, "node_modules", ".bin", "wrangler");
const outRoot = path.join(root, ".wrangler", "check-deploy");
rmSync(outRoot, { recursive: true, force: true });

const kib = (n: number) => `${(n / KiB).toFixed(1)} KiB`;
const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;
const rows: string[][] = [["worker", "config", "env", "bundle", "gzip", "of Free 3 MiB", "of Paid 10 MiB"]];
const failures: string[] = [];

for (const w of WORKERS) {
  const outdir = path.join(outRoot, w.name);
  const result = spawnSync(
    wrangler,
    ["deploy", "--dry-run", "-c", w.config, `--env=${w.env}`, "--outdir", outdir],
    { cwd: root, encoding: "utf8", env: { ...process.env, CI: "true" } },
  );
  if (result.status !== 0) {
    failures.push(`${w.name}: wrangler deploy --dry-run failed\n${result.stdout}${result.stderr}`);
    continue;
  }
  const modules = readdirSync(outdir).filter((f) => /\.(m?js|wasm)$/.test(f));
  let raw = 0;
  let gzip = 0;
  let bundle = "";
  for (const f of modules) {
    const bytes = readFileSync(path.join(outdir, f));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
    if (f.endsWith("js")) bundle += bytes.toString("utf8");
  }
  rows.push([
    w.name,
    w.config,
    w.env || "(top level)",
    kib(raw),
    kib(gzip),
    pct(gzip, LIMITS.free),
    pct(gzip, LIMITS.paid),
  ]);
  if (gzip > LIMITS.paid) failures.push(`${w.name}: ${kib(gzip)} gzipped, over the Paid plan's 10 MiB`);
  // esbuild names each bundled file in a comment: a locale other than the default English one
  // means zod's `locales` namespace is back in the bundle (see patches/zod@*.patch).
  const locale = /zod\/v4\/locales\/(?!en\.js)[a-z-]+\.js/i.exec(bundle);
  if (locale) failures.push(`${w.name}: bundles zod's translated locales (${locale[0]})`);
}

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const r of rows)
  console.log(r.map((c, i) => (i >= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  "));
if (failures.length) {
  for (const f of failures) console.error(`check:deploy: ${f}`);
  process.exit(1);
}
console.log("check:deploy: every Worker builds from its production config and fits the plans' limits");
