import { execFile } from "node:child_process";
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

  const ledger = (await admin("ledger", account.id)) as {
    balance_nano: number;
    entries: Array<{ kind: string }>;
  };
  expect(ledger.balance_nano).toBe(12_500_000_000 - cost);
  expect(ledger.entries.map((e) => e.kind)).toEqual(["usage", "adjustment"]);

  const report = (await admin("reconcile")) as { ok: boolean };
  expect(report.ok).toBe(true);

  const revoked = (await admin("revoke-key", api_key.id)) as { api_key: { revoked_at: number } };
  expect(revoked.api_key.revoked_at).toBeGreaterThan(0);
});

it("exits non-zero with a usage message for a bad command", async () => {
  const failure = await run(process.execPath, [cli, "create-key"], { env }).catch(
    (e: { code: number; stderr: string }) => e,
  );
  expect(failure).toMatchObject({ code: 2 });
  expect((failure as { stderr: string }).stderr).toContain("usage: pnpm admin");
});
