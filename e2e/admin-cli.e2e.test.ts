import { execFile, spawnSync } from "node:child_process";
import { type AddressInfo, createServer } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { expect, inject, it } from "vitest";

const run = promisify(execFile);
const cli = path.resolve(import.meta.dirname, "../scripts/admin.ts");
const env = { ...process.env, CC_GATEWAY_URL: inject("baseUrl"), CC_ADMIN_TOKEN: inject("adminToken") };
const admin = async (...args: string[]) => {
  const { stdout } = await run(process.execPath, [cli, ...args], { env });
  return JSON.parse(stdout) as Record<string, unknown>;
};

it("manages an account, its keys and its money through `pnpm admin`", async () => {
  const { account } = (await admin("create-account", "--name", "CLI test")) as { account: { id: string } };
  const { key, api_key } = (await admin("create-key", account.id, "--name", "ci", "--rpm", "50")) as {
    key: string;
    api_key: { id: string; rpm_limit: number };
  };
  expect(key).toMatch(/^sk-cc-/);
  expect(api_key.rpm_limit).toBe(50);

  const credited = await admin("credit", account.id, "12.5", "--idempotency-key", "cli:1");
  expect(credited).toMatchObject({ balance_nano: 12_500_000_000, duplicate: false });
  expect(await admin("credit", account.id, "12.5", "--idempotency-key", "cli:1")).toMatchObject({
    duplicate: true,
  });

  const res = await fetch(`${inject("baseUrl")}/api/proxy/v1/messages`, {
    method: "POST",
    headers: { "x-api-key": key, "content-type": "application/json", "anthropic-version": "2023-06-01" },
    body: JSON.stringify({
      model: "claude-haiku-4-5",
      max_tokens: 64,
      messages: [{ role: "user", content: "hi" }],
    }),
  });
  expect(res.status).toBe(200);
  const cost = Number(res.headers.get("x-cc-cost-nano-usd"));
  expect(cost).toBeGreaterThan(0);

  // A negative amount is a debit, as README's example has it.
  const debited = await admin("credit", account.id, "-5", "--memo", "correction");
  expect(debited).toMatchObject({ balance_nano: 7_500_000_000 - cost, duplicate: false });

  const ledger = (await admin("ledger", account.id)) as {
    balance_nano: number;
    entries: Array<{ kind: string; amount_nano: number; memo: string | null; account_id: string }>;
  };
  expect(ledger.balance_nano).toBe(7_500_000_000 - cost);
  expect(ledger.entries.map((e) => [e.kind, e.amount_nano, e.memo])).toEqual([
    ["adjustment", -5_000_000_000, "correction"],
    // Usage reaches the D1 ledger in batches, one row per flush, saying how many requests it holds.
    ["usage", -cost, "1 request"],
    ["adjustment", 12_500_000_000, null],
  ]);
  expect(ledger.entries.every((e) => e.account_id === account.id)).toBe(true);

  const report = (await admin("reconcile")) as { ok: boolean };
  expect(report.ok).toBe(true);

  const revoked = (await admin("revoke-key", api_key.id)) as { api_key: { revoked_at: number } };
  expect(revoked.api_key.revoked_at).toBeGreaterThan(0);
});

/** A local port nothing listens on (it was free a moment ago). */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** Runs the CLI expecting it to fail; its exit code and stderr. */
const fails = async (args: string[], extraEnv: Record<string, string> = {}) => {
  const failure = (await run(process.execPath, [cli, ...args], { env: { ...env, ...extraEnv } }).then(
    () => {
      throw new Error(`pnpm admin ${args.join(" ")} succeeded`);
    },
    (e: { code: number; stderr: string }) => e,
  )) as { code: number; stderr: string };
  return { code: failure.code, stderr: failure.stderr };
};

it("exits 2 with the usage for a usage mistake", async () => {
  const failure = await fails(["create-key"]);
  expect(failure.code).toBe(2);
  expect(failure.stderr).toMatch(/^pnpm admin: create-key: <account-id> is required\n/);
  expect(failure.stderr).toContain("usage: pnpm admin");
});

it("explains failures in one line, never a stack trace", async () => {
  const nobody = `http://127.0.0.1:${await closedPort()}`;
  const down = await fails(["list-accounts"], { CC_GATEWAY_URL: nobody });
  expect(down.code).toBe(1);
  expect(down.stderr).toBe(
    `pnpm admin: cannot reach the gateway at ${nobody} (ECONNREFUSED): start it with \`pnpm dev\`, or set CC_GATEWAY_URL\n`,
  );
  const refused = await fails(["list-accounts"], { CC_ADMIN_TOKEN: "wrong" });
  expect(refused.stderr).toBe(
    "pnpm admin: the gateway refused the admin token (401): set CC_ADMIN_TOKEN to its ADMIN_TOKEN\n",
  );
  const unknown = await fails(["credit", "acct_doesnotexist", "5"]);
  expect(unknown).toEqual({ code: 1, stderr: "pnpm admin: 404 not_found: No such account.\n" });
  const { account } = (await admin("create-account", "--name", "empty")) as { account: { id: string } };
  const overdraw = await fails(["credit", account.id, "-1"]);
  expect(overdraw.stderr).toBe(
    "pnpm admin: 402 insufficient_balance: The available balance does not cover this debit.\n",
  );
  for (const f of [down, refused, unknown, overdraw]) expect(f.stderr).not.toMatch(/\n\s+at /);
});

it("manages upstream channels through `pnpm admin channels`, and a request fails over between them", async () => {
  // The mock's own channels (workers/mock-upstream/wrangler.toml): `down` refuses connections,
  // `b` is healthy with key mock-key-b. The key goes in on stdin, out of the command line.
  const withStdin = (args: string[], input: string) =>
    spawnSync(process.execPath, [cli, ...args], { env, input, encoding: "utf8" });
  const added = withStdin(
    [
      "channels",
      "add",
      "--name",
      "cli-b",
      "--vendor",
      "anthropic",
      "--base-url",
      "mock:b",
      "--credential",
      "-",
      "--priority",
      "40",
      "--models",
      "claude-haiku-4-5",
    ],
    "mock-key-b\n",
  );
  expect(added.status, added.stderr).toBe(0);
  const { channel } = JSON.parse(added.stdout) as { channel: { id: string; credential_hint: string } };
  expect(channel.credential_hint).toBe("…");
  await admin(
    "channels",
    "add",
    "--name",
    "cli-down",
    "--vendor",
    "anthropic",
    "--base-url",
    "mock:down",
    "--credential",
    "mock-key-down",
    "--priority",
    "50",
    "--models",
    "claude-haiku-4-5",
  );

  const res = await fetch(`${inject("baseUrl")}/api/proxy/v1/messages`, {
    method: "POST",
    headers: {
      "x-api-key": inject("demoKey"),
      "content-type": "application/json",
      "anthropic-version": "2023-06-01",
    },
    body: JSON.stringify({
      model: "claude-haiku-4-5",
      max_tokens: 32,
      messages: [{ role: "user", content: "hi" }],
    }),
  });
  expect(res.status).toBe(200);
  await res.arrayBuffer();

  // The usage row and the failure report are written after the answer, and the traffic counts
  // come from the hourly rollups each account flushes within a minute: reconcile flushes every
  // account now. Read until both show.
  const listAfterFlush = async () => {
    await admin("reconcile").catch(() => undefined);
    return spawnSync(process.execPath, [cli, "channels", "list"], { env, encoding: "utf8" });
  };
  let table = await listAfterFlush();
  for (let i = 0; i < 50 && !/cli-b\s.*healthy\s+1\/1/.test(table.stdout); i++) {
    await new Promise((r) => setTimeout(r, 100));
    table = await listAfterFlush();
  }
  expect(table.status).toBe(0);
  expect(table.stdout).toMatch(/^ID\s+NAME\s+VENDOR\s+PRI\s+W\s+HEALTH\s+REQ 1h\/24h/);
  expect(table.stdout).toMatch(
    new RegExp(`${channel.id}\\s+cli-b\\s+anthropic\\s+40\\s+1\\s+healthy\\s+1/1\\s+0/0\\s+0/0`),
  );
  expect(table.stdout).toMatch(/cli-down\s+anthropic\s+50\s+1\s+healthy\s+0\/0\s+0\/0\s+1\/1/);
  expect(table.stdout).not.toContain("mock-key-b");

  expect(await admin("channels", "edit", "cli-b", "--weight", "3", "--priority", "-1")).toMatchObject({
    channel: { weight: 3, priority: -1 },
  });
  expect(await admin("channels", "disable", "cli-b")).toMatchObject({ channel: { enabled: false } });
  expect(await admin("channels", "show", channel.id)).toMatchObject({
    channel: { health: { status: "disabled" } },
  });
  expect(await admin("channels", "enable", "cli-b")).toMatchObject({ channel: { enabled: true } });
  for (const name of ["cli-b", "cli-down"]) await admin("channels", "delete", name);
  const gone = await fails(["channels", "show", "cli-b"]);
  expect(gone).toEqual({ code: 1, stderr: "pnpm admin: 404 not_found: No such channel.\n" });
  const usage = await fails(["channels", "add", "--name", "x"]);
  expect(usage.code).toBe(2);
  expect(usage.stderr).toMatch(/^pnpm admin: channels add: --vendor is required\n/);
});
