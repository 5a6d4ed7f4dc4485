import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { adminFetch, callMessages, credit } from "./helpers.ts";

describe("admin API", () => {
  it("refuses callers without the admin token", async () => {
    const res = await exports.default.fetch("https://gateway.test/api/admin/accounts", {
      headers: { authorization: "Bearer wrong" },
    });
    expect(res.status).toBe(401);
  });

  it("creates an account and a key shown once, lists and revokes it", async () => {
    const accountRes = await adminFetch("/accounts", {
      method: "POST",
      body: JSON.stringify({ name: "Ada" }),
    });
    expect(accountRes.status).toBe(201);
    const { account } = (await accountRes.json()) as { account: { id: string; plan: string } };
    expect(account.plan).toBe("basic");

    const keyRes = await adminFetch(`/accounts/${account.id}/keys`, {
      method: "POST",
      body: JSON.stringify({ name: "laptop", rpm: 10 }),
    });
    expect(keyRes.status).toBe(201);
    const created = (await keyRes.json()) as {
      key: string;
      api_key: { id: string; hint: string; rpm_limit: number };
    };
    expect(created.key).toMatch(/^sk-cc-[0-9A-Za-z]{43}$/);
    expect(created.api_key.hint).toBe(`sk-cc-…${created.key.slice(-4)}`);
    expect(created.api_key.rpm_limit).toBe(10);

    const list = (await (await adminFetch(`/accounts/${account.id}/keys`)).json()) as { keys: unknown[] };
    expect(list.keys).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(created.key);

    expect((await credit(account.id, "1")).status).toBe(200);
    expect((await callMessages({ key: created.key })).status).toBe(200);
    const revoked = (await (
      await adminFetch(`/keys/${created.api_key.id}/revoke`, { method: "POST" })
    ).json()) as {
      api_key: { revoked_at: number | null };
    };
    expect(revoked.api_key.revoked_at).toBeGreaterThan(0);
    expect(
      (await callMessages({ key: created.key, headers: { "cf-connecting-ip": "192.0.2.50" } })).status,
    ).toBe(401);
  });

  it("validates input", async () => {
    const res = await adminFetch("/accounts", { method: "POST", body: JSON.stringify({ name: "" }) });
    expect(res.status).toBe(400);
    const twice = { method: "POST", body: JSON.stringify({ name: "Twin", email: "twin@example.com" }) };
    expect((await adminFetch("/accounts", twice)).status).toBe(201);
    const again = await adminFetch("/accounts", twice);
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({
      error: { type: "invalid_request", message: "email: another account has this email" },
    });
    expect((await adminFetch("/accounts/acct_nope/keys", { method: "POST", body: "{}" })).status).toBe(404);
  });
});
