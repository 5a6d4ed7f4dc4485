import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { signedUp, unescapeHtml } from "./dashboard.helpers.ts";

// The ledger as people read it: money events one by one, usage one row per UTC day, paged back
// to the first entry, cents in the list and full precision on the detail and the export.

const DAY = 86_400_000;

describe("ledger", () => {
  it("lists money events and daily usage, pages back to the first entry, and exports every row exactly", async () => {
    const { browser, accountId } = await signedUp();
    const today = Date.now() - (Date.now() % DAY);
    // History as the outbox leaves it in D1: 55 top-ups, one a day, and usage on 10 of those days.
    const statements = [];
    let balance = 0;
    for (let i = 55; i >= 1; i--) {
      balance += 1_234_567_891;
      statements.push(
        env.DB.prepare(
          "INSERT INTO ledger (id, account_id, kind, amount_nano, balance_after_nano, reference, memo, created_at) VALUES (?, ?, 'topup', 1234567891, ?, ?, 'dev payment', ?)",
        ).bind(
          `ent_t${i}${accountId}`,
          accountId,
          balance,
          `dev:pay${i}${accountId}`,
          today - i * DAY + 3_600_000,
        ),
      );
    }
    for (let i = 10; i >= 1; i--) {
      for (const [model, cost] of [
        ["claude-sonnet-4-6", 123_456_789],
        ["gpt-5.5", 1_000_000],
      ] as const) {
        statements.push(
          env.DB.prepare(
            "INSERT INTO usage_hourly (account_id, key_id, model, channel, hour, requests, cost_nano) VALUES (?, 'key_x', ?, '', ?, 3, ?)",
          ).bind(accountId, model, today - i * DAY + 7_200_000, cost),
        );
      }
    }
    await env.DB.batch(statements);

    const first = unescapeHtml(await browser.page("/dashboard/ledger"));
    const rowsOf = (html: string) =>
      [...html.matchAll(/<tr data-kind="(\w+)" data-(?:entry|day)="([^"]+)"/g)].map((m) => `${m[1]}:${m[2]}`);
    const page1 = rowsOf(first);
    expect(page1).toHaveLength(50);
    // Newest first: yesterday's usage row sorts after yesterday's top-up (end of day vs 01:00).
    const yesterday = new Date(today - DAY).toISOString().slice(0, 10);
    expect(page1[0]).toBe(`usage:${yesterday}`);
    expect(page1[1]).toBe(`topup:ent_t1${accountId}`);
    // To the cent in the list; the day's models on expansion, exact; a link to that day's usage.
    expect(first).toContain('data-amount-nano="1234567891">$1.23<');
    expect(first).toContain('data-amount-nano="-124456789">-$0.12<');
    expect(first).toContain(`href="/dashboard/usage?from=${yesterday}&to=${yesterday}&tz=0"`);
    expect(first).toContain("claude-sonnet-4-6: 3 requests, $0.123456789");
    const older = /href="\/dashboard\/ledger\?before=([^"]+)" id="older"/.exec(first)![1]!;
    const second = unescapeHtml(await browser.page(`/dashboard/ledger?before=${older}`));
    const page2 = rowsOf(second);
    expect(page2).toHaveLength(15);
    expect(new Set([...page1, ...page2]).size).toBe(65);
    expect(page2.at(-1)).toBe(`topup:ent_t55${accountId}`);
    expect(second).not.toContain('id="older"');

    // The detail: full precision.
    const detail = unescapeHtml(await browser.page(`/dashboard/ledger/ent_t1${accountId}`));
    expect(detail).toContain('data-exact="amount">$1.234567891<');
    expect(detail).toContain(`dev:pay1${accountId}`);

    // The export: every row, exact, newest first.
    const csv = await (await browser.get("/dashboard/ledger.csv")).text();
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("time_utc,kind,description,amount_usd,balance_after_usd,reference,memo");
    expect(lines).toHaveLength(66);
    expect(lines).toContain(
      `${new Date(today - DAY + 3_600_000).toISOString()},topup,Top-up,1.234567891,${(55 * 1.234567891).toFixed(9)},dev:pay1${accountId},dev payment`,
    );
    expect(lines[1]).toMatch(
      new RegExp(
        `^${yesterday}T23:59:59.999Z,usage,Usage on ${yesterday} \\(UTC\\): 6 requests,-0.124456789,`,
      ),
    );
  });

  it("hides another account's entries", async () => {
    const { browser } = await signedUp();
    const other = await signedUp();
    await env.DB.prepare(
      "INSERT INTO ledger (id, account_id, kind, amount_nano, balance_after_nano, reference, created_at) VALUES ('ent_secret', ?, 'topup', 5, 5, 'x', 1)",
    )
      .bind(other.accountId)
      .run();
    expect((await browser.get("/dashboard/ledger/ent_secret")).status).toBe(404);
  });
});
