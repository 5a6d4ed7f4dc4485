import { describe, expect, it } from "vitest";
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
    expect(book.entries.map((e) => e.amountNano)).toEqual([12_500_000_000, 12_500_000_000]);
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
