import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { adminFetch, BASE, newAccountWithKey } from "./helpers.ts";

interface LedgerEntry {
  kind: string;
  amount_nano: number;
  reference: string;
}

const accountFetch = (key: string, path: string, init: RequestInit = {}) =>
  exports.default.fetch(`${BASE}/api/account${path}`, {
    ...init,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...init.headers },
  });

const ledger = async (accountId: string) =>
  (await (await adminFetch(`/accounts/${accountId}/ledger`)).json()) as {
    balance_nano: number;
    entries: LedgerEntry[];
  };

/** A press on one of the dev invoice page's buttons, as a browser's form post. */
const press = (invoiceUrl: string, action: "pay" | "expire", mode?: "full" | "half") =>
  exports.default.fetch(`${invoiceUrl}/${action}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: mode ? new URLSearchParams({ mode }).toString() : "",
    redirect: "manual",
  });

async function newTopup(key: string, amountUsd: string) {
  const res = await accountFetch(key, "/topups", {
    method: "POST",
    body: JSON.stringify({ amount_usd: amountUsd, coin: "usdttrc20", provider: "dev" }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { topup_id: string; invoice_url: string; status: string };
}

describe("the dev processor loop, through the account API", () => {
  it("top-up → invoice page → pay in full → balance up by exactly the amount, once → reconcile ok", async () => {
    const caller = await newAccountWithKey({ usd: "0" });
    const created = await newTopup(caller.key, "25");
    expect(created.status).toBe("pending");
    expect(created.invoice_url).toMatch(/^https:\/\/gateway\.test\/payments\/dev\/invoice\/devinv_/);

    const page = await exports.default.fetch(created.invoice_url);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain("$25.00");
    expect(html).toContain('id="pay-full"');
    expect(html).toContain('name="viewport"');

    const paid = await press(created.invoice_url, "pay", "full");
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(new URL(created.invoice_url).pathname);

    const book = await ledger(caller.accountId);
    expect(book.balance_nano).toBe(25_000_000_000);
    expect(book.entries).toHaveLength(1);
    expect(book.entries[0]).toMatchObject({ kind: "topup", amount_nano: 25_000_000_000 });
    expect(book.entries[0]!.reference).toMatch(/^dev:devpay_/);

    const list = (await (await accountFetch(caller.key, "/topups")).json()) as {
      topups: Array<{ topup_id: string; status: string; credited_usd: string }>;
    };
    expect(list.topups).toEqual([
      expect.objectContaining({ topup_id: created.topup_id, status: "credited", credited_usd: "25.00" }),
    ]);
    const after = await (await exports.default.fetch(created.invoice_url)).text();
    expect(after).toContain('data-status="paid"');

    const reconcile = (await (await adminFetch("/reconcile")).json()) as { ok: boolean };
    expect(reconcile.ok).toBe(true);
  });
});
