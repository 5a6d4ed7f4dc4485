import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";

// README's shell examples, run as written against the stack from global-setup.ts, so they
// cannot drift from what the gateway does. A ```sh block runs when it talks to the local stack
// (a `curl` or `pnpm admin` line) and names nothing remote (no https:// URL, no wrangler): the
// deploy runbook's commands are for a Cloudflare account, not for this test.
//
// Substituted: localhost:8787 → the stack's address; `acct_…` / `key_…` → the ids that the
// block's own create-account / create-key printed; curl fails on an HTTP error status.

const root = path.resolve(import.meta.dirname, "..");
const base = new URL(inject("baseUrl"));

/** The README's ```sh blocks, with the line each starts on. */
function shellBlocks(markdown: string): Array<{ line: number; body: string }> {
  const blocks: Array<{ line: number; body: string }> = [];
  const re = /^```sh\n([\s\S]*?)^```$/gm;
  for (let m = re.exec(markdown); m; m = re.exec(markdown)) {
    blocks.push({ line: markdown.slice(0, m.index).split("\n").length, body: m[1]! });
  }
  return blocks;
}

const runnable = (body: string) => /^\s*(curl|pnpm admin)\b/m.test(body) && !/https:\/\/|wrangler/.test(body);

/** One shell command per entry: lines joined while they end in `\` or leave a quote open. */
function commands(body: string): string[] {
  const out: string[] = [];
  let current = "";
  for (const line of body.split("\n")) {
    if (!current && (!line.trim() || line.trim().startsWith("#"))) continue;
    current += (current ? "\n" : "") + line;
    const openQuote = (current.match(/'/g)?.length ?? 0) % 2 === 1;
    if (!openQuote && !current.endsWith("\\")) {
      out.push(current);
      current = "";
    }
  }
  if (current) out.push(current);
  return out;
}

const PRELUDE = `set -euo pipefail
curl() { command curl --silent --show-error --fail-with-body "$@"; }
command -v pnpm >/dev/null || pnpm() { [ "$1" = admin ] && shift && node scripts/check-node.mjs && node scripts/admin.ts "$@"; }
`;

const ids: Record<string, string> = {};

function run(command: string): { status: number | null; stdout: string; stderr: string } {
  let text = command.replaceAll("localhost:8787", base.host);
  for (const [placeholder, value] of Object.entries(ids)) text = text.replaceAll(placeholder, value);
  const unresolved = /\b(acct|key)_…/.exec(text);
  if (unresolved) throw new Error(`README uses ${unresolved[0]} before a command printed one:\n${command}`);
  const result = spawnSync("bash", ["-c", PRELUDE + text], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, CC_GATEWAY_URL: base.origin, CC_ADMIN_TOKEN: inject("adminToken") },
    timeout: 60_000,
  });
  // Remember the ids the admin commands print, for the `acct_…` / `key_…` that follow.
  const json = result.stdout.slice(result.stdout.indexOf("\n{") + 1);
  try {
    const parsed = JSON.parse(json) as { account?: { id?: string }; api_key?: { id?: string } };
    if (parsed.account?.id && !ids["acct_…"]) ids["acct_…"] = parsed.account.id;
    if (parsed.api_key?.id && !ids["key_…"]) ids["key_…"] = parsed.api_key.id;
  } catch {
    // not JSON (a stream, curl's output): nothing to remember
  }
  return result;
}

const blocks = shellBlocks(readFileSync(path.join(root, "README.md"), "utf8")).filter((b) =>
  runnable(b.body),
);

describe("README's examples, against the dev stack", () => {
  it("has the examples this test is meant to run", () => {
    const all = blocks.map((b) => b.body).join("\n");
    expect(all).toMatch(/^curl .*\/api\/proxy\/v1\/messages/m);
    expect(all).toMatch(/^curl .*\/api\/account\/topups/m);
    expect(all).toMatch(/^pnpm admin credit acct_… -5/m);
    expect(all).toMatch(/^pnpm admin reconcile/m);
  });

  for (const block of blocks) {
    describe(`README.md:${block.line}`, () => {
      for (const command of commands(block.body)) {
        it(command.split("\n")[0]!.slice(0, 100), () => {
          const result = run(command);
          expect(result.status, `${command}\n${result.stdout}\n${result.stderr}`).toBe(0);
          expect(result.stdout.trim()).not.toBe("");
        }, 60_000);
      }
    });
  }
});
