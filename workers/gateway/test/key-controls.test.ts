import { env, runInDurableObject } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { nanoToUsdString, usdToNano } from "@cc/billing";
import { describe, expect, it } from "vitest";
import type { AccountDO } from "../src/account/account-do.ts";
import {
  adminFetch,
  BASE,
  basicMessage,
  callMessages,
  eventually,
  newAccountWithKey,
  usageRows,
} from "./helpers.ts";

// Per-key spend caps and expiry, enforced by the account's Durable Object at admission.

const setKey = async (keyId: string, body: Record<string, unknown>) => {
  const res = await adminFetch(`/keys/${keyId}`, { method: "PATCH", body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { api_key: Record<string, unknown> }).api_key;
};

const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { type: string; message: string; code?: string } }).error;

/** Σ cost of the key's settled requests, nano-USD. */
const spentBy = async (accountId: string, keyId: string) =>
  (await usageRows(accountId)).filter((r) => r.key_id === keyId).reduce((n, r) => n + Number(r.cost_nano), 0);

const chat = (key: string, body: Record<string, unknown>) =>
  exports.default.fetch(`${BASE}/api/proxy/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("spend caps", () => {
  it("counts the worst case of requests in flight: concurrent requests cannot pass a daily cap together", async () => {
    const caller = await newAccountWithKey({ usd: "10" });
    const key = await setKey(caller.keyId, { daily_limit_usd: "0.01" });
    expect(key.daily_limit_nano).toBe(10_000_000);
    // Ten at once, each held open by the mock: admission must count the ones it already let in.
    const calls = await Promise.all(
      Array.from({ length: 10 }, () =>
        callMessages({
          key: caller.key,
          body: basicMessage({ max_tokens: 1024, stream: true }),
          scenario: "slow; delay=30",
        }),
      ),
    );
    const admitted = calls.filter((r) => r.status === 200);
    const refused = calls.filter((r) => r.status === 402);
    expect(admitted.length + refused.length).toBe(10);
    expect(refused.length).toBeGreaterThan(0);
    const error = await errorOf(refused[0]!);
    expect(error.type).toBe("billing_error");
    expect(error.message).toMatch(
      /^insufficient_balance: This API key's daily spend limit of \$0\.01 would be exceeded/,
    );
    const worst = usdToNano(/may cost up to \$(\d+\.\d+)/.exec(error.message)![1]!);
    // No more were let in than the cap covers at their worst case.
    expect(admitted.length).toBeGreaterThanOrEqual(1);
    expect(admitted.length).toBeLessThanOrEqual(Math.floor(10_000_000 / worst));
    await Promise.all([...admitted, ...refused.slice(1)].map((r) => r.arrayBuffer()));
    const settled = await eventually(async () => {
      const rows = (await usageRows(caller.accountId)).filter((r) => r.key_id === caller.keyId);
      return rows.length === admitted.length ? rows : undefined;
    });
    const spent = settled.reduce((n, r) => n + Number(r.cost_nano), 0);
    expect(spent).toBeGreaterThan(0);
    expect(spent).toBeLessThanOrEqual(10_000_000);
  });

  it("counts what the key settled this month; the 402 names the cap in each format; raising it admits at once", async () => {
    const caller = await newAccountWithKey({ usd: "10" });
    for (let i = 0; i < 2; i++) await (await callMessages({ key: caller.key })).arrayBuffer();
    const spent = await eventually(async () => {
      const n = await spentBy(caller.accountId, caller.keyId);
      return (await usageRows(caller.accountId)).length === 2 ? n : undefined;
    });
    // A cap just above what it spent: the next request's worst case does not fit.
    const cap = (spent + 1_000_000) / 1e9;
    await setKey(caller.keyId, { monthly_limit_usd: cap.toFixed(9).replace(/0+$/, "") });
    const refused = await callMessages({ key: caller.key });
    expect(refused.status).toBe(402);
    const message = (await errorOf(refused)).message;
    expect(message).toContain("This API key's monthly spend limit of $");
    expect(message).toContain(`it has spent $${nanoToUsdString(spent)} this month (UTC)`);
    // OpenAI's shape for an OpenAI client: the product's code says which 402 it is.
    const openai = await chat(caller.key, {
      model: "gpt-5.5",
      max_completion_tokens: 64,
      messages: [{ role: "user", content: "hi" }],
    });
    expect(openai.status).toBe(402);
    const body = await errorOf(openai);
    expect(body).toMatchObject({ type: "insufficient_balance", code: "spend_limit_exceeded" });
    expect(body.message).toContain("monthly spend limit");

    await setKey(caller.keyId, { monthly_limit_usd: "5" });
    expect((await callMessages({ key: caller.key })).status).toBe(200);
    // Free requests (count_tokens) are never refused by a cap.
    await setKey(caller.keyId, { monthly_limit_usd: "0.000000001" });
    const count = await callMessages({ key: caller.key, path: "/api/proxy/v1/messages/count_tokens" });
    expect(count.status).toBe(200);
  });

  it("starts a new day at 00:00 UTC: a key refused for its daily cap is admitted the next day", async () => {
    const caller = await newAccountWithKey({ usd: "10" });
    await (await callMessages({ key: caller.key })).arrayBuffer();
    await eventually(async () => ((await usageRows(caller.accountId)).length === 1 ? true : undefined));
    await setKey(caller.keyId, { daily_limit_usd: "0.000001" });
    expect((await callMessages({ key: caller.key })).status).toBe(402);
    // The object's clock a day later (the rows keep their real time: yesterday's spend).
    await runInDurableObject(env.ACCOUNTS.get(env.ACCOUNTS.idFromName(caller.accountId)), (o: AccountDO) => {
      (o as unknown as { clockSkewMs: number }).clockSkewMs += 86_400_000;
    });
    await setKey(caller.keyId, { daily_limit_usd: "0.01" });
    expect((await callMessages({ key: caller.key })).status).toBe(200);
  });

  it("refuses an invalid cap in the admin API", async () => {
    const caller = await newAccountWithKey();
    for (const bad of ["-1", "abc", "0", 5]) {
      const res = await adminFetch(`/keys/${caller.keyId}`, {
        method: "PATCH",
        body: JSON.stringify({ daily_limit_usd: bad }),
      });
      expect(res.status).toBe(400);
    }
  });
});

describe("key expiry", () => {
  it("answers 401 saying the key expired, on billed and free routes; lifting the expiry restores it", async () => {
    const caller = await newAccountWithKey();
    const at = Date.now() - 1_000;
    await setKey(caller.keyId, { expires_at: at });
    const res = await callMessages({ key: caller.key, headers: { "cf-connecting-ip": "203.0.113.90" } });
    expect(res.status).toBe(401);
    const error = await errorOf(res);
    expect(error.type).toBe("authentication_error");
    expect(error.message).toBe(
      `This API key expired at ${new Date(at).toISOString()}. Create a new key or extend this one on the dashboard's Keys page.`,
    );
    const models = await exports.default.fetch(`${BASE}/api/proxy/v1/models`, {
      headers: {
        "x-api-key": caller.key,
        "anthropic-version": "2023-06-01",
        "cf-connecting-ip": "203.0.113.91",
      },
    });
    expect(models.status).toBe(401);
    expect((await errorOf(models)).message).toBe("This API key has expired.");

    await setKey(caller.keyId, { expires_at: null });
    expect((await callMessages({ key: caller.key })).status).toBe(200);
  });

  it("keeps a key working until its expiry", async () => {
    const caller = await newAccountWithKey();
    await setKey(caller.keyId, { expires_at: Date.now() + 60_000 });
    expect((await callMessages({ key: caller.key })).status).toBe(200);
  });
});
