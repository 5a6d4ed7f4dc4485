import { describe, expect, it } from "vitest";
import type { NpPayment } from "./fake-processor.ts";
import { harness, ledger, newAccount, newTopup, reconcileOk, topup } from "./helpers.ts";
import { btcPayWebhook, nowPaymentsIpn } from "./signing.ts";

let nextPaymentId = 5_000_000;
const NP_PATH = "/payments/callbacks/nowpayments";

/** What NOWPayments knows about a payment of this top-up (defaults: paid in full). */
function npPayment(
  t: { id: string; providerInvoiceId: string | null },
  over: Partial<NpPayment> = {},
): NpPayment {
  return {
    payment_id: ++nextPaymentId,
    invoice_id: Number(t.providerInvoiceId),
    order_id: t.id,
    payment_status: "finished",
    price_amount: 25,
    price_currency: "usd",
    pay_amount: 25.2,
    actually_paid: 25.2,
    pay_currency: "usdttrc20",
    ...over,
  };
}

/** The processor's state changes, and it sends the matching IPN. */
async function npSays(h: ReturnType<typeof harness>, p: NpPayment, extra: Record<string, string> = {}) {
  h.processor.np.payments.set(String(p.payment_id), p);
  const ipn = await nowPaymentsIpn({
    ...p,
    ...extra,
    fee: { currency: "trx", depositFee: 0.1, serviceFee: 0 },
  });
  return () => h.post(NP_PATH, ipn.body, ipn.headers);
}

describe("exactly-once crediting", () => {
  it("100 replays of a final callback (and variants of it) → one credit", async () => {
    const h = harness();
    const account = await newAccount();
    const t = await newTopup(h, account, "nowpayments", "25");
    const deliver = await npSays(h, npPayment(t));
    for (let i = 0; i < 100; i++) {
      const res = await deliver();
      expect(res.status).toBe(200);
      expect(await res.text()).toBe("ok");
    }
    // Re-sent notifications whose bytes differ still name the same payment.
    const p = h.processor.np.payments.get(String(nextPaymentId))!;
    for (let i = 0; i < 5; i++)
      expect((await (await npSays(h, p, { updated_at: `t${i}` }))()).status).toBe(200);

    const book = await ledger(account);
    expect(book.balance_nano).toBe(25_000_000_000);
    expect(book.entries).toEqual([
      expect.objectContaining({
        kind: "topup",
        amount_nano: 25_000_000_000,
        reference: `nowpayments:${p.payment_id}`,
      }),
    ]);
    expect(await topup(t.id)).toMatchObject({ status: "credited", amountCreditedNano: 25_000_000_000 });
    expect(await reconcileOk()).toBe(true);
  });

  it("a final callback before the confirming one: the late confirming changes nothing", async () => {
    const h = harness();
    const account = await newAccount();
    const t = await newTopup(h, account, "nowpayments", "25");
    const p = npPayment(t);
    expect((await (await npSays(h, p))()).status).toBe(200);
    expect((await topup(t.id)).status).toBe("credited");
    // The confirming IPN arrives late, and the processor's API still answers "confirming" too.
    const late = await npSays(h, { ...p, payment_status: "confirming", actually_paid: 0 });
    expect((await late()).status).toBe(200);
    expect(await topup(t.id)).toMatchObject({ status: "credited", amountCreditedNano: 25_000_000_000 });
    expect((await ledger(account)).entries).toHaveLength(1);
  });

  it("two callbacks for the same payment at once → one credit", async () => {
    const h = harness();
    const account = await newAccount();
    const t = await newTopup(h, account, "nowpayments", "25");
    const p = npPayment(t);
    const a = await npSays(h, p);
    const b = await npSays(h, p, { note: "re-sent" });
    const answers = await Promise.all([a(), b(), a(), b(), a(), b(), a(), b()]);
    expect(answers.map((r) => r.status)).toEqual(Array(8).fill(200));
    const book = await ledger(account);
    expect(book.balance_nano).toBe(25_000_000_000);
    expect(book.entries).toHaveLength(1);
    expect((await topup(t.id)).amountCreditedNano).toBe(25_000_000_000);
  });

  it("partial payment then the rest: two payment ids, two credits summing to the total, ends credited", async () => {
    const h = harness();
    const account = await newAccount();
    const t = await newTopup(h, account, "nowpayments", "25");
    const first = npPayment(t, { payment_status: "partially_paid", pay_amount: 25, actually_paid: 12.5 });
    await (await npSays(h, first))();
    expect(await topup(t.id)).toMatchObject({ status: "partially_paid", amountCreditedNano: 12_500_000_000 });
    // A repeated deposit: its own payment id, linked to the first (NOWPayments' repeated deposits).
    const rest = npPayment(t, {
      parent_payment_id: first.payment_id,
      price_amount: 12.5,
      pay_amount: 12.5,
      actually_paid: 12.5,
    });
    await (await npSays(h, rest))();
    expect(await topup(t.id)).toMatchObject({ status: "credited", amountCreditedNano: 25_000_000_000 });
    const book = await ledger(account);
    expect(book.entries.map((e) => [e.reference, e.amount_nano]).sort()).toEqual([
      [`nowpayments:${first.payment_id}`, 12_500_000_000],
      [`nowpayments:${rest.payment_id}`, 12_500_000_000],
    ]);
    expect(book.balance_nano).toBe(25_000_000_000);
  });

  it("BTCPay: a partial payment and the rest are two settled payments, two credits; fees are the payer's", async () => {
    const h = harness();
    const account = await newAccount();
    const t = await newTopup(h, account, "btcpay", "25");
    const invoice = h.processor.btcpay.invoices.get(t.providerInvoiceId!)!;
    const payments = [{ id: "tx1-0", value: "0.00025", fee: "0", status: "Settled" }];
    h.processor.btcpay.methods.set(invoice.id, [{ rate: "50000", payments }]);
    const hook = (type: string, deliveryId: string) =>
      btcPayWebhook({
        deliveryId,
        type,
        storeId: invoice.storeId,
        invoiceId: invoice.id,
        metadata: { orderId: t.id },
      });
    let w = await hook("InvoiceReceivedPayment", "dlv1");
    expect((await h.post("/payments/callbacks/btcpay", w.body, w.headers)).status).toBe(200);
    expect(await topup(t.id)).toMatchObject({ status: "confirming", amountCreditedNano: 12_500_000_000 });

    payments.push({ id: "tx2-1", value: "0.00025201", fee: "0.00000201", status: "Settled" });
    invoice.status = "Settled";
    w = await hook("InvoiceSettled", "dlv2");
    expect((await h.post("/payments/callbacks/btcpay", w.body, w.headers)).status).toBe(200);
    expect(await topup(t.id)).toMatchObject({ status: "credited", amountCreditedNano: 25_000_000_000 });
    const refs = (await ledger(account)).entries.map((e) => e.reference).sort();
    expect(refs).toEqual(["btcpay:tx1-0", "btcpay:tx2-1"]);
  });
});

describe("wrong currency or amount (README: top-up policy)", () => {
  it("an over-payment is credited as received, once", async () => {
    const h = harness();
    const account = await newAccount();
    const t = await newTopup(h, account, "nowpayments", "25");
    const deliver = await npSays(h, npPayment(t, { pay_amount: 25, actually_paid: 30 }));
    await deliver();
    await deliver();
    const book = await ledger(account);
    expect(book.entries.map((e) => e.amount_nano)).toEqual([30_000_000_000]);
    expect((await topup(t.id)).status).toBe("credited");
  });

  it("a payment priced in another currency is never credited, and answered 200 (not retried)", async () => {
    const h = harness();
    const account = await newAccount();
    const t = await newTopup(h, account, "nowpayments", "25");
    const res = await (await npSays(h, npPayment(t, { price_currency: "eur" })))();
    expect(res.status).toBe(200);
    expect((await ledger(account)).entries).toEqual([]);
    expect(await topup(t.id)).toMatchObject({ status: "pending", amountCreditedNano: 0 });
  });

  it("a payment whose processor record names another order is never credited to this one", async () => {
    const h = harness();
    const account = await newAccount();
    const t = await newTopup(h, account, "nowpayments", "25");
    const other = await newTopup(h, account, "nowpayments", "50");
    // The IPN names t; the processor's own record says it belongs to `other`.
    const p = npPayment(t);
    const ipn = await nowPaymentsIpn({ ...p });
    h.processor.np.payments.set(String(p.payment_id), {
      ...p,
      order_id: other.id,
      invoice_id: Number(other.providerInvoiceId),
    });
    expect((await h.post(NP_PATH, ipn.body, ipn.headers)).status).toBe(200);
    expect((await ledger(account)).entries).toEqual([]);
    expect((await topup(t.id)).status).toBe("pending");
  });
});
