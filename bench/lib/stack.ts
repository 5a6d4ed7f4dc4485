/**
 * The servers under test, run by Miniflare programmatically: workerd serves each Worker on its
 * own socket ("direct sockets"), so a request goes from the load generator straight into the
 * Worker with nothing in between — no wrangler dev proxy, no Miniflare entry Worker.
 *
 * One Miniflare instance = one workerd process holding the gateway (with its D1 database,
 * Durable Objects and vars from dev.env), an upstream, and the floor Worker bound to the same
 * upstream. The process is pinned to CPU 0.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { readDevEnv } from "../../scripts/lib/dev-env.ts";
import { type Bundles, root } from "./build.ts";
import { childrenNamed, pin } from "./proc.ts";

/** The part of Miniflare's API the bench uses (it is resolved at run time through wrangler). */
interface MiniflareLike {
  ready: Promise<URL>;
  unsafeGetDirectURL(workerName?: string): Promise<URL>;
  getInspectorURL(): Promise<URL>;
  getD1Database(binding: string, workerName?: string): Promise<D1Like>;
  dispose(): Promise<void>;
}
interface D1Like {
  prepare(sql: string): { run(): Promise<unknown> };
}
type Options = Record<string, unknown>;
interface MiniflareModule {
  Miniflare: new (options: Options) => MiniflareLike;
  /** Miniflare 5 takes a new option shape; the documented (v4) one goes through this. */
  convertV4MiniflareOptions?: (options: Options) => Options;
}

/** Miniflare is a dependency of wrangler, not of the workspace: resolve it from there. */
async function loadMiniflare(): Promise<MiniflareModule & { version: string; workerdVersion: string }> {
  const fromRoot = createRequire(path.join(root, "package.json"));
  const fromWrangler = createRequire(fromRoot.resolve("wrangler/package.json"));
  const entry = fromWrangler.resolve("miniflare");
  const version = (file: string) => (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
  const miniflarePkg = path.join(entry, "../../../package.json");
  const mod = (await import(pathToFileURL(entry).href)) as MiniflareModule;
  return {
    ...mod,
    version: version(miniflarePkg),
    workerdVersion: version(createRequire(miniflarePkg).resolve("workerd/package.json")),
  };
}

export type UpstreamKind = "mock" | "stream";

export interface Stack {
  /** Base URLs of the workers' own sockets. */
  gateway: string;
  upstream: string;
  floor: string;
  /** The workerd process serving all three. */
  pid: number;
  pinned: boolean;
  miniflareVersion: string;
  workerdVersion: string;
  inspector?: string;
  devEnv: Record<string, string>;
  /** D1 statements the gateway has logged so far (its `"msg":"d1"` debug lines). */
  d1Statements(): number;
  stop(): Promise<void>;
}

const COMPAT_DATE = "2026-11-01";
const direct = [{ host: "127.0.0.1", port: 0 }];

/** Starts gateway + upstream + floor in one workerd, migrated, pinned to `serverCpus`. */
export async function startStack(
  bundles: Bundles,
  upstream: UpstreamKind,
  options: { serverCpus: string; inspector?: boolean; persistTo?: string },
): Promise<Stack> {
  const { Miniflare, convertV4MiniflareOptions, version, workerdVersion } = await loadMiniflare();
  const devEnv = readDevEnv();
  const upstreamName = "cc-mock-upstream";
  const upstreamWorker =
    upstream === "mock"
      ? {
          name: upstreamName,
          modules: true,
          scriptPath: bundles.mock,
          compatibilityDate: COMPAT_DATE,
          bindings: { MOCK_UPSTREAM_KEY: devEnv.ANTHROPIC_UPSTREAM_KEY ?? "" },
          unsafeDirectSockets: direct,
        }
      : {
          name: upstreamName,
          modules: true,
          scriptPath: bundles.streamUpstream,
          compatibilityDate: COMPAT_DATE,
          unsafeDirectSockets: direct,
        };
  const before = new Set(childrenNamed(process.pid, "workerd"));
  let d1Statements = 0;
  const v4: Options = {
    host: "127.0.0.1",
    port: 0,
    ...(options.inspector ? { inspectorPort: 0 } : {}),
    ...(options.persistTo ? { resourcePersistencePath: options.persistTo } : {}),
    // Worker console output goes to our stderr (errors only matter here); the gateway's D1 lines
    // are counted (workers/gateway/src/observability/d1-log.ts).
    handleStructuredLogs: ({ level, message }: { level: string; message: string }) => {
      if (message.includes('"msg":"d1"')) {
        d1Statements += d1StatementsOf(message);
        return;
      }
      if (level === "error" || level === "warn") process.stderr.write(`[workerd ${level}] ${message}\n`);
    },
    workers: [
      {
        name: "cc-gateway",
        modules: true,
        scriptPath: bundles.gateway,
        compatibilityDate: COMPAT_DATE,
        // [vars] of wrangler.toml (upstream URLs empty: the embedded upstream), then dev.env's
        // secrets (ADMIN_TOKEN, the upstream keys), as `wrangler dev` would.
        bindings: { ...readWranglerVars(), ...devEnv },
        durableObjects: {
          ACCOUNTS: { className: "AccountDO", useSQLite: true },
          AUTH_THROTTLE: { className: "AuthThrottle", useSQLite: true },
          CHANNELS: { className: "ChannelsDO", useSQLite: true },
        },
        d1Databases: { DB: "cc-gateway-bench" },
        serviceBindings: { MOCK_UPSTREAM: upstreamName },
        unsafeDirectSockets: direct,
      },
      upstreamWorker,
      {
        name: "bench-floor",
        modules: true,
        scriptPath: bundles.floor,
        compatibilityDate: COMPAT_DATE,
        serviceBindings: { UPSTREAM: upstreamName },
        unsafeDirectSockets: direct,
      },
    ],
  };
  const mf = new Miniflare(convertV4MiniflareOptions ? convertV4MiniflareOptions(v4) : v4);
  try {
    await mf.ready;
    const pids = childrenNamed(process.pid, "workerd").filter((p) => !before.has(p));
    if (pids.length !== 1) throw new Error(`expected one new workerd child, found ${pids.length}`);
    const pid = pids[0]!;
    const pinned = pin(pid, options.serverCpus);
    await migrate(await mf.getD1Database("DB", "cc-gateway"));
    const url = async (name: string) => (await mf.unsafeGetDirectURL(name)).origin;
    return {
      gateway: await url("cc-gateway"),
      upstream: await url(upstreamName),
      floor: await url("bench-floor"),
      pid,
      pinned,
      miniflareVersion: version,
      workerdVersion,
      ...(options.inspector ? { inspector: (await mf.getInspectorURL()).origin } : {}),
      devEnv,
      d1Statements: () => d1Statements,
      stop: () => mf.dispose(),
    };
  } catch (err) {
    await mf.dispose();
    throw err;
  }
}

/**
 * The [env.development.vars] of wrangler.toml (the local development values; the top level is
 * production). A small reader for
 * `KEY = "string"` lines only, which is all that table holds.
 */
export function readWranglerVars(): Record<string, string> {
  const vars: Record<string, string> = {};
  let inVars = false;
  for (const raw of readFileSync(path.join(root, "wrangler.toml"), "utf8").split("\n")) {
    const line = raw.trim();
    if (line.startsWith("[")) {
      inVars = line === "[env.development.vars]";
      continue;
    }
    const m = inVars ? /^([A-Za-z0-9_]+)\s*=\s*"((?:[^"\\]|\\.)*)"/.exec(line) : null;
    if (m) vars[m[1]!] = JSON.parse(`"${m[2]}"`) as string;
  }
  return vars;
}

/** Applies migrations/*.sql in order, statement by statement (drizzle's breakpoints). */
async function migrate(db: D1Like): Promise<void> {
  const dir = path.join(root, "migrations");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort();
  for (const file of files) {
    const sql = readFileSync(path.join(dir, file), "utf8");
    for (const statement of sql.split("--> statement-breakpoint")) {
      if (statement.trim()) await db.prepare(statement).run();
    }
  }
}

/** The `statements` of a gateway D1 line; 0 for a line that is not one. */
function d1StatementsOf(message: string): number {
  try {
    const line = JSON.parse(message) as { statements?: unknown };
    return typeof line.statements === "number" ? line.statements : 0;
  } catch {
    return 0;
  }
}
