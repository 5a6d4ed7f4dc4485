import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { queries } from "@cc/db";
import type { ProviderId } from "@cc/topups";
import { drizzle } from "drizzle-orm/d1";
import { expect } from "vitest";
import { buildApp } from "../src/app.ts";
import { makeDeps } from "../src/deps.ts";
import { createTopup } from "../src/topups/create.ts";
import { testEnv } from "./env.ts";
import { FakeProcessor } from "./fake-processor.ts";

export const db = () => drizzle(testEnv.DB);

/** The payments Worker's app wired to a fake processor, and what a test needs around it. */
export function harness(env = testEnv) {
  const processor = new FakeProcessor();
  const app = buildApp({ fetch: processor.fetch });
  const deps = makeDeps(env, { fetch: processor.fetch });
  const post = async (path: string, body: string | Uint8Array, headers: Record<string, string>) => {
    const ctx = createExecutionContext();
    const res = await app.fetch(
      new Request(`https://pay.test${path}`, { method: "POST", headers, body }),
      env,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    return res;
  };
  return { processor, app, deps, post };
}

const admin = (path: string, init: RequestInit = {}) =>
  testEnv.GATEWAY_HTTP.fetch(`https://gateway.test/api/admin${path}`, {
    ...init,
    headers: { authorization: `Bearer ${testEnv.ADMIN_TOKEN}`, "content-type": "application/json" },
  });

/** A fresh, empty account in the real gateway. */
export async function newAccount(): Promise<string> {
  const res = await admin("/accounts", { method: "POST", body: JSON.stringify({ name: "payments test" }) });
  return ((await res.json()) as { account: { id: string } }).account.id;
}

/** An operator's adjustment (negative = a debit), through the admin API. */
export async function adjust(accountId: string, usd: string): Promise<void> {
  const res = await admin(`/accounts/${accountId}/credit`, { method: "POST", body: JSON.stringify({ usd }) });
  expect(res.status).toBe(200);
}

export interface LedgerEntry {
  kind: string;
  amount_nano: number;
  reference: string;
}

/** The account's balance and its D1 ledger (flushed), as the gateway's admin API shows them. */
export async function ledger(accountId: string) {
  const res = await admin(`/accounts/${accountId}/ledger`);
  return (await res.json()) as { balance_nano: number; entries: LedgerEntry[] };
}

export async function reconcileOk(): Promise<boolean> {
  return ((await (await admin("/reconcile")).json()) as { ok: boolean }).ok;
}

/** A top-up created through the real createTopup against the fake processor. */
export async function newTopup(
  h: ReturnType<typeof harness>,
  accountId: string,
  provider: ProviderId,
  amountUsd = "25",
  coin: "usdttrc20" | "btc" = provider === "btcpay" ? "btc" : "usdttrc20",
) {
  const created = await createTopup(h.deps, {
    accountId,
    amountUsd,
    coin,
    provider,
    returnUrl: "https://gateway.test/dashboard/billing",
    origin: "https://gateway.test",
  });
  if (!created.ok) throw new Error(created.message);
  const row = await queries.getTopup(db(), created.topupId);
  expect(row?.status).toBe("pending");
  return row!;
}

export const topup = async (id: string) => (await queries.getTopup(db(), id))!;

export async function webhookEvents(provider: string) {
  return testEnv.DB.prepare("SELECT event_key, topup_id FROM webhook_events WHERE provider = ?")
    .bind(provider)
    .all<{ event_key: string; topup_id: string | null }>()
    .then((r) => r.results);
}
