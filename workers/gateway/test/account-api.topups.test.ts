import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BASE, newAccountWithKey } from "./helpers.ts";

const post = (key: string | undefined, body: unknown) =>
  exports.default.fetch(`${BASE}/api/account/topups`, {
    method: "POST",
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { type: string; message: string } }).error;

describe("POST /api/account/topups", () => {
  it("401 without an API key of the account", async () => {
    const res = await post(undefined, { amount_usd: "10", coin: "btc", provider: "dev" });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).type).toBe("authentication");
  });

  it("400 with a clear message for each bad field", async () => {
    const { key } = await newAccountWithKey({ usd: "0" });
    const cases: Array<[unknown, RegExp]> = [
      [{ amount_usd: "4.99", coin: "btc", provider: "dev" }, /^amount_usd: must be at least 5/],
      [{ amount_usd: "10.001", coin: "btc", provider: "dev" }, /^amount_usd: must be a USD amount/],
      [{ amount_usd: "20", coin: "doge", provider: "dev" }, /^coin: /],
      [{ amount_usd: "20", coin: "btc", provider: "paypal" }, /^provider: /],
      [{ coin: "btc", provider: "dev" }, /^amount_usd: /],
      ["{not json", /not valid JSON/],
      [
        { amount_usd: "20", coin: "btc", provider: "dev", return_url: "https://evil.example/" },
        /^return_url: must be on/,
      ],
      // Only the dev processor is configured in the tests.
      [{ amount_usd: "20", coin: "btc", provider: "btcpay" }, /btcpay processor is not enabled/],
    ];
    for (const [body, message] of cases) {
      const res = await post(key, body);
      expect(res.status).toBe(400);
      const error = await errorOf(res);
      expect(error.type).toBe("invalid_request");
      expect(error.message).toMatch(message);
    }
  });

  it("201 with an amount as a number too; GET lists only the account's own top-ups", async () => {
    const a = await newAccountWithKey({ usd: "0" });
    const b = await newAccountWithKey({ usd: "0" });
    const res = await post(a.key, { amount_usd: 12.5, coin: "eth", provider: "dev" });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { topup_id: string; invoice_url: string; status: string };
    expect(created).toMatchObject({ status: "pending", topup_id: expect.stringMatching(/^topup_/) });

    const list = async (key: string) =>
      (
        (await (
          await exports.default.fetch(`${BASE}/api/account/topups`, { headers: { "x-api-key": key } })
        ).json()) as { topups: Array<Record<string, unknown>> }
      ).topups;
    expect(await list(a.key)).toEqual([
      expect.objectContaining({
        topup_id: created.topup_id,
        provider: "dev",
        coin: "eth",
        status: "pending",
        amount_usd: "12.50",
        credited_usd: "0.00",
        invoice_url: created.invoice_url,
      }),
    ]);
    expect(await list(b.key)).toEqual([]);
  });

  it("the gateway forwards /payments/* to the payments Worker (404 for an unknown invoice)", async () => {
    const res = await exports.default.fetch(`${BASE}/payments/dev/invoice/devinv_unknown`);
    expect(res.status).toBe(404);
    expect(res.headers.get("request-id")).toMatch(/^req_/);
  });
});
