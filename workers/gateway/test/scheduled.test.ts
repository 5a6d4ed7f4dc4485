import { env, exports } from "cloudflare:workers";
import { sessions, usageLog, webhookEvents } from "@cc/db";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import { CRONS } from "../src/maintenance/crons.ts";
import { pruneExpired, RETENTION_BATCH, retentionDays } from "../src/maintenance/retention.ts";
import { adminFetch, BASE, newAccountWithKey } from "./helpers.ts";

const DAY = 24 * 60 * 60 * 1000;

/**
 * A cron event delivered to the gateway as the runtime delivers it: through its loopback
 * Fetcher, whose scheduled() the generated types leave out (workerd has it for tests).
 */
const loopback = exports.default as unknown as {
  scheduled(event: { cron: string; scheduledTime: Date }): Promise<unknown>;
};
const runCron = (cron: string, scheduledTime: number) =>
  loopback.scheduled({ cron, scheduledTime: new Date(scheduledTime) });

const count = async (table: string) =>
  (await env.DB.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).first<{ n: number }>())!.n;

describe("the re-query cron (*/5), through the payments Worker", () => {
  it("credits a dev top-up whose callback was lost, with the capability the gateway passes", async () => {
    const caller = await newAccountWithKey({ usd: "0" });
    const res = await exports.default.fetch(`${BASE}/api/account/topups`, {
      method: "POST",
      headers: { authorization: `Bearer ${caller.key}`, "content-type": "application/json" },
      body: JSON.stringify({ amount_usd: "30", coin: "usdttrc20", provider: "dev" }),
    });
    expect(res.status).toBe(201);
    const { topup_id, invoice_url } = (await res.json()) as { topup_id: string; invoice_url: string };
    const invoiceId = invoice_url.split("/").at(-1)!;
    // Paid at the processor; the callback never arrives.
    await env.DEV_INVOICES.get(env.DEV_INVOICES.idFromName(invoiceId)).pay("full");

    await runCron(CRONS.requery, Date.now() + 10 * 60_000);

    const row = await env.DB.prepare("SELECT status, amount_credited_nano FROM topups WHERE id = ?")
      .bind(topup_id)
      .first<{ status: string; amount_credited_nano: number }>();
    expect(row).toEqual({ status: "credited", amount_credited_nano: 30_000_000_000 });
    const book = (await (await adminFetch(`/accounts/${caller.accountId}/ledger`)).json()) as {
      balance_nano: number;
    };
    expect(book.balance_nano).toBe(30_000_000_000);
  });
});

describe("the retention cron (15 3 * * *)", () => {
  it("deletes usage rows, webhook deliveries and sessions past their retention, and keeps the rest", async () => {
    const now = Date.UTC(2027, 0, 10);
    const db = drizzle(env.DB);
    const usage = (id: string, createdAt: number) => ({
      id,
      accountId: "acct_retention",
      keyId: "key_retention",
      model: "claude-haiku-4-5",
      format: "anthropic-messages",
      stream: false,
      status: 200,
      latencyMs: 10,
      createdAt,
    });
    await db
      .insert(usageLog)
      .values([
        usage("req_ret_old1", now - 91 * DAY),
        usage("req_ret_old2", now - 90 * DAY - 1),
        usage("req_ret_new", now - 89 * DAY),
      ]);
    await db.insert(webhookEvents).values([
      { provider: "dev", eventKey: "ret-old", receivedAt: now - 100 * DAY, body: "{}" },
      { provider: "dev", eventKey: "ret-new", receivedAt: now - DAY, body: "{}" },
    ]);
    const session = (id: string, expiresAt: number) => ({
      id,
      userId: "user_ret",
      accountId: "acct_retention",
      csrfToken: "x",
      createdAt: expiresAt - 7 * DAY,
      expiresAt,
    });
    await db
      .insert(sessions)
      .values([session("sess_ret_old", now - 8 * DAY), session("sess_ret_recent", now - 6 * DAY)]);

    await runCron(CRONS.retention, now);

    const ids = async (sql: string) =>
      (await env.DB.prepare(sql).all<{ id: string }>()).results.map((r) => r.id);
    expect(await ids("SELECT id FROM usage_log WHERE id LIKE 'req_ret_%'")).toEqual(["req_ret_new"]);
    expect(await ids("SELECT event_key AS id FROM webhook_events WHERE event_key LIKE 'ret-%'")).toEqual([
      "ret-new",
    ]);
    expect(await ids("SELECT id FROM sessions WHERE id LIKE 'sess_ret_%'")).toEqual(["sess_ret_recent"]);
  });

  it("keeps everything when a retention is 0, and works through more rows than one batch", async () => {
    const now = Date.UTC(2030, 0, 1);
    const rows = Array.from({ length: RETENTION_BATCH + 7 }, (_, i) => ({
      provider: "bulk",
      eventKey: `bulk-${i}`,
      receivedAt: now - 200 * DAY + i,
      body: "{}",
    }));
    // D1 caps bound parameters per statement: insert in slices.
    for (let i = 0; i < rows.length; i += 15)
      await drizzle(env.DB)
        .insert(webhookEvents)
        .values(rows.slice(i, i + 15));
    const before = await count("webhook_events");

    const kept = await pruneExpired(env.DB, { ...env, WEBHOOK_EVENTS_RETENTION_DAYS: "0" }, now);
    expect(kept.find((r) => r.table === "webhook_events")).toEqual({
      table: "webhook_events",
      cutoff: null,
      deleted: 0,
      more: false,
    });
    expect(await count("webhook_events")).toBe(before);

    const pruned = await pruneExpired(env.DB, env, now);
    expect(pruned.find((r) => r.table === "webhook_events")?.deleted).toBeGreaterThanOrEqual(rows.length);
    expect(
      (await env.DB.prepare("SELECT COUNT(*) AS n FROM webhook_events WHERE provider = 'bulk'").first<{
        n: number;
      }>())!.n,
    ).toBe(0);
  });

  it("reads its settings strictly", () => {
    expect(retentionDays("30", "X")).toBe(30);
    expect(retentionDays("", "X")).toBe(0);
    expect(() => retentionDays("30d", "USAGE_LOG_RETENTION_DAYS")).toThrow(/USAGE_LOG_RETENTION_DAYS/);
    expect(() => retentionDays("-1", "X")).toThrow();
  });
});
