import { mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

// The operator console in real headless Chromium against the stack from global-setup.ts: sign
// in with the admin token, find an account, credit it with a reason, see the ledger row.
// Screenshots go to e2e/.artifacts/admin-<name>.png.

const base = inject("baseUrl");
const adminToken = inject("adminToken");
const artifacts = path.join(import.meta.dirname, ".artifacts");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const email = `ops-e2e-${Date.now()}@example.com`;

let browser: Browser;
let page: Page;
let accountId = "";

const api = async (method: string, p: string, body?: unknown) => {
  const res = await fetch(`${base}/api/admin${p}`, {
    method,
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.ok).toBe(true);
  return res.json() as Promise<Record<string, unknown>>;
};

const shot = (name: string) =>
  page.screenshot({ path: path.join(artifacts, `admin-${name}.png`), fullPage: true });

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  const created = (await api("POST", "/accounts", { name: "Console customer", email })) as {
    account: { id: string };
  };
  accountId = created.account.id;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe("the operator console in Chromium", () => {
  it("sends a stranger to the sign-in page and signs in with the admin token", async () => {
    await page.goto(`${base}/admin`);
    expect(new URL(page.url()).pathname).toBe("/admin/login");
    await page.getByLabel("Admin token").fill("wrong token");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("That is not the admin token.");

    await page.getByLabel("Admin token").fill(adminToken);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${base}/admin`);
    expect(await page.getByTestId("actor").textContent()).toContain("admin-token");
    await shot("overview");
  });

  it("finds the account and credits it with a reason: the ledger shows the entry", async () => {
    await page.getByRole("link", { name: "Accounts", exact: true }).click();
    await page.getByLabel("Search by email, name or account id").fill(email);
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("link", { name: accountId }).click();
    await page.waitForURL(`${base}/admin/accounts/${accountId}`);
    expect(await page.getByTestId("balance").textContent()).toBe("$0.00");

    await page.getByLabel("Action").selectOption("credit");
    await page.getByLabel("Amount, USD").fill("7.50");
    await page.getByLabel(/^Reason/).fill("browser goodwill credit");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(`${base}/admin/accounts/${accountId}?done=credit`);
    expect(await page.getByRole("status").textContent()).toBe("Credited: one ledger entry written.");
    expect(await page.getByTestId("balance").textContent()).toBe("$7.50");
    const row = page.getByTestId("ledger").locator("tbody tr").first();
    expect(await row.locator("td").allTextContents()).toEqual([
      expect.stringMatching(/ UTC$/),
      "adjustment",
      "$7.50",
      "$7.50",
      "browser goodwill credit",
      expect.stringMatching(/^console:[0-9a-f]{32}$/),
    ]);
    await shot("account-credited");

    const ledger = (await api("GET", `/accounts/${accountId}/ledger`)) as {
      balance_nano: number;
      entries: Array<{ kind: string; amount_nano: number; memo: string }>;
    };
    expect(ledger.balance_nano).toBe(7_500_000_000);
    expect(ledger.entries).toEqual([
      expect.objectContaining({
        kind: "adjustment",
        amount_nano: 7_500_000_000,
        memo: "browser goodwill credit",
      }),
    ]);
  });
});
