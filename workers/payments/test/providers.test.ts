import { queries } from "@cc/db";
import { describe, expect, it } from "vitest";
import { createTopup } from "../src/topups/create.ts";
import { testEnv } from "./env.ts";
import { adjust, db, harness, ledger, newAccount, newTopup, topup } from "./helpers.ts";
import { oxaPayCallback } from "./signing.ts";

const input = (accountId: string, over: Record<string, string> = {}) => ({
  accountId,
  amountUsd: "25",
  coin: "usdttrc20" as const,
  provider: "nowpayments" as const,
  returnUrl: "https://gateway.test/dashboard/billing",
  ...over,
});

describe("creating invoices", () => {
  it("NOWPayments: a USD-priced invoice carrying our order id and callback URL", async () => {
    const h = harness();
    const account = await newAccount();
    const t = await newTopup(h, account, "nowpayments", "12.50");
    const sent = h.processor.seen.find((r) => r.method === "POST")!;
    expect(sent.url).toBe("https://nowpayments.test/v1/invoice");
    expect(sent.headers["x-api-key"]).toBe("np-api-key");
    expect(sent.body).toMatchObject({
      price_amount: 12.5,
      price_currency: "usd",
      pay_currency: "usdttrc20",
      order_id: t.id,
      ipn_callback_url: "https://pay.test/payments/callbacks/nowpayments",
      success_url: "https://gateway.test/dashboard/billing",
    });
    expect(t).toMatchObject({
      provider: "nowpayments",
      amountRequestedNano: 12_500_000_000,
      coin: "usdttrc20",
    });
    expect(t.invoiceUrl).toMatch(/^https:\/\/nowpayments\.test\/payment\//);
  });

  it("BTCPay: amount as a decimal string, order id in metadata; bitcoin only", async () => {
    const h = harness();
    const account = await newAccount();
    await newTopup(h, account, "btcpay", "30");
    const sent = h.processor.seen.find((r) => r.method === "POST")!;
    expect(sent.url).toBe(`https://btcpay.test/api/v1/stores/${testEnv.BTCPAY_STORE_ID}/invoices`);
    expect(sent.headers.authorization).toBe("token btcpay-api-key");
    expect(sent.body).toMatchObject({
      amount: "30",
      currency: "USD",
      metadata: { orderId: expect.stringMatching(/^topup_/) },
    });
    const refused = await createTopup(h.deps, input(account, { provider: "btcpay", coin: "eth" }));
    expect(refused).toMatchObject({ ok: false, reason: "invalid", message: "coin: btcpay accepts btc" });
  });

  it("refuses bad amounts, disabled processors, and a callback URL it cannot know", async () => {
    const h = harness();
    const account = await newAccount();
    for (const amountUsd of ["4.99", "10000.01", "5.001", "-5", "1e3"]) {
      expect(await createTopup(h.deps, input(account, { amountUsd }))).toMatchObject({
        ok: false,
        reason: "invalid",
      });
    }
    const noKey = harness({ ...testEnv, NOWPAYMENTS_API_KEY: "" });
    expect(await createTopup(noKey.deps, input(account))).toMatchObject({
      ok: false,
      reason: "provider_unavailable",
    });
    const noUrl = harness({ ...testEnv, PUBLIC_URL: "" });
    expect(await createTopup(noUrl.deps, input(account))).toMatchObject({
      ok: false,
      reason: "provider_unavailable",
    });
  });

  it("without PUBLIC_URL, callbacks and the dev processor's page go to the gateway's origin", async () => {
    const account = await newAccount();
    const noUrl = harness({ ...testEnv, PUBLIC_URL: "" });
    const real = await createTopup(noUrl.deps, input(account, { origin: "https://gw.example.net" }));
    expect(real).toMatchObject({ ok: true });
    expect(noUrl.processor.seen.find((r) => r.method === "POST")!.body).toMatchObject({
      ipn_callback_url: "https://gw.example.net/payments/callbacks/nowpayments",
    });
    const dev = await createTopup(
      noUrl.deps,
      input(account, { provider: "dev", origin: "http://127.0.0.1:8787" }),
    );
    expect(dev).toMatchObject({
      ok: true,
      invoiceUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:8787\/payments\/dev\/invoice\//),
    });
  });

  it("a processor that refuses leaves the top-up failed", async () => {
    const h = harness();
    const account = await newAccount();
    h.processor.failing.add("/v1/invoice");
    const result = await createTopup(h.deps, input(account));
    expect(result).toMatchObject({ ok: false, reason: "processor_error" });
    const rows = await queries.listTopups(db(), account);
    expect(rows.map((r) => r.status)).toEqual(["failed"]);
  });
});

describe("OxaPay: one track id, one payment", () => {
  it("paid → credited its USD amount; underpaid → partially paid, nothing credited", async () => {
    const h = harness();
    const account = await newAccount();
    const paid = await newTopup(h, account, "oxapay", "20");
    const under = await newTopup(h, account, "oxapay", "30");
    for (const [t, status] of [
      [paid, "Paid"],
      [under, "underpaid"],
    ] as const) {
      h.processor.oxapay.payments.get(t.providerInvoiceId!)!.status = status;
      const cb = await oxaPayCallback({
        type: "invoice",
        status,
        track_id: t.providerInvoiceId!,
        order_id: t.id,
      });
      const res = await h.post("/payments/callbacks/oxapay", cb.body, cb.headers);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe("ok");
    }
    expect(await topup(paid.id)).toMatchObject({ status: "credited", amountCreditedNano: 20_000_000_000 });
    expect(await topup(under.id)).toMatchObject({ status: "partially_paid", amountCreditedNano: 0 });
    expect((await ledger(account)).entries.map((e) => e.reference)).toEqual([
      `oxapay:${paid.providerInvoiceId}`,
    ]);
  });
});

describe("refunds", () => {
  it("a refund confirmed by the processor → one compensating refund entry", async () => {
    const h = harness();
    const account = await newAccount();
    const t = await newTopup(h, account, "oxapay", "20");
    const payment = h.processor.oxapay.payments.get(t.providerInvoiceId!)!;
    const say = async (status: string) => {
      payment.status = status;
      const cb = await oxaPayCallback({
        type: "invoice",
        status,
        track_id: payment.track_id,
        order_id: t.id,
      });
      return h.post("/payments/callbacks/oxapay", cb.body, cb.headers);
    };
    await say("paid");
    await say("refunded");
    await say("refunded");
    const book = await ledger(account);
    expect(book.balance_nano).toBe(0);
    expect(book.entries.map((e) => [e.kind, e.amount_nano]).sort()).toEqual([
      ["refund", -20_000_000_000],
      ["topup", 20_000_000_000],
    ]);
    expect((await topup(t.id)).status).toBe("refunded");
    // A stale "paid" after the refund credits nothing again.
    await say("paid");
    expect((await ledger(account)).balance_nano).toBe(0);
  });

  it("a refund the balance no longer covers debits nothing and leaves the top-up for an operator", async () => {
    const h = harness();
    const account = await newAccount();
    const t = await newTopup(h, account, "oxapay", "20");
    const payment = h.processor.oxapay.payments.get(t.providerInvoiceId!)!;
    for (const status of ["paid", "refunded"]) {
      if (status === "refunded") await adjust(account, "-15");
      payment.status = status;
      const cb = await oxaPayCallback({
        type: "invoice",
        status,
        track_id: payment.track_id,
        order_id: t.id,
      });
      expect((await h.post("/payments/callbacks/oxapay", cb.body, cb.headers)).status).toBe(200);
    }
    expect((await ledger(account)).balance_nano).toBe(5_000_000_000);
    expect((await topup(t.id)).status).toBe("credited");
  });
});
