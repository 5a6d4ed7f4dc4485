import { env, evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { cost, DEFAULT_PRICE_TABLE, planFor, priceFor, reservationCost } from "@cc/billing";
import { estimateTokens } from "@cc/formats";
import { describe, expect, it, vi } from "vitest";
import type { AccountDO } from "../src/account/account-do.ts";
import {
  adminFetch,
  basicMessage,
  callMessages,
  clearMockRequests,
  credit,
  mockRequests,
  newAccountWithKey,
  usageRow,
  usageRows,
} from "./helpers.ts";
import { callProxy } from "./metering.helpers.ts";

const stub = (accountId: string) => env.ACCOUNTS.get(env.ACCOUNTS.idFromName(accountId));

interface LedgerEntry {
  kind: string;
  amount_nano: number;
  balance_after_nano: number;
  reference: string;
}

async function ledger(accountId: string) {
  const res = await adminFetch(`/accounts/${accountId}/ledger`);
  return (await res.json()) as { balance_nano: number; reserved_nano: number; entries: LedgerEntry[] };
}

async function reconcile() {
  const res = await adminFetch("/reconcile");
  return (await res.json()) as { ok: boolean; accounts: Array<{ account_id: string; ok: boolean }> };
}

describe("charging", () => {
  it("charges the exact cost of the usage at the plan's discount and records it", async () => {
    const caller = await newAccountWithKey({ usd: "1" });
    const res = await callMessages({ key: caller.key, body: basicMessage({ model: "claude-opus-4-7" }) });
    expect(res.status).toBe(200);
    const message = (await res.json()) as { usage: { input_tokens: number; output_tokens: number } };
    // Basic plan: Opus at $2.50 / $12.50 per million = 2500 / 12500 nano per token.
    const expected = Math.floor(message.usage.input_tokens * 2500 + message.usage.output_tokens * 12500);
    expect(Number(res.headers.get("x-cc-cost-nano-usd"))).toBe(expected);
    expect(Number(res.headers.get("x-cc-balance-nano-usd"))).toBe(1_000_000_000 - expected);
    const row = await usageRow(res.headers.get("request-id")!);
    expect(row.cost_nano).toBe(expected);
    const book = await ledger(caller.accountId);
    expect(book.balance_nano).toBe(1_000_000_000 - expected);
    expect(book.entries.map((e) => [e.kind, e.amount_nano])).toEqual([
      ["usage", -expected],
      ["adjustment", 1_000_000_000],
    ]);
  });

  it("answers 402 in Anthropic's shape at $0, before any upstream call", async () => {
    const caller = await newAccountWithKey({ usd: "0" });
    await clearMockRequests();
    const res = await callMessages({ key: caller.key });
    expect(res.status).toBe(402);
    const body = (await res.json()) as { type: string; error: { type: string; message: string } };
    expect(body.type).toBe("error");
    expect(body.error.type).toBe("billing_error");
    expect(body.error.message).toMatch(/^insufficient_balance: /);
    expect(res.headers.get("anthropic-ratelimit-requests-limit")).toBe("200");
    expect(await mockRequests()).toEqual([]);
    expect((await ledger(caller.accountId)).entries).toEqual([]);
  });

  it("reserves the worst case: max_tokens at the output price must be covered", async () => {
    const caller = await newAccountWithKey({ usd: "0.01" });
    // Sonnet on Basic: $7.50 per million output → 2,000 tokens = $0.015 > $0.01.
    const refused = await callMessages({ key: caller.key, body: basicMessage({ max_tokens: 2000 }) });
    expect(refused.status).toBe(402);
    const accepted = await callMessages({ key: caller.key, body: basicMessage({ max_tokens: 100 }) });
    expect(accepted.status).toBe(200);
  });

  it("releases the reservation with no charge when the upstream fails", async () => {
    const caller = await newAccountWithKey({ usd: "1" });
    const res = await callMessages({ key: caller.key, scenario: "error; status=500" });
    expect(res.status).toBe(500);
    await usageRow(res.headers.get("request-id")!);
    const state = await stub(caller.accountId).state(caller.accountId);
    expect(state).toMatchObject({ balanceNano: 1_000_000_000, reservedNano: 0 });
    expect((await ledger(caller.accountId)).entries).toHaveLength(1);
  });
});

describe("a settle that fails", () => {
  /** The accounts' namespace, whose objects' settle throws `failures` times (an object reset). */
  const flakyAccounts = (failures: { left: number }) =>
    ({
      idFromName: (name: string) => env.ACCOUNTS.idFromName(name),
      get: (id: DurableObjectId) => {
        const real = env.ACCOUNTS.get(id);
        return new Proxy(real, {
          get(target, prop) {
            if (prop === "settle") {
              return (input: Parameters<typeof real.settle>[0]) => {
                if (failures.left-- > 0)
                  return Promise.reject(new Error("Durable Object reset because its code was updated."));
                return target.settle(input);
              };
            }
            return Reflect.get(target, prop);
          },
        });
      },
    }) as unknown as Env["ACCOUNTS"];

  it("is retried with a fresh stub until it lands: charged once, nothing left reserved", async () => {
    const caller = await newAccountWithKey({ usd: "1" });
    const failures = { left: 3 };
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const res = await callProxy(
      "messages",
      caller.key,
      basicMessage({ model: "claude-haiku-4-5", max_tokens: 64 }),
      {
        envOverride: { ACCOUNTS: flakyAccounts(failures) },
      },
    );
    expect(res.status).toBe(200);
    expect(failures.left).toBe(-1);
    const retried = warn.mock.calls.map(
      ([line]) => JSON.parse(String(line)) as { msg: string; attempt: number },
    );
    warn.mockRestore();
    expect(retried.filter((l) => l.msg === "settle retried").map((l) => l.attempt)).toEqual([1, 2, 3]);
    const charged = Number(res.headers.get("x-cc-cost-nano-usd"));
    expect(charged).toBeGreaterThan(0);
    const state = await stub(caller.accountId).state(caller.accountId);
    expect(state).toMatchObject({ balanceNano: 1_000_000_000 - charged, reservedNano: 0 });
    expect(Number((await usageRow(res.headers.get("request-id")!)).cost_nano)).toBe(charged);
  });
});

describe("idempotency", () => {
  it("settle twice with the same request id: one entry, one charge", async () => {
    const caller = await newAccountWithKey({ usd: "1" });
    const s = stub(caller.accountId);
    const admitted = await s.admit({
      accountId: caller.accountId,
      keyHash: await sha256(caller.key),
      requestId: "req_settle_twice",
      model: "claude-haiku-4-5",
      price: priceFor(DEFAULT_PRICE_TABLE, "claude-haiku-4-5")!,
      tpmTokens: 100,
      worstCase: { inputTokens: 100, inputKind: "input", maxOutputTokens: 100, choices: 1 },
    });
    expect(admitted.ok).toBe(true);
    const usage = { input: 1000, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, output: 1000, thinking: 0 };
    const first = await s.settle({
      accountId: caller.accountId,
      requestId: "req_settle_twice",
      model: "claude-haiku-4-5",
      usage,
    });
    const second = await s.settle({
      accountId: caller.accountId,
      requestId: "req_settle_twice",
      model: "claude-haiku-4-5",
      usage,
    });
    // Haiku on Basic: $0.50 / $2.50 per million → 1000 × 500 + 1000 × 2500 = 3,000,000 nano.
    expect(first).toMatchObject({ costNano: 3_000_000, chargedNano: 3_000_000, duplicate: false });
    expect(second).toMatchObject({ chargedNano: 3_000_000, duplicate: true, balanceNano: first.balanceNano });
    const usageEntries = (await ledger(caller.accountId)).entries.filter((e) => e.kind === "usage");
    expect(usageEntries).toHaveLength(1);
  });

  it("credit twice with the same idempotency key: one entry", async () => {
    const caller = await newAccountWithKey({ usd: "0" });
    const a = (await (await credit(caller.accountId, "5", "op:ticket-1")).json()) as {
      duplicate: boolean;
      balance_nano: number;
    };
    const b = (await (await credit(caller.accountId, "5", "op:ticket-1")).json()) as {
      duplicate: boolean;
      balance_nano: number;
    };
    expect(a).toMatchObject({ duplicate: false, balance_nano: 5_000_000_000 });
    expect(b).toMatchObject({ duplicate: true, balance_nano: 5_000_000_000 });
    expect((await ledger(caller.accountId)).entries).toHaveLength(1);
  });
});

describe("concurrency", () => {
  it("500 concurrent requests on an account funded for about 50 never overspend", async () => {
    // Worst case of one request: the body's estimate at the input price + 1000 output tokens.
    const body = basicMessage({ max_tokens: 1000 });
    const estimate = estimateTokens(JSON.stringify(body));
    const worst = reservationCost(
      { inputTokens: estimate, inputKind: "input", maxOutputTokens: 1000, choices: 1 },
      priceFor(DEFAULT_PRICE_TABLE, "claude-sonnet-4-6")!,
      planFor("basic"),
    );
    const funded = worst * 50;
    const caller = await newAccountWithKey({ usd: "0", rpm: 1000 });
    await credit(caller.accountId, (funded / 1e9).toFixed(9));

    const responses = await Promise.all(
      Array.from({ length: 500 }, () => callMessages({ key: caller.key, body })),
    );
    const statuses = responses.map((r) => r.status);
    const accepted = responses.filter((r) => r.status === 200);
    expect(statuses.every((s) => s === 200 || s === 402)).toBe(true);
    expect(accepted.length).toBeGreaterThanOrEqual(50);
    for (const r of responses) await r.arrayBuffer();

    const ids = accepted.map((r) => r.headers.get("request-id")!);
    for (const id of ids) await usageRow(id);
    const book = await ledger(caller.accountId);
    expect(book.balance_nano).toBeGreaterThanOrEqual(0);
    expect(book.reserved_nano).toBe(0);
    // One usage row — the request's ledger entry — per accepted request; D1 holds them in batches.
    const rows = await usageRows(caller.accountId);
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    const charged = book.entries.filter((e) => e.kind === "usage").reduce((n, e) => n - e.amount_nano, 0);
    expect(charged).toBe(rows.reduce((n, r) => n + Number(r.cost_nano), 0));
    const report = await reconcile();
    expect(report.accounts.find((a) => a.account_id === caller.accountId)?.ok).toBe(true);
  });
});

describe("a client that hangs up mid-stream", () => {
  it("is charged the input (at least admission's estimate) and the output generated so far, not max_tokens", async () => {
    const caller = await newAccountWithKey({ usd: "1" });
    const body = basicMessage({ stream: true, max_tokens: 4000 });
    const res = await callMessages({ key: caller.key, body, scenario: "slow; delay=200" });
    const reader = res.body!.getReader();
    let received = "";
    while (!received.includes("content_block_delta"))
      received += new TextDecoder().decode((await reader.read()).value);
    const start = JSON.parse(received.split("data: ")[1]!.split("\n")[0]!) as {
      message: { usage: { input_tokens: number } };
    };
    await reader.cancel();
    const row = await usageRow(res.headers.get("request-id")!);
    expect(row.outcome).toBe("client_hangup");
    const estimate = estimateTokens(JSON.stringify(body));
    expect(estimate).toBeGreaterThan(start.message.usage.input_tokens);
    expect(row.input_tokens).toBe(estimate);
    expect(row.output_tokens).toBeGreaterThan(0);
    expect(row.output_tokens).toBeLessThan(4000);
    const price = priceFor(DEFAULT_PRICE_TABLE, "claude-sonnet-4-6")!;
    const expected = cost(
      {
        input: Number(row.input_tokens),
        cacheWrite5m: 0,
        cacheWrite1h: 0,
        cacheRead: 0,
        output: Number(row.output_tokens),
        thinking: 0,
      },
      price,
      planFor("basic"),
    );
    expect(row.cost_nano).toBe(expected);
    expect(row.cost_nano).toBeGreaterThan(0);
    const state = await stub(caller.accountId).state(caller.accountId);
    expect(state?.balanceNano).toBe(1_000_000_000 - expected);
  });
});

describe("the outbox", () => {
  it("survives a restart: the alarm flushes every entry exactly once", async () => {
    const caller = await newAccountWithKey({ usd: "0" });
    const s = stub(caller.accountId);
    for (let i = 0; i < 3; i++) {
      await s.credit({
        accountId: caller.accountId,
        idempotencyKey: `t:${i}`,
        amountNano: 1_000,
        kind: "topup",
      });
    }
    const before = await env.DB.prepare("SELECT COUNT(*) AS n FROM ledger WHERE account_id = ?")
      .bind(caller.accountId)
      .first<{ n: number }>();
    expect(before?.n).toBe(0);
    // Restart: evict the object (memory gone, storage kept), then run its alarm as the runtime would.
    await evictDurableObject(s);
    expect(await runDurableObjectAlarm(s)).toBe(true);
    expect(await runDurableObjectAlarm(s)).toBe(false);
    // Flushing again (a crash between the D1 batch and the marking) duplicates nothing.
    await runInDurableObject(s, (_instance: AccountDO, state) => {
      state.storage.sql.exec("UPDATE entries SET flushed = 0");
    });
    await s.flush();
    const rows = await env.DB.prepare(
      "SELECT reference, amount_nano FROM ledger WHERE account_id = ? ORDER BY reference",
    )
      .bind(caller.accountId)
      .all<{ reference: string; amount_nano: number }>();
    expect(rows.results).toEqual([
      { reference: "t:0", amount_nano: 1000 },
      { reference: "t:1", amount_nano: 1000 },
      { reference: "t:2", amount_nano: 1000 },
    ]);
    const balance = await env.DB.prepare("SELECT balance_nano FROM balances WHERE account_id = ?")
      .bind(caller.accountId)
      .first<{ balance_nano: number }>();
    expect(balance?.balance_nano).toBe(3000);
  });

  it("sends requests within a minute of the first unflushed one and money events within a second, a restart pushing nothing back", async () => {
    const caller = await newAccountWithKey({ usd: "1" });
    const s = stub(caller.accountId);
    // The opening credit's flush, a second after it: run now.
    expect(await runDurableObjectAlarm(s)).toBe(true);
    const alarm = () => runInDurableObject(s, (_i: AccountDO, state) => state.storage.getAlarm());
    const usageInD1 = async () =>
      (
        await env.DB.prepare("SELECT COUNT(*) AS n FROM ledger WHERE account_id = ? AND kind = 'usage'")
          .bind(caller.accountId)
          .first<{ n: number }>()
      )?.n;

    const t0 = Date.now();
    expect((await callMessages({ key: caller.key })).status).toBe(200);
    const first = await alarm();
    expect(first).toBeGreaterThanOrEqual(t0 + 59_000);
    expect(first).toBeLessThanOrEqual(Date.now() + 60_000);
    // A later request, and a restart before the alarm, leave it where it was.
    expect((await callMessages({ key: caller.key })).status).toBe(200);
    expect(await alarm()).toBe(first);
    await evictDurableObject(s);
    expect((await callMessages({ key: caller.key })).status).toBe(200);
    expect(await alarm()).toBe(first);
    expect(await usageInD1()).toBe(0);

    // A top-up brings it forward to a second from now.
    const t1 = Date.now();
    expect((await credit(caller.accountId, "1", "flush-soon")).status).toBe(200);
    expect(await alarm()).toBeLessThanOrEqual(Date.now() + 1_000);
    expect(await alarm()).toBeGreaterThanOrEqual(t1 + 1_000);
    expect(await runDurableObjectAlarm(s)).toBe(true);
    // One ledger row for the three requests, beside the two credits.
    const rows = await env.DB.prepare("SELECT kind, memo FROM ledger WHERE account_id = ?")
      .bind(caller.accountId)
      .all<{ kind: string; memo: string | null }>();
    expect(rows.results.filter((r) => r.kind === "usage")).toEqual([{ kind: "usage", memo: "3 requests" }]);
    expect(rows.results.filter((r) => r.kind !== "usage")).toHaveLength(2);
  });

  it("releases a reservation its Worker never ended once it outlives the TTL, logged", async () => {
    const caller = await newAccountWithKey({ usd: "1" });
    const s = stub(caller.accountId);
    const keyHash = await sha256(caller.key);
    await s.admit(admitInput(caller, keyHash, "req_orphan"));
    expect((await s.state(caller.accountId))?.reservations.map((r) => r.id)).toEqual(["req_orphan"]);
    // Thirty-one minutes later (the object's clock moved on), the alarm reaps it.
    await runInDurableObject(s, (instance: AccountDO) => {
      (instance as unknown as { clockSkewMs: number }).clockSkewMs += 31 * 60_000;
    });
    await runDurableObjectAlarm(s);
    const state = await s.state(caller.accountId);
    expect(state).toMatchObject({ reservations: [], reservedNano: 0, balanceNano: 1_000_000_000 });
    expect((await reconcile()).accounts.find((a) => a.account_id === caller.accountId)?.ok).toBe(true);
  });

  it("a restart forgets reservations in flight, and their late settle still charges in full", async () => {
    const caller = await newAccountWithKey({ usd: "1" });
    const s = stub(caller.accountId);
    const keyHash = await sha256(caller.key);
    const admitted = await s.admit(admitInput(caller, keyHash, "req_in_flight"));
    expect(admitted).toMatchObject({ ok: true });
    await evictDurableObject(s);
    expect((await s.state(caller.accountId))?.reservations).toEqual([]);
    const usage = {
      input: 1_000,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      cacheRead: 0,
      output: 1_000,
      thinking: 0,
    };
    const settled = await s.settle({
      accountId: caller.accountId,
      requestId: "req_in_flight",
      model: "claude-haiku-4-5",
      usage,
      request: {
        keyId: caller.keyId,
        format: "anthropic-messages",
        stream: false,
        status: 200,
        outcome: "ok",
        startedAt: Date.now() - 5,
        ttfbMs: 5,
      },
    });
    // Haiku on Basic: 1000 × 500 + 1000 × 2500 nano.
    expect(settled).toMatchObject({ chargedNano: 3_000_000, balanceNano: 1_000_000_000 - 3_000_000 });
    expect(await usageRow("req_in_flight")).toMatchObject({ cost_nano: 3_000_000, outcome: "ok" });
    expect((await reconcile()).accounts.find((a) => a.account_id === caller.accountId)?.ok).toBe(true);
  });
});

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

const admitInput = (caller: { accountId: string }, keyHash: string, requestId: string) => ({
  accountId: caller.accountId,
  keyHash,
  requestId,
  model: "claude-haiku-4-5",
  price: priceFor(DEFAULT_PRICE_TABLE, "claude-haiku-4-5")!,
  tpmTokens: 10,
  worstCase: { inputTokens: 10, inputKind: "input" as const, maxOutputTokens: 10, choices: 1 },
});
