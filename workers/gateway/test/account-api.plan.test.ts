import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { adminFetch, BASE, basicMessage, callMessages, newAccountWithKey } from "./helpers.ts";

const buyPro = (key: string, body: unknown = { plan: "pro" }) =>
  exports.default.fetch(`${BASE}/api/account/plan`, {
    method: "POST",
    headers: { "x-api-key": key, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

const ledger = async (accountId: string) =>
  (await (await adminFetch(`/accounts/${accountId}/ledger`)).json()) as {
    balance_nano: number;
    entries: Array<{ kind: string; amount_nano: number }>;
  };

describe("POST /api/account/plan", () => {
  it("buys Pro once: −$19, plan pro, then 80% off and 500 RPM on the very next request", async () => {
    const caller = await newAccountWithKey({ usd: "20" });
    const first = await buyPro(caller.key);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ plan: "pro", balance_nano: 1_000_000_000, duplicate: false });
    const again = await buyPro(caller.key);
    expect(await again.json()).toMatchObject({ plan: "pro", balance_nano: 1_000_000_000, duplicate: true });

    const book = await ledger(caller.accountId);
    expect(book.entries.filter((e) => e.kind === "plan").map((e) => e.amount_nano)).toEqual([
      -19_000_000_000,
    ]);
    const row = await env.DB.prepare("SELECT plan FROM accounts WHERE id = ?").bind(caller.accountId).first();
    expect(row).toEqual({ plan: "pro" });

    const res = await callMessages({ key: caller.key, body: basicMessage({ model: "claude-sonnet-4-6" }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("anthropic-ratelimit-requests-limit")).toBe("500");
    const { usage } = (await res.json()) as { usage: { input_tokens: number; output_tokens: number } };
    // Sonnet lists at $3 / $15 per million; Pro pays 20%: 600 / 3000 nano-USD per token.
    expect(Number(res.headers.get("x-cc-cost-nano-usd"))).toBe(
      usage.input_tokens * 600 + usage.output_tokens * 3000,
    );
  });

  it("402 without $19 available, and nothing changes", async () => {
    const caller = await newAccountWithKey({ usd: "18.99" });
    const res = await buyPro(caller.key);
    expect(res.status).toBe(402);
    const body = (await res.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe("insufficient_balance");
    expect(body.error.message).toMatch(/\$19\.00.*\$18\.99/);
    const book = await ledger(caller.accountId);
    expect(book.balance_nano).toBe(18_990_000_000);
    expect(book.entries.map((e) => e.kind)).toEqual(["adjustment"]);
    const msg = await callMessages({ key: caller.key });
    expect(msg.headers.get("anthropic-ratelimit-requests-limit")).toBe("200");
  });

  it("400 for another plan, 401 without a key", async () => {
    const caller = await newAccountWithKey({ usd: "50" });
    const bad = await buyPro(caller.key, { plan: "enterprise" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^plan: /);
    expect((await buyPro("sk-cc-nope")).status).toBe(401);
    expect((await ledger(caller.accountId)).balance_nano).toBe(50_000_000_000);
  });
});
