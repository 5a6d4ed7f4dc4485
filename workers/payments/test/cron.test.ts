import { describe, expect, it } from "vitest";
import { requeryStale, STALE_AFTER_MS } from "../src/cron.ts";
import { makeDeps } from "../src/deps.ts";
import { devInvoiceStub } from "../src/providers/dev/index.ts";
import { testEnv } from "./env.ts";
import { harness, ledger, newAccount, newTopup, reconcileOk, topup } from "./helpers.ts";
import { nowPaymentsIpn } from "./signing.ts";

/** One run of the re-query, as the gateway's cron calls it (PaymentsRpc.requeryStale). */
const cron = (scheduledTime: number) => requeryStale(makeDeps(testEnv), scheduledTime);
const later = () => Date.now() + STALE_AFTER_MS + 60_000;

describe("the cron re-query (*/5 * * * *)", () => {
  it("credits a dev top-up whose callback was lost", async () => {
    const h = harness();
    const account = await newAccount();
    const t = await newTopup(h, account, "dev", "40");
    // The customer pays at the processor; its callback never reaches us.
    expect(
      await devInvoiceStub({ invoices: testEnv.DEV_INVOICES! }, t.providerInvoiceId!).pay("full"),
    ).toBeDefined();
    expect((await topup(t.id)).status).toBe("pending");

    // Too fresh to be stale: the scheduled run at "now" leaves it alone.
    await cron(Date.now());
    expect((await topup(t.id)).status).toBe("pending");

    await cron(later());
    expect(await topup(t.id)).toMatchObject({ status: "credited", amountCreditedNano: 40_000_000_000 });
    const book = await ledger(account);
    expect(book.balance_nano).toBe(40_000_000_000);
    expect(book.entries).toHaveLength(1);
    expect(await reconcileOk()).toBe(true);

    // A second run changes nothing.
    await cron(later());
    expect((await ledger(account)).entries).toHaveLength(1);
  });

  it("credits a NOWPayments top-up left confirming when its final IPN was lost", async () => {
    const h = harness();
    const account = await newAccount();
    const t = await newTopup(h, account, "nowpayments", "25");
    const payment = {
      payment_id: 88_000_001,
      invoice_id: Number(t.providerInvoiceId),
      order_id: t.id,
      payment_status: "confirming",
      price_amount: 25,
      price_currency: "usd",
      pay_amount: 25,
      actually_paid: 25,
      pay_currency: "usdttrc20",
    };
    h.processor.np.payments.set(String(payment.payment_id), payment);
    const ipn = await nowPaymentsIpn(payment);
    expect((await h.post("/payments/callbacks/nowpayments", ipn.body, ipn.headers)).status).toBe(200);
    expect(await topup(t.id)).toMatchObject({ status: "confirming", providerPaymentId: "88000001" });

    payment.payment_status = "finished";
    const run = await requeryStale(h.deps, later());
    expect(run.creditedNano).toBe(25_000_000_000);
    expect((await topup(t.id)).status).toBe("credited");
    expect((await ledger(account)).entries).toHaveLength(1);
  });

  it("keeps going when one processor is down", async () => {
    const h = harness();
    const account = await newAccount();
    const broken = await newTopup(h, account, "oxapay", "10");
    const fine = await newTopup(h, account, "oxapay", "20");
    h.processor.oxapay.payments.get(fine.providerInvoiceId!)!.status = "paid";
    h.processor.failing.add(`/v1/payment/${broken.providerInvoiceId}`);
    await requeryStale(h.deps, later());
    expect((await topup(fine.id)).status).toBe("credited");
    expect((await topup(broken.id)).status).toBe("pending");
  });
});
