/**
 * The hourly rollups an account's Durable Object flushes to D1's usage_hourly: one row per key ×
 * model × channel × UTC hour, holding absolute totals, so flushing again never counts twice.
 * The operator console's charts and the channels' traffic read them.
 */
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { AccountDO } from "../src/account/account-do.ts";
import { accountStub } from "../src/account/client.ts";
import { pruneRequests } from "../src/account/request-log.ts";
import { adminFetch, basicMessage, callMessages, newAccountWithKey, usageRow, usageRows } from "./helpers.ts";

const HOUR_MS = 3_600_000;

interface HourlyRow {
  key_id: string;
  model: string;
  hour: number;
  requests: number;
  errors: number;
  output_tokens: number;
  cost_nano: number;
}

const hourlyRows = async (accountId: string) =>
  (
    await env.DB.prepare(
      "SELECT key_id, model, hour, requests, errors, output_tokens, cost_nano FROM usage_hourly WHERE account_id = ?",
    )
      .bind(accountId)
      .all<HourlyRow>()
  ).results;

async function newKeyFor(accountId: string): Promise<{ key: string; keyId: string }> {
  const res = await adminFetch(`/accounts/${accountId}/keys`, {
    method: "POST",
    body: JSON.stringify({ name: "k2" }),
  });
  const created = (await res.json()) as { key: string; api_key: { id: string } };
  return { key: created.key, keyId: created.api_key.id };
}

async function served(key: string, model = "claude-sonnet-4-6"): Promise<void> {
  const res = await callMessages({ key, body: basicMessage({ model }) });
  expect(res.status).toBe(200);
  await res.arrayBuffer();
  await usageRow(res.headers.get("request-id"));
}

describe("usage_hourly", () => {
  it("one row per key, model and UTC hour, starting on the hour, equal to the requests' own rows after every flush", async () => {
    const caller = await newAccountWithKey();
    const account = accountStub(env, caller.accountId);
    for (let i = 0; i < 3; i++) await served(caller.key);
    await served(caller.key, "claude-haiku-4-5");
    await account.flush();

    const expected = async () => {
      const rows = await usageRows(caller.accountId);
      const byModel = new Map<string, { requests: number; cost: number; output: number; hour: number }>();
      for (const r of rows) {
        const model = String(r.model);
        const m = byModel.get(model) ?? { requests: 0, cost: 0, output: 0, hour: 0 };
        m.requests += 1;
        m.cost += Number(r.cost_nano);
        m.output += Number(r.output_tokens);
        m.hour = Number(r.created_at) - (Number(r.created_at) % HOUR_MS);
        byModel.set(model, m);
      }
      return [...byModel].map(([model, m]) => ({
        key_id: caller.keyId,
        model,
        hour: m.hour,
        requests: m.requests,
        errors: 0,
        output_tokens: m.output,
        cost_nano: m.cost,
      }));
    };
    const sortByModel = (rows: HourlyRow[]) => [...rows].sort((a, b) => a.model.localeCompare(b.model));
    let rows = await hourlyRows(caller.accountId);
    expect(rows.every((r) => r.hour % HOUR_MS === 0)).toBe(true);
    expect(sortByModel(rows)).toEqual(sortByModel(await expected()));
    expect(rows.find((r) => r.model === "claude-sonnet-4-6")?.requests).toBe(3);

    // More requests and more flushes: the row follows the totals, never adds a flush twice.
    await served(caller.key);
    await account.flush();
    await account.flush();
    rows = await hourlyRows(caller.accountId);
    expect(rows.find((r) => r.model === "claude-sonnet-4-6")?.requests).toBe(4);
    expect(sortByModel(rows)).toEqual(sortByModel(await expected()));
  });

  it("two flushes at once send each change once: later requests still reach D1", async () => {
    const caller = await newAccountWithKey();
    const account = accountStub(env, caller.accountId);
    await served(caller.key);
    await Promise.all([account.flush(), account.flush(), account.flush()]);
    expect((await hourlyRows(caller.accountId)).map((r) => r.requests)).toEqual([1]);
    await served(caller.key);
    await account.flush();
    expect((await hourlyRows(caller.accountId)).map((r) => r.requests)).toEqual([2]);
  });

  it("rolls up again once retention has emptied the requests (their row numbers start over)", async () => {
    const caller = await newAccountWithKey();
    const account = accountStub(env, caller.accountId);
    for (let i = 0; i < 3; i++) await served(caller.key);
    await account.flush();
    // Retention deletes every row (as for an account idle past USAGE_LOG_RETENTION_DAYS).
    await runInDurableObject(account, (_instance: AccountDO, state) =>
      pruneRequests(state.storage.sql, Date.now() + HOUR_MS),
    );
    const other = await newKeyFor(caller.accountId);
    await served(other.key);
    await account.flush();
    const rows = await hourlyRows(caller.accountId);
    expect(rows.find((r) => r.key_id === other.keyId)?.requests).toBe(1);
  });
});
