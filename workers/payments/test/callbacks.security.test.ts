import { createExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { app as realApp } from "../src/app.ts";
import type { PaymentsEnv } from "../src/env.ts";
import { testEnv } from "./env.ts";
import { harness, ledger, newAccount, newTopup, topup, webhookEvents } from "./helpers.ts";
import { btcPayWebhook, nowPaymentsIpn, oxaPayCallback } from "./signing.ts";

const reQueries = (h: ReturnType<typeof harness>) => h.processor.seen.filter((r) => r.method === "GET");

describe("callback authentication", () => {
  it("a bad signature → 401, nothing recorded, the processor not even asked", async () => {
    const h = harness();
    const account = await newAccount();
    const t = await newTopup(h, account, "nowpayments", "25");
    const payment = { payment_id: 77_000_001, order_id: t.id, payment_status: "finished" };
    const good = await nowPaymentsIpn(payment);
    const forged = await nowPaymentsIpn(payment, "not-the-ipn-secret");
    const tampered = good.body.replace("finished", "finishee");
    const attempts: Array<[string, Record<string, string>]> = [
      [forged.body, forged.headers],
      [tampered, good.headers],
      [good.body, { "content-type": "application/json" }],
      [good.body, { ...good.headers, "x-nowpayments-sig": "zz" }],
    ];
    for (const [body, headers] of attempts) {
      const res = await h.post("/payments/callbacks/nowpayments", body, headers);
      expect(res.status).toBe(401);
    }
    expect(reQueries(h)).toEqual([]);
    expect((await webhookEvents("nowpayments")).filter((e) => e.topup_id === t.id)).toEqual([]);
    expect(await topup(t.id)).toMatchObject({ status: "pending", amountCreditedNano: 0 });
    expect((await ledger(account)).entries).toEqual([]);
  });

  it("BTCPay, OxaPay and the dev processor refuse unsigned or mis-signed deliveries too", async () => {
    const h = harness();
    const btc = await btcPayWebhook({ deliveryId: "d-x", type: "InvoiceSettled", invoiceId: "i" }, "wrong");
    expect((await h.post("/payments/callbacks/btcpay", btc.body, btc.headers)).status).toBe(401);
    const oxa = await oxaPayCallback({ type: "invoice", status: "Paid", track_id: "1" }, "wrong");
    expect((await h.post("/payments/callbacks/oxapay", oxa.body, oxa.headers)).status).toBe(401);
    expect((await h.post("/payments/callbacks/dev", "{}", { "x-dev-signature": "00" })).status).toBe(401);
    expect(reQueries(h)).toEqual([]);
  });

  it("an unknown order → 200, logged, not retried", async () => {
    const h = harness();
    const ipn = await nowPaymentsIpn({
      payment_id: 77_000_002,
      order_id: "topup_nobody",
      payment_status: "finished",
    });
    const res = await h.post("/payments/callbacks/nowpayments", ipn.body, ipn.headers);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("ok");
    expect(reQueries(h)).toEqual([]);
    expect(await webhookEvents("nowpayments")).toContainEqual(expect.objectContaining({ topup_id: null }));
  });

  it("BTCPay: another store's invoice is not ours; a delivery id is handled once", async () => {
    const h = harness();
    const account = await newAccount();
    const t = await newTopup(h, account, "btcpay", "25");
    const base = { type: "InvoiceSettled", invoiceId: t.providerInvoiceId!, metadata: { orderId: t.id } };
    const foreign = await btcPayWebhook({ ...base, deliveryId: "dlv-foreign", storeId: "another-store" });
    expect((await h.post("/payments/callbacks/btcpay", foreign.body, foreign.headers)).status).toBe(200);
    expect(reQueries(h)).toEqual([]);

    h.processor.btcpay.invoices.get(t.providerInvoiceId!)!.status = "Processing";
    const hook = await btcPayWebhook({ ...base, deliveryId: "dlv-once", storeId: testEnv.BTCPAY_STORE_ID });
    expect((await h.post("/payments/callbacks/btcpay", hook.body, hook.headers)).status).toBe(200);
    const asked = reQueries(h).length;
    expect(asked).toBeGreaterThan(0);
    expect((await h.post("/payments/callbacks/btcpay", hook.body, hook.headers)).status).toBe(200);
    expect(reQueries(h)).toHaveLength(asked);
    expect((await topup(t.id)).status).toBe("confirming");
  });
});

describe("answers that make processors retry, or not", () => {
  it("the processor's API failing → 503 and nothing recorded; the retry then credits", async () => {
    const h = harness();
    const account = await newAccount();
    const t = await newTopup(h, account, "oxapay", "25");
    const cb = await oxaPayCallback({
      type: "invoice",
      status: "Paid",
      track_id: t.providerInvoiceId!,
      order_id: t.id,
    });
    // The processor has not caught up with its own callback yet: 404 from its API.
    const payment = h.processor.oxapay.payments.get(t.providerInvoiceId!)!;
    h.processor.oxapay.payments.delete(t.providerInvoiceId!);
    expect((await h.post("/payments/callbacks/oxapay", cb.body, cb.headers)).status).toBe(503);
    expect((await webhookEvents("oxapay")).filter((e) => e.topup_id === t.id)).toEqual([]);

    h.processor.oxapay.payments.set(t.providerInvoiceId!, { ...payment, status: "paid" });
    const res = await h.post("/payments/callbacks/oxapay", cb.body, cb.headers);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("ok");
    expect(await topup(t.id)).toMatchObject({ status: "credited", amountCreditedNano: 25_000_000_000 });
  });

  it("the gateway's RPC failing → 503 (D1 / RPC errors are worth a retry)", async () => {
    const h = harness({
      ...testEnv,
      GATEWAY: { credit: () => Promise.reject(new Error("rpc down")) } as unknown as PaymentsEnv["GATEWAY"],
    });
    const account = await newAccount();
    const t = await newTopup(h, account, "oxapay", "25");
    h.processor.oxapay.payments.get(t.providerInvoiceId!)!.status = "paid";
    const cb = await oxaPayCallback({
      type: "invoice",
      status: "paid",
      track_id: t.providerInvoiceId!,
      order_id: t.id,
    });
    expect((await h.post("/payments/callbacks/oxapay", cb.body, cb.headers)).status).toBe(503);
    expect((await topup(t.id)).status).toBe("pending");
  });

  it("a body over 64 KB is refused before it is hashed", async () => {
    const h = harness();
    const res = await h.post("/payments/callbacks/oxapay", "x".repeat(70_000), { hmac: "00" });
    expect(res.status).toBe(413);
  });

  it("a chunked body (no Content-Length) is refused once it passes 64 KB, without reading the rest", async () => {
    const h = harness();
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // 1,000 chunks of 1 KB would be 1 MB; the reader must stop just past 64.
        if (++pulled > 1000) return controller.close();
        controller.enqueue(new Uint8Array(1024).fill(0x78));
      },
    });
    const ctx = createExecutionContext();
    const res = await h.app.fetch(
      new Request("https://pay.test/payments/callbacks/oxapay", {
        method: "POST",
        headers: { hmac: "00" },
        body,
      }),
      testEnv,
      ctx,
    );
    expect(res.status).toBe(413);
    expect(await res.text()).toBe("too large");
    expect(pulled).toBeLessThan(80);
    expect(reQueries(h)).toEqual([]);
  });

  it("a signed chunked callback within the limit is handled like any other", async () => {
    const h = harness();
    const ipn = await nowPaymentsIpn({
      payment_id: 77_000_050,
      order_id: "topup_nobody",
      payment_status: "finished",
    });
    const bytes = new TextEncoder().encode(ipn.body);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7));
        controller.close();
      },
    });
    const ctx = createExecutionContext();
    const res = await h.app.fetch(
      new Request("https://pay.test/payments/callbacks/nowpayments", {
        method: "POST",
        headers: ipn.headers,
        body,
      }),
      testEnv,
      ctx,
    );
    expect(res.status).toBe(200);
    // Verified over the reassembled bytes, and recorded as received.
    const row = await testEnv.DB.prepare("SELECT topup_id FROM webhook_events WHERE body = ?")
      .bind(ipn.body)
      .first<{ topup_id: string | null }>();
    expect(row).toEqual({ topup_id: null });
  });

  it("a processor that is not configured has no callback route", async () => {
    const h = harness({ ...testEnv, OXAPAY_MERCHANT_KEY: "" });
    expect((await h.post("/payments/callbacks/oxapay", "{}", {})).status).toBe(404);
    expect((await h.post("/payments/callbacks/stripe", "{}", {})).status).toBe(404);
  });

  it('the dev processor is off unless DEV_PROCESSOR = "true": its pages and callbacks 404', async () => {
    const off = { ...testEnv, DEV_PROCESSOR: "false" };
    for (const [method, path] of [
      ["GET", "/payments/dev/invoice/devinv_x"],
      ["POST", "/payments/dev/invoice/devinv_x/pay"],
      ["POST", "/payments/callbacks/dev"],
    ] as const) {
      const res = await realApp.fetch(
        new Request(`https://pay.test${path}`, { method }),
        off,
        createExecutionContext(),
      );
      expect(res.status).toBe(404);
    }
  });
});
