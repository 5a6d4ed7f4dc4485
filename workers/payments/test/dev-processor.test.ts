import { hmacHex, utf8 } from "@cc/web-crypto";
import { describe, expect, it } from "vitest";
import { DEV_SIGNATURE_HEADER, devInvoiceStub, devProcessorFor } from "../src/providers/dev/index.ts";
import { createTopup } from "../src/topups/create.ts";
import { testEnv } from "./env.ts";
import { harness, ledger, newAccount, newTopup, topup } from "./helpers.ts";

/** The dev processor's invoice page and its three buttons, as a browser uses them. */
function page(h: ReturnType<typeof harness>, invoiceUrl: string) {
  const path = new URL(invoiceUrl).pathname;
  const get = async () => {
    const res = await h.app.fetch(new Request(`https://gateway.test${path}`), testEnv);
    return { status: res.status, html: await res.text() };
  };
  const press = async (action: "pay" | "expire", mode?: "full" | "half") => {
    const body = mode ? new URLSearchParams({ mode }).toString() : "";
    const res = await h.post(`${path}/${action}`, body, {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(path);
  };
  return { get, press };
}

describe("the dev processor", () => {
  it("pay half, then the rest: two payments, two credits, credited", async () => {
    const h = harness();
    const account = await newAccount();
    const t = await newTopup(h, account, "dev", "25");
    const p = page(h, t.invoiceUrl!);
    const first = await p.get();
    expect(first.status).toBe(200);
    expect(first.html).toContain('data-status="waiting"');
    expect(first.html).toContain("Pay partially (half)");

    await p.press("pay", "half");
    expect(await topup(t.id)).toMatchObject({ status: "partially_paid", amountCreditedNano: 12_500_000_000 });
    expect((await p.get()).html).toContain('data-status="partially_paid"');

    await p.press("pay", "full");
    expect(await topup(t.id)).toMatchObject({ status: "credited", amountCreditedNano: 25_000_000_000 });
    const book = await ledger(account);
    expect(book.entries.map((e) => e.amount_nano)).toEqual([12_500_000_000, 12_500_000_000]);
    expect(new Set(book.entries.map((e) => e.reference)).size).toBe(2);

    // Nothing is due any more: pressing again pays nothing.
    expect((await p.get()).html).toMatch(/id="pay-full" type="submit" disabled/);
    await p.press("pay", "full");
    expect((await ledger(account)).balance_nano).toBe(25_000_000_000);
  });

  it("let it expire, then a late payment still credits", async () => {
    const h = harness();
    const account = await newAccount();
    const t = await newTopup(h, account, "dev", "10");
    const p = page(h, t.invoiceUrl!);
    await p.press("expire");
    expect(await topup(t.id)).toMatchObject({ status: "expired", amountCreditedNano: 0 });
    expect((await p.get()).html).toContain('data-status="expired"');
    await p.press("pay", "full");
    expect(await topup(t.id)).toMatchObject({ status: "credited", amountCreditedNano: 10_000_000_000 });
  });

  it("an unknown invoice is a 404", async () => {
    const h = harness();
    expect((await page(h, "https://gateway.test/payments/dev/invoice/devinv_nope").get()).status).toBe(404);
  });
});

describe("the dev processor in production", () => {
  const production = { ...testEnv, ENVIRONMENT: "production" };

  it("refuses to load even when the config turns it on", () => {
    expect(production.DEV_PROCESSOR).toBe("true");
    expect(devProcessorFor(testEnv)?.id).toBe("dev");
    expect(devProcessorFor(production)).toBeUndefined();
    // Nor anywhere that is not named development: a staging deployment, a typo.
    expect(devProcessorFor({ ...testEnv, ENVIRONMENT: "staging" })).toBeUndefined();
    expect(devProcessorFor({ ...testEnv, ENVIRONMENT: "developement" })).toBeUndefined();
  });

  it("creates no invoice, serves no page and takes no signed callback: nothing is credited", async () => {
    const account = await newAccount();
    // An invoice opened while the dev processor ran (a development config), then production.
    const t = await newTopup(harness(), account, "dev", "15");
    const h = harness(production);
    const invoicePath = new URL(t.invoiceUrl!).pathname;

    const created = await createTopup(h.deps, {
      accountId: account,
      amountUsd: "15",
      coin: "usdttrc20",
      provider: "dev",
      returnUrl: "https://gateway.test/dashboard/billing",
      origin: "https://gateway.test",
    });
    expect(created).toMatchObject({ ok: false, reason: "provider_unavailable" });

    expect((await h.app.fetch(new Request(`https://gateway.test${invoicePath}`), production)).status).toBe(
      404,
    );
    const pay = await h.post(`${invoicePath}/pay`, "mode=full", {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(pay.status).toBe(404);

    // A callback signed with the (public) dev secret, as an attacker could forge it.
    await devInvoiceStub({ invoices: testEnv.DEV_INVOICES! }, t.providerInvoiceId!).pay("full");
    const body = JSON.stringify({
      delivery_id: "devdlv_forged",
      invoice_id: t.providerInvoiceId,
      order_id: t.id,
      payment_id: null,
    });
    const signature = await hmacHex("SHA-256", testEnv.DEV_PROCESSOR_SECRET!, utf8(body));
    const callback = await h.post("/payments/callbacks/dev", body, {
      "content-type": "application/json",
      [DEV_SIGNATURE_HEADER]: signature,
    });
    expect(callback.status).toBe(404);
    expect(await topup(t.id)).toMatchObject({ status: "pending", amountCreditedNano: 0 });
    expect((await ledger(account)).entries).toEqual([]);
  });
});
