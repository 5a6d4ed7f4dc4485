/**
 * `pnpm run deploy [--dry-run] [--file deploy.env]`: production, from nothing to live, in the
 * README's order (README "Deploy"). Checks first — Node, wrangler's login, deploy.env — so
 * that a mistake stops it before anything changes; then creates the D1 database when missing,
 * applies the migrations, deploys cc-payments, deploys cc-gateway, and asks /health.
 * --dry-run builds both Workers with their production settings and changes nothing.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  checkDeployEnv,
  D1_NAME,
  deploySteps,
  parseDeployEnv,
  type Step,
  WORKERS,
  type WorkerId,
} from "./lib/deploy-plan.ts";
import { root } from "./lib/stack.ts";

const wrangler = path.join(root, "node_modules", ".bin", "wrangler");
const { values } = parseArgs({
  options: {
    "dry-run": { type: "boolean", default: false },
    file: { type: "string", default: "deploy.env" },
  },
});
const dryRun = values["dry-run"]!;
const file = path.resolve(root, values.file!);

const fail = (message: string): never => {
  console.error(`deploy: ${message}`);
  process.exit(1);
};

/** Runs wrangler, quietly; its output when asked. */
const quiet = (args: string[]) =>
  spawnSync(wrangler, args, { cwd: root, encoding: "utf8", env: { ...process.env, CI: "true" } });

function run(step: Step): void {
  console.log(`\ndeploy: ${step.title}`);
  let dir: string | undefined;
  const argv = [...step.argv];
  if (step.secrets) {
    // Handed to wrangler as a file (never on the command line), readable by us only, then removed.
    dir = mkdtempSync(path.join(tmpdir(), "cc-deploy-"));
    const secretsFile = path.join(dir, "secrets.json");
    writeFileSync(secretsFile, JSON.stringify(step.secrets), { mode: 0o600 });
    chmodSync(secretsFile, 0o600);
    argv.push("--secrets-file", secretsFile);
  }
  try {
    const result = spawnSync(wrangler, argv, {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, CI: "true" },
    });
    if (result.status !== 0)
      fail(`${step.title} failed (wrangler exited ${result.status}); nothing after it ran`);
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** The secrets a Worker already has on Cloudflare; none when it does not exist yet. */
function existingSecrets(worker: WorkerId): string[] {
  const out = quiet(["secret", "list", "-c", WORKERS[worker].config, "--env=", "--format", "json"]);
  if (out.status !== 0) return [];
  try {
    return (JSON.parse(out.stdout) as Array<{ name: string }>).map((s) => s.name);
  } catch {
    return [];
  }
}

// ── checks ───────────────────────────────────────────────────────────────────────────────
const [major, minor] = process.versions.node.split(".").map(Number) as [number, number];
if (major < 22 || (major === 22 && minor < 18))
  fail(`Node ${process.versions.node}: needs >= 22.18 (see .nvmrc)`);

if (!existsSync(file)) {
  if (!dryRun)
    fail(`${path.relative(root, file)} not found: copy deploy.env.example to deploy.env and fill it in`);
}
const env = existsSync(file) ? parseDeployEnv(readFileSync(file, "utf8")) : {};

let secrets: Record<WorkerId, string[]> = { gateway: [], payments: [] };
if (!dryRun) {
  const who = quiet(["whoami"]);
  if (who.status !== 0 || /not authenticated/i.test(`${who.stdout}${who.stderr}`))
    fail(
      "wrangler is not logged in: run `npx wrangler login`, or set CLOUDFLARE_API_TOKEN (and CLOUDFLARE_ACCOUNT_ID)",
    );
  secrets = { gateway: existingSecrets("gateway"), payments: existingSecrets("payments") };
}
const problems = checkDeployEnv(env, secrets);
for (const w of problems.warnings) console.warn(`deploy: warning: ${w}`);
// A dry run builds without secrets: the required ones are only reported.
const errors = dryRun ? problems.errors.filter((e) => !/: required /.test(e)) : problems.errors;
if (errors.length) fail(`fix deploy.env first:\n  ${errors.join("\n  ")}`);

// ── the deploy ───────────────────────────────────────────────────────────────────────────
if (!dryRun) {
  const info = quiet(["d1", "info", D1_NAME, "-c", WORKERS.gateway.config, "--env="]);
  if (info.status !== 0) run({ title: `create the D1 database ${D1_NAME}`, argv: ["d1", "create", D1_NAME] });
}
for (const step of deploySteps(env, { dryRun })) run(step);

if (dryRun) {
  console.log(
    "\ndeploy: dry run done: both Workers build with their production settings; nothing was changed",
  );
} else if (env.CC_DOMAIN) {
  const url = `https://${env.CC_DOMAIN}/health`;
  console.log(`\ndeploy: asking ${url}`);
  try {
    const res = await fetch(url);
    console.log(`deploy: /health ${res.status} ${await res.text()}`);
    if (!res.ok) fail("the gateway is up but not fully configured (above)");
  } catch (err) {
    console.warn(
      `deploy: ${url} did not answer yet (${String(err)}); a new custom domain can take a few minutes`,
    );
  }
  console.log(
    `\ndeploy: live on https://${env.CC_DOMAIN} — create the first account with \`CC_GATEWAY_URL=https://${env.CC_DOMAIN} pnpm admin create-account …\``,
  );
} else {
  console.log(
    `\ndeploy: live on cc-gateway's workers.dev URL (printed above); check it with curl <url>/health`,
  );
}
