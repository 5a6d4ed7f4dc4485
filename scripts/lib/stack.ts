import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const wrangler = path.join(root, "node_modules", ".bin", "wrangler");

/** The wrangler environment of `pnpm dev`, the tests and the e2e stack (the top level is production). */
export const DEV_ENV = "development";

/** The fixed key of the local demo account: seeded by `pnpm dev`, never in production. */
export const DEMO_KEY = "sk-cc-DemoKeyForLocalDevelopmentOnly0000000000000";
export const DEMO_ACCOUNT = "acct_demo";

export interface StackOptions {
  port: number;
  /** Folder for local D1 / Durable Object state. */
  persistTo: string;
  /** Print wrangler's own output (dev) or keep it for failures (tests). */
  inheritOutput?: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface Stack {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** Applies the D1 migrations to the local database in `persistTo`. */
export function migrateLocal(persistTo: string): void {
  execFileSync(
    wrangler,
    [
      "d1",
      "migrations",
      "apply",
      "DB",
      "--local",
      "--persist-to",
      persistTo,
      "-c",
      "wrangler.toml",
      "--env",
      DEV_ENV,
    ],
    { cwd: root, stdio: "pipe", env: { ...process.env, CI: "true" } },
  );
}

/** Seeds the demo account and its fixed key (idempotent). */
export function seedDemo(persistTo: string): void {
  const hash = createHash("sha256").update(DEMO_KEY).digest("hex");
  const now = Date.now();
  const sql = [
    `INSERT OR IGNORE INTO accounts (id, name, email, plan, created_at) VALUES ('${DEMO_ACCOUNT}', 'Demo', 'demo@localhost', 'basic', ${now});`,
    `INSERT OR IGNORE INTO api_keys (id, account_id, name, key_hash, hint, created_at) VALUES ('key_demo', '${DEMO_ACCOUNT}', 'demo', '${hash}', 'sk-cc-…${DEMO_KEY.slice(-4)}', ${now});`,
  ].join(" ");
  execFileSync(
    wrangler,
    [
      "d1",
      "execute",
      "DB",
      "--local",
      "--persist-to",
      persistTo,
      "-c",
      "wrangler.toml",
      "--env",
      DEV_ENV,
      "--command",
      sql,
    ],
    { cwd: root, stdio: "pipe" },
  );
}

/** Gives the demo account $10, once (idempotent by key), through the admin API. */
export async function fundDemo(url: string, adminToken: string): Promise<void> {
  const res = await fetch(`${url}/api/admin/accounts/${DEMO_ACCOUNT}/credit`, {
    method: "POST",
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({ usd: "10", idempotency_key: "seed:demo", memo: "demo balance" }),
  });
  if (!res.ok) throw new Error(`funding the demo account failed: ${res.status} ${await res.text()}`);
}

/** Starts the gateway, the mock upstream and the payments Worker together under `wrangler dev`. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const args = [
    "dev",
    "-c",
    "wrangler.toml",
    "-c",
    "workers/mock-upstream/wrangler.toml",
    "-c",
    "workers/payments/wrangler.toml",
    "--env",
    DEV_ENV,
    "--env-file",
    "dev.env",
    "--ip",
    "127.0.0.1",
    "--port",
    String(options.port),
    "--persist-to",
    options.persistTo,
    "--show-interactive-dev-session=false",
  ];
  const child = spawn(wrangler, args, {
    cwd: root,
    env: { ...process.env, ...options.env },
    stdio: options.inheritOutput ? "inherit" : "pipe",
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  const url = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill("SIGTERM");
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        resolve();
      }, 5_000);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return { url, process: child, output: () => output, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await stop();
  throw new Error(`wrangler dev did not answer on ${url} within 90 s:\n${output}`);
}
