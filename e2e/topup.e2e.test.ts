import { expect, inject, it } from "vitest";

const baseUrl = inject("baseUrl");
const adminToken = inject("adminToken");

const admin = async (path: string, init: RequestInit = {}) => {
  const res = await fetch(`${baseUrl}/api/admin${path}`, {
    ...init,
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
  });
  expect(res.ok).toBe(true);
  return res.json() as Promise<Record<string, unknown>>;
};

// The dev processor's loop over HTTP against `wrangler dev` (gateway + payments Worker):
// the invoice page and its buttons are plain HTML forms, driven here as a browser would.
it("tops up $15 through the dev processor: page, pay in full, balance, ledger, reconcile", async () => {
  const { account } = (await admin("/accounts", {
    method: "POST",
    body: JSON.stringify({ name: "e2e top-up" }),
  })) as {
    account: { id: string };
  };
  const { key } = (await admin(`/accounts/${account.id}/keys`, { method: "POST", body: "{}" })) as {
    key: string;
  };

  const created = await fetch(`${baseUrl}/api/account/topups`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ amount_usd: "15", coin: "usdttrc20", provider: "dev" }),
  });
  expect(created.status).toBe(201);
  const topup = (await created.json()) as { topup_id: string; invoice_url: string; status: string };
  expect(topup.status).toBe("pending");
  expect(topup.invoice_url.startsWith(`${baseUrl}/payments/dev/invoice/`)).toBe(true);

  const page = await fetch(topup.invoice_url);
  expect(page.status).toBe(200);
  const html = await page.text();
  const action =
    /<form method="post" action="([^"]+\/pay)"><input type="hidden" name="mode" value="full">/.exec(
      html,
    )?.[1];
  expect(action).toBeDefined();

  const paid = await fetch(new URL(action!, baseUrl), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "mode=full",
    redirect: "manual",
  });
  expect(paid.status).toBe(303);
  const after = await fetch(new URL(paid.headers.get("location")!, baseUrl));
  expect(await after.text()).toContain('data-status="paid"');

  const book = (await admin(`/accounts/${account.id}/ledger`)) as {
    balance_nano: number;
    entries: Array<{ kind: string; amount_nano: number }>;
  };
  expect(book.balance_nano).toBe(15_000_000_000);
  expect(book.entries.map((e) => [e.kind, e.amount_nano])).toEqual([["topup", 15_000_000_000]]);

  const list = (await (
    await fetch(`${baseUrl}/api/account/topups`, { headers: { "x-api-key": key } })
  ).json()) as { topups: Array<{ topup_id: string; status: string }> };
  expect(list.topups).toEqual([expect.objectContaining({ topup_id: topup.topup_id, status: "credited" })]);

  expect(((await admin("/reconcile")) as { ok: boolean }).ok).toBe(true);
});
