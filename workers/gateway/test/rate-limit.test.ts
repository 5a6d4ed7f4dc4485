import { env, runInDurableObject } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import Anthropic from "@anthropic-ai/sdk";
import type { RateWindow } from "@cc/billing";
import { estimateTokens } from "@cc/formats";
import { describe, expect, it } from "vitest";
import type { AccountDO } from "../src/account/account-do.ts";
import {
  adminFetch,
  basicMessage,
  callMessages,
  clearMockRequests,
  mockRequests,
  newAccountWithKey,
  usageRows,
} from "./helpers.ts";

const stub = (accountId: string) => env.ACCOUNTS.get(env.ACCOUNTS.idFromName(accountId));

/** What the test reaches inside the object: its clock and its keys' windows. */
type Inside = { clockSkewMs: number; windows: Map<string, RateWindow> };

/** Moves the account's clock `ms` forward: its windows age as if that time had passed. */
const age = (accountId: string, ms: number) =>
  runInDurableObject(stub(accountId), (instance: AccountDO) => {
    (instance as unknown as Inside).clockSkewMs += ms;
  });

/** Tokens the account's (only) key counts in its window now. */
const windowTokens = (accountId: string) =>
  runInDurableObject(stub(accountId), (instance: AccountDO) => {
    const inside = instance as unknown as Inside;
    const [window] = [...inside.windows.values()];
    return window?.used(Date.now() + inside.clockSkewMs).tokens;
  });

const limitHeaders = (res: Response) => ({
  requestsLimit: Number(res.headers.get("anthropic-ratelimit-requests-limit")),
  requestsRemaining: Number(res.headers.get("anthropic-ratelimit-requests-remaining")),
  requestsReset: res.headers.get("anthropic-ratelimit-requests-reset"),
  tokensLimit: Number(res.headers.get("anthropic-ratelimit-tokens-limit")),
  tokensRemaining: Number(res.headers.get("anthropic-ratelimit-tokens-remaining")),
  tokensReset: res.headers.get("anthropic-ratelimit-tokens-reset"),
});

describe("requests per minute", () => {
  it("refuses the 201st request inside a minute on a Basic key, then admits again once the window slides", async () => {
    const caller = await newAccountWithKey();
    const first = await callMessages({ key: caller.key });
    expect(limitHeaders(first)).toMatchObject({
      requestsLimit: 200,
      requestsRemaining: 199,
      tokensLimit: 1_000_000,
    });
    await first.arrayBuffer();
    // 199 more, 20 at a time, all inside the same minute.
    for (let i = 0; i < 199; i += 20) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(20, 199 - i) }, () => callMessages({ key: caller.key })),
      );
      for (const r of batch) {
        expect(r.status).toBe(200);
        await r.arrayBuffer();
      }
    }
    await clearMockRequests();
    const refused = await callMessages({ key: caller.key });
    expect(refused.status).toBe(429);
    const body = (await refused.json()) as { type: string; error: { type: string; message: string } };
    expect(body.error.type).toBe("rate_limit_error");
    expect(body.error.message).toContain("200 requests per minute");
    const retryAfter = Number(refused.headers.get("retry-after"));
    // The first request leaves the window 60 s after it was admitted.
    expect(retryAfter).toBeGreaterThanOrEqual(55);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(Number(refused.headers.get("retry-after-ms"))).toBeLessThanOrEqual(60_000);
    expect(limitHeaders(refused)).toMatchObject({ requestsLimit: 200, requestsRemaining: 0 });
    expect(Date.parse(limitHeaders(refused).requestsReset!)).toBeGreaterThan(Date.now());
    // No upstream call, no reservation, no charge.
    expect(await mockRequests()).toEqual([]);
    expect((await stub(caller.accountId).state(caller.accountId))?.reservedNano).toBe(0);
    const id = refused.headers.get("request-id");
    expect((await usageRows(caller.accountId)).some((r) => r.id === id)).toBe(false);

    await age(caller.accountId, 60_000);
    const again = await callMessages({ key: caller.key });
    expect(again.status).toBe(200);
    expect(limitHeaders(again).requestsRemaining).toBe(199);
  });
});

describe("tokens per minute", () => {
  it("refuses a prompt whose estimate exceeds what is left, and settle corrects the estimate", async () => {
    const caller = await newAccountWithKey({ tpm: 2_000 });
    const body = basicMessage({ messages: [{ role: "user", content: "x".repeat(4_000) }] });
    const estimate = estimateTokens(JSON.stringify(body));
    const first = await callMessages({ key: caller.key, body });
    expect(first.status).toBe(200);
    expect(limitHeaders(first).tokensRemaining).toBe(2_000 - estimate);
    const message = (await first.json()) as { usage: { input_tokens: number; output_tokens: number } };
    const actual = message.usage.input_tokens + message.usage.output_tokens;
    // Settled: the window now holds the actual tokens, not the estimate.
    expect(await windowTokens(caller.accountId)).toBe(actual);

    const refused = await callMessages({ key: caller.key, body });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
      "2000 tokens per minute",
    );
    expect(limitHeaders(refused).tokensRemaining).toBe(2_000 - actual);

    const small = await callMessages({ key: caller.key });
    expect(small.status).toBe(200);
  });

  it("refuses with 429 a prompt larger than the whole limit", async () => {
    const caller = await newAccountWithKey({ tpm: 100 });
    const res = await callMessages({
      key: caller.key,
      body: basicMessage({ messages: [{ role: "user", content: "y".repeat(2_000) }] }),
    });
    expect(res.status).toBe(429);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      "estimated above it",
    );
  });
});

describe("per-key overrides", () => {
  it("a lower RPM than the plan's", async () => {
    const caller = await newAccountWithKey({ rpm: 2 });
    expect((await callMessages({ key: caller.key })).status).toBe(200);
    const second = await callMessages({ key: caller.key });
    expect(limitHeaders(second)).toMatchObject({ requestsLimit: 2, requestsRemaining: 0 });
    expect((await callMessages({ key: caller.key })).status).toBe(429);
  });

  it("a higher RPM than the plan's", async () => {
    const caller = await newAccountWithKey({ rpm: 300 });
    const responses = await Promise.all(Array.from({ length: 201 }, () => callMessages({ key: caller.key })));
    for (const r of responses) await r.arrayBuffer();
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(Math.min(...responses.map((r) => limitHeaders(r).requestsRemaining))).toBe(99);
  });

  it("an override changed by the operator applies at once", async () => {
    const caller = await newAccountWithKey({ rpm: 1 });
    expect((await callMessages({ key: caller.key })).status).toBe(200);
    expect((await callMessages({ key: caller.key })).status).toBe(429);
    const patched = await adminFetch(`/keys/${caller.keyId}`, {
      method: "PATCH",
      body: JSON.stringify({ rpm: null }),
    });
    expect(patched.status).toBe(200);
    const res = await callMessages({ key: caller.key });
    expect(res.status).toBe(200);
    expect(limitHeaders(res).requestsLimit).toBe(200);
  });
});

describe("headers on every answer", () => {
  it("success, 402 and 429 carry consistent Anthropic-style limits", async () => {
    const caller = await newAccountWithKey({ rpm: 3, usd: "0.01" });
    const ok = await callMessages({ key: caller.key });
    const poor = await callMessages({ key: caller.key, body: basicMessage({ max_tokens: 100_000 }) });
    expect(poor.status).toBe(402);
    for (let i = 0; i < 2; i++) expect((await callMessages({ key: caller.key })).status).toBe(200);
    const limited = await callMessages({ key: caller.key });
    expect(limited.status).toBe(429);
    for (const res of [ok, poor, limited]) {
      const h = limitHeaders(res);
      expect(h.requestsLimit).toBe(3);
      expect(h.tokensLimit).toBe(1_000_000);
      expect(new Date(h.requestsReset!).toISOString()).toBe(h.requestsReset);
      expect(new Date(h.tokensReset!).toISOString()).toBe(h.tokensReset);
    }
    expect(limitHeaders(ok).requestsRemaining).toBe(2);
    // A refusal leaves nothing in the window.
    expect(limitHeaders(poor).requestsRemaining).toBe(2);
    expect(limitHeaders(limited).requestsRemaining).toBe(0);
  });
});

describe("the official SDK's automatic retry", () => {
  it("honours retry-after and eventually succeeds", async () => {
    const caller = await newAccountWithKey({ rpm: 1 });
    expect((await callMessages({ key: caller.key })).status).toBe(200);
    // Let the admitted request leave the window in about a second.
    await age(caller.accountId, 59_000);
    const statuses: number[] = [];
    const client = new Anthropic({
      apiKey: caller.key,
      baseURL: "https://gateway.test/api/proxy",
      maxRetries: 3,
      fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
        const res = await exports.default.fetch(input instanceof Request ? input : new Request(input, init));
        statuses.push(res.status);
        return res;
      },
    });
    const message = await client.messages.create({
      model: "claude-sonnet-4-6",
      max_tokens: 64,
      messages: [{ role: "user", content: "retry me" }],
    });
    expect(message.type).toBe("message");
    expect(statuses[0]).toBe(429);
    expect(statuses.at(-1)).toBe(200);
  });
});
