import { env, exports } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { accountStub } from "../src/account/client.ts";
import { adminFetch, BASE, callMessages, credit, eventually, newAccountWithKey } from "./helpers.ts";

// The operator console through the whole gateway, signed in locally with the admin token:
// every action writes what it says (ledger entries, a revoked key, a credited top-up) and a
// log line naming who did it.

interface LedgerEntry {
  kind: string;
  amount_nano: number;
  memo: string | null;
  reference: string;
}

let cookie = "";

/** A browser on the gateway's origin, carrying the console cookie. */
const browse = (path: string, init: RequestInit = {}) =>
  exports.default.fetch(`${BASE}${path}`, {
    redirect: "manual",
    ...init,
    headers: { cookie, ...(init.headers as Record<string, string>) },
  });

const post = (path: string, fields: Record<string, string>, origin = BASE) =>
  browse(path, {
    method: "POST",
    headers: { origin, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });

const page = async (path: string) => {
  const res = await browse(path);
  expect(res.status).toBe(200);
  return res.text();
};

const ledger = async (accountId: string) =>
  (await (await adminFetch(`/accounts/${accountId}/ledger`)).json()) as {
    balance_nano: number;
    entries: LedgerEntry[];
  };

/** The money form's fresh idempotency key, as the page renders it. */
const nonceOn = (html: string) => /name="nonce" value="([0-9a-f]{32})"/.exec(html)![1]!;

const auditLines = (spy: { mock: { calls: unknown[][] } }) =>
  spy.mock.calls
    .map((args) => String(args[0]))
    .filter((line) => line.includes('"operator action"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

afterEach(() => vi.restoreAllMocks());

beforeAll(async () => {
  expect((await browse("/admin")).headers.get("location")).toBe("/admin/login");
  const wrong = await post("/admin/login", { token: "not-the-token" });
  expect(wrong.status).toBe(401);
  const res = await post("/admin/login", { token: env.ADMIN_TOKEN });
  expect(res.status).toBe(303);
  const setCookie = res.headers.get("set-cookie")!;
  expect(setCookie).toMatch(
    /^cc_admin=\d{13}\.[0-9a-f]{64}; Max-Age=43200; Path=\/admin; HttpOnly; Secure; SameSite=Strict$/,
  );
  cookie = setCookie.split(";")[0]!;
});

describe("the operator console, signed in with the admin token", () => {
  it("credits, refunds and adjusts: one ledger entry each, the reason as memo, logged with the actor", async () => {
    const caller = await newAccountWithKey({ usd: "0" });
    const info = vi.spyOn(console, "info");
    const path = `/admin/accounts/${caller.accountId}`;
    const act = async (action: string, amount: string, reason: string) => {
      const nonce = nonceOn(await page(path));
      const res = await post(`${path}/money`, { action, amount, reason, nonce });
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe(`${path}?done=${action}`);
      return nonce;
    };
    const n1 = await act("credit", "25", "goodwill for the outage");
    const n2 = await act("refund", "5.50", "refunded by bank transfer");
    const n3 = await act("adjust", "-0.25", "rounding correction");

    const book = await ledger(caller.accountId);
    expect(book.balance_nano).toBe(19_250_000_000);
    expect(book.entries.map((e) => [e.kind, e.amount_nano, e.memo, e.reference])).toEqual([
      ["adjustment", -250_000_000, "rounding correction", `console:${n3}`],
      ["refund", -5_500_000_000, "refunded by bank transfer", `console:${n2}`],
      ["adjustment", 25_000_000_000, "goodwill for the outage", `console:${n1}`],
    ]);
    expect(auditLines(info).map((l) => [l.actor, l.action, l.amount_nano, l.reason])).toEqual([
      ["admin-token", "credit", 25_000_000_000, "goodwill for the outage"],
      ["admin-token", "refund", -5_500_000_000, "refunded by bank transfer"],
      ["admin-token", "adjust", -250_000_000, "rounding correction"],
    ]);

    const html = await page(`${path}?done=credit`);
    expect(html).toContain("Credited: one ledger entry written.");
    expect(html).toContain('data-testid="balance">$19.25<');
    expect(html).toContain("goodwill for the outage");
  });

  it("moves money once when the same form is sent twice", async () => {
    const caller = await newAccountWithKey({ usd: "0" });
    const path = `/admin/accounts/${caller.accountId}`;
    const fields = {
      action: "credit",
      amount: "3",
      reason: "double click",
      nonce: nonceOn(await page(path)),
    };
    expect((await post(`${path}/money`, fields)).headers.get("location")).toBe(`${path}?done=credit`);
    expect((await post(`${path}/money`, fields)).headers.get("location")).toBe(`${path}?done=duplicate`);
    expect((await ledger(caller.accountId)).entries).toHaveLength(1);
  });

  it("writes nothing without a reason, with a bad amount, beyond the balance, or from another site", async () => {
    const caller = await newAccountWithKey({ usd: "2" });
    const path = `/admin/accounts/${caller.accountId}`;
    const nonce = nonceOn(await page(path));
    const noReason = await post(`${path}/money`, { action: "credit", amount: "5", reason: " ", nonce });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("A reason is required");
    const negativeCredit = await post(`${path}/money`, {
      action: "credit",
      amount: "-5",
      reason: "oops",
      nonce,
    });
    expect(negativeCredit.status).toBe(400);
    const tooMuch = await post(`${path}/money`, { action: "refund", amount: "3", reason: "refund", nonce });
    expect(tooMuch.status).toBe(402);
    expect(await tooMuch.text()).toContain("The available balance does not cover this debit.");
    const forged = await post(
      `${path}/money`,
      { action: "credit", amount: "1000", reason: "free money", nonce },
      "https://evil.example",
    );
    expect(forged.status).toBe(403);
    expect((await ledger(caller.accountId)).entries.map((e) => e.amount_nano)).toEqual([2_000_000_000]);
  });

  it("revokes a key: its next request is refused; logged with the actor", async () => {
    const caller = await newAccountWithKey();
    const info = vi.spyOn(console, "info");
    const res = await post(`/admin/keys/${caller.keyId}/revoke`, {});
    expect(res.headers.get("location")).toBe(`/admin/accounts/${caller.accountId}?done=revoke-key`);
    const keys = (await (await adminFetch(`/accounts/${caller.accountId}/keys`)).json()) as {
      keys: Array<{ revoked_at: number | null }>;
    };
    expect(keys.keys[0]!.revoked_at).toBeGreaterThan(0);
    expect(
      (await callMessages({ key: caller.key, headers: { "cf-connecting-ip": "192.0.2.77" } })).status,
    ).toBe(401);
    expect(auditLines(info)).toEqual([
      expect.objectContaining({ actor: "admin-token", action: "revoke-key", key_id: caller.keyId }),
    ]);
  });

  it("re-queries a top-up whose callback was lost: credited once", async () => {
    const caller = await newAccountWithKey({ usd: "0" });
    const created = await exports.default.fetch(`${BASE}/api/account/topups`, {
      method: "POST",
      headers: { authorization: `Bearer ${caller.key}`, "content-type": "application/json" },
      body: JSON.stringify({ amount_usd: "12", coin: "btc", provider: "dev" }),
    });
    const { topup_id, invoice_url } = (await created.json()) as { topup_id: string; invoice_url: string };
    await env.DEV_INVOICES.get(env.DEV_INVOICES.idFromName(invoice_url.split("/").at(-1)!)).pay("full");
    expect(await page("/admin/topups?status=pending")).toContain(topup_id);

    const res = await post(`/admin/topups/${topup_id}/requery`, { back: "/admin/topups?status=pending" });
    expect(res.headers.get("location")).toBe("/admin/topups?status=pending&done=requery");
    expect(await page("/admin/topups?status=credited")).toContain(topup_id);
    await post(`/admin/topups/${topup_id}/requery`, {});
    const book = await ledger(caller.accountId);
    expect(book.entries.map((e) => [e.kind, e.amount_nano])).toEqual([["topup", 12_000_000_000]]);
  });

  it("shows revenue per day and model, finds accounts, the prices in force and the upstreams", async () => {
    const caller = await newAccountWithKey({ usd: "5" });
    const res = await exports.default.fetch(`${BASE}/api/proxy/v1/messages`, {
      method: "POST",
      headers: {
        "x-api-key": caller.key,
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
    // The overview reads D1's hourly rollups, which the account's object flushes within a minute
    // of a request (here, at once).
    await accountStub(env, caller.accountId).flush();
    const overview = await page("/admin");
    expect(overview).toContain("claude-haiku-4-5");
    expect(overview).toMatch(/data-testid="revenue">\$0\.\d+</);

    await credit(caller.accountId, "1");
    const email = `ops-search-${Date.now()}@example.com`;
    await adminFetch("/accounts", { method: "POST", body: JSON.stringify({ name: "Searchable", email }) });
    const found = await page(`/admin/accounts?q=${encodeURIComponent(email.slice(0, 20))}`);
    expect(found).toContain(email);
    expect(await page("/admin/accounts?q=%25")).not.toContain(email);

    expect(await page("/admin/prices")).toMatch(
      /claude-sonnet-4-6<\/td><td>anthropic<\/td><td class="n">\$3\.00</,
    );
    const upstreams = await page("/admin/upstreams");
    expect(upstreams).toContain("embedded mock upstream");
    expect(upstreams).not.toContain(env.ANTHROPIC_UPSTREAM_KEY);
  });

  it("shows the upstream channels with their health and traffic, keys as hints; disables and enables one", async () => {
    const key = "sk-ant-api03-consoleSecretKeyZZ-0000000000000000";
    await env.MOCK_UPSTREAM!.fetch("https://mock/_mock/channels/console-a", {
      method: "PUT",
      body: JSON.stringify({ key, mode: "ok" }),
    });
    const created = await adminFetch("/channels", {
      method: "POST",
      body: JSON.stringify({
        name: "console-a",
        vendor: "anthropic",
        base_url: "mock:console-a",
        credential: key,
        models: { "claude-haiku-4-5": "claude-haiku-4-5-20251001" },
        priority: 5,
      }),
    });
    expect(created.status).toBe(201);
    const { channel } = (await created.json()) as { channel: { id: string } };
    const caller = await newAccountWithKey({ usd: "1" });
    const res = await callMessages({
      key: caller.key,
      body: { model: "claude-haiku-4-5", max_tokens: 16, messages: [{ role: "user", content: "hi" }] },
    });
    expect(res.status).toBe(200);
    await res.arrayBuffer();

    const info = vi.spyOn(console, "info");
    // Channel traffic is read from D1's hourly rollups, which the account's object flushes
    // within a minute of a request (here, at once, once the request has settled).
    const html = await eventually(async () => {
      await accountStub(env, caller.accountId).flush();
      const text = await page("/admin/upstreams");
      return text.includes("1 req ·") ? text : undefined;
    });
    const row = html.slice(html.indexOf(`data-channel="${channel.id}"`));
    expect(row).toMatch(/console-a.*mock upstream channel console-a.*sk-ant-api03-…0000/s);
    expect(row).toMatch(/claude-haiku-4-5<span class="muted"> → claude-haiku-4-5-20251001/);
    expect(row).toMatch(/data-testid="health">healthy</);
    expect(row).toMatch(/1 req · 0 err · 0 failed/);
    expect(html).toContain("embedded mock upstream");
    expect(html).not.toContain("consoleSecretKey");
    expect(html).not.toContain(env.ANTHROPIC_UPSTREAM_KEY);

    const off = await post(`/admin/upstreams/${channel.id}/disable`, {});
    expect(off.headers.get("location")).toBe("/admin/upstreams?done=disable-channel");
    const disabled = await page("/admin/upstreams?done=disable-channel");
    expect(disabled).toContain("Channel disabled");
    expect(disabled.slice(disabled.indexOf(`data-channel="${channel.id}"`))).toMatch(
      /data-testid="health">disabled<.*disabled by an operator.*>Enable</s,
    );
    expect((await post(`/admin/upstreams/${channel.id}/enable`, {})).status).toBe(303);
    expect(auditLines(info).map((l) => [l.action, l.actor, l.channel_id])).toEqual([
      ["disable-channel", "admin-token", channel.id],
      ["enable-channel", "admin-token", channel.id],
    ]);
    expect((await post("/admin/upstreams/ch_nope/disable", {})).status).toBe(404);
  });

  it("signs out", async () => {
    const res = await post("/admin/logout", {});
    expect(res.headers.get("set-cookie")).toMatch(/^cc_admin=; Max-Age=0; Path=\/admin/);
  });
});
