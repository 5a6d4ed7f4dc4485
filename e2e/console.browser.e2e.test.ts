import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Anthropic from "@anthropic-ai/sdk";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

// The customer console in headless Chromium against the stack from global-setup.ts, as a new
// customer walks it: sign up → verify through the dev outbox → top up through the dev processor
// → create a key with a daily cap → spend past the cap (402) → filter usage by key → export CSV
// and compare it with the requests made → reset the password through the outbox → log in with
// the new one. Every page is saved at 1280 and 390 px (e2e/.artifacts/console-*.png), and no
// page may scroll sideways at 390 px.

const base = inject("baseUrl");
const artifacts = path.join(import.meta.dirname, ".artifacts");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

let browser: Browser;
let desktop: BrowserContext;
let page: Page;
const email = `console-${Date.now()}@example.com`;
const password = "console password 1";
const newPassword = "console password 2";
let cappedKey = "";
let cappedKeyId = "";
const madeWithCap: string[] = [];

const text = async (l: Locator): Promise<string> => (await l.textContent()) ?? "";
const shot = (p: Page, name: string) =>
  p.screenshot({ path: path.join(artifacts, `console-${name}.png`), fullPage: true });
const balanceOn = async (p: Page) =>
  Number((await text(p.getByTestId("balance").first())).replace(/[$,]/g, ""));
/** How far the page is wider than the viewport (0: no sideways scrolling). */
const overflow = (p: Page) =>
  p.evaluate(
    () => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth,
  );

/** Opens the newest outbox email to `to` whose subject matches, and follows its link. */
async function openEmailLink(p: Page, subject: RegExp) {
  await p.goto(`${base}/dev/outbox?to=${encodeURIComponent(email)}`);
  const mail = p.locator("article.mail", { has: p.getByRole("heading", { name: subject }) }).first();
  await mail.locator("a.mail-link").click();
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
    ],
  });
  desktop = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true });
  page = await desktop.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe("the customer console in Chromium", () => {
  it("signs up, and is led to confirm the address, then to top up first", async () => {
    await page.goto(`${base}/signup`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel(/^Password/).fill(password);
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.waitForURL(`${base}/dashboard`);
    expect(await text(page.locator("#verify-banner"))).toContain(email);
    await shot(page, "desktop-dashboard-unverified");
    // Unverified: the keys page offers no form, the billing page no top-up.
    await page.goto(`${base}/dashboard/keys`);
    expect(await page.getByRole("button", { name: "Create key" }).count()).toBe(0);

    await openEmailLink(page, /Confirm your email address/);
    await shot(page, "desktop-verify-email");
    await page.getByRole("button", { name: `Confirm ${email}` }).click();
    await page.waitForURL(`${base}/dashboard?verified=1`);
    expect(await page.locator("#verify-banner").count()).toBe(0);
    // The empty account's next step is a top-up, before any key.
    expect(await text(page.locator("#getting-started li.next"))).toContain("Top up your balance");
    await shot(page, "desktop-dashboard-new");
    await page.locator("#cta-topup").click();
    await page.waitForURL(`${base}/dashboard/billing#topup`);
  });

  it("tops up through the dev processor, offered with its coins only", async () => {
    const options = await page
      .locator('select[name="method"] option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toEqual(["dev:usdttrc20", "dev:usdterc20", "dev:btc", "dev:eth"]);
    await page.getByLabel(/Amount in USD/).fill("20");
    await page.locator('select[name="method"]').selectOption("dev:usdttrc20");
    await page.getByRole("button", { name: "Continue to payment" }).click();
    await page.waitForURL(/\/payments\/dev\/invoice\//);
    await page.locator("#pay-full").click();
    await expect.poll(() => page.locator("#status").getAttribute("data-status")).toBe("paid");
    await expect
      .poll(
        async () => {
          await page.goto(`${base}/dashboard/billing`);
          return balanceOn(page);
        },
        { timeout: 20_000 },
      )
      .toBe(20);
    // The plan upgrade asks first.
    await page.getByRole("link", { name: "Upgrade to Pro…" }).click();
    await page.waitForURL(`${base}/dashboard/billing/pro`);
    expect(await text(page.locator("#plan-change"))).toContain("80%");
    await shot(page, "desktop-upgrade-confirm");
  }, 60_000);

  it("creates a key with a daily cap, spends past it (402 naming the cap), and filters usage by it", async () => {
    // Another key first, so that filtering by key has something to leave out.
    await page.goto(`${base}/dashboard/keys`);
    await page.getByLabel("Name").fill("other");
    await page.getByRole("button", { name: "Create key" }).click();
    const other = (await text(page.locator("#new-key-value"))).trim();
    const client = (key: string) =>
      new Anthropic({ baseURL: `${base}/api/proxy`, apiKey: key, maxRetries: 0 });
    await client(other).messages.create({
      model: "claude-haiku-4-5",
      max_tokens: 32,
      messages: [{ role: "user", content: "from the other key" }],
    });

    await page.goto(`${base}/dashboard/keys`);
    await page.getByLabel("Name").fill("capped");
    await page.getByLabel("Per day").fill("0.01");
    await page.getByRole("button", { name: "Create key" }).click();
    cappedKey = (await text(page.locator("#new-key-value"))).trim();
    expect(cappedKey).toMatch(/^sk-cc-/);
    await shot(page, "desktop-keys-created");

    let refusal: { status?: number; message?: string } | undefined;
    for (let i = 0; i < 40 && !refusal; i++) {
      try {
        const { response } = await client(cappedKey)
          .messages.create({
            model: "claude-sonnet-4-6",
            max_tokens: 1024,
            messages: [{ role: "user", content: `capped call ${i}` }],
          })
          .withResponse();
        madeWithCap.push(response.headers.get("request-id")!);
      } catch (err) {
        refusal = err as { status?: number; message?: string };
      }
    }
    expect(madeWithCap.length).toBeGreaterThan(0);
    expect(refusal?.status).toBe(402);
    expect(refusal?.message).toContain("This API key's daily spend limit of $0.01 would be exceeded");

    await page.goto(`${base}/dashboard/keys`);
    const row = page.locator("#keys tr", { hasText: "capped" });
    cappedKeyId = (await row.getAttribute("data-key-id")) ?? "";
    expect(await text(row)).toContain("$0.01/day");
    expect(await row.locator('[data-spend="today"]').getAttribute("title")).toMatch(/^\$0\.00\d+/);
    await shot(page, "desktop-keys-spend");

    await page.goto(`${base}/dashboard/usage`);
    await page.locator('select[name="key"]').selectOption(cappedKeyId);
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/key=/);
    await expect
      .poll(async () => {
        await page.reload();
        return text(page.locator('[data-total="requests"]'));
      })
      .toBe(String(madeWithCap.length));
    const shown = await page
      .locator("#requests tbody tr")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-request-id")));
    expect(shown.sort()).toEqual([...madeWithCap].sort());
    await shot(page, "desktop-usage-by-key");
  }, 90_000);

  it("exports the selection as CSV: its rows and total are the requests made", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("#export-csv").click(),
    ]);
    const csv = readFileSync(await download.path(), "utf8");
    const [header, ...lines] = csv.trimEnd().split("\r\n");
    const columns = header!.split(",");
    const rows = lines.map((l) => l.split(","));
    const id = columns.indexOf("request_id");
    const cost = columns.indexOf("cost_usd");
    expect(rows.map((r) => r[id]).sort()).toEqual([...madeWithCap].sort());
    expect(rows.every((r) => r[columns.indexOf("key_name")] === "capped")).toBe(true);
    // Σ of the exact costs (nano-USD, as integers) equals the page's exact total.
    const nano = (usd: string) => {
      const [whole, frac = ""] = usd.replace("$", "").split(".");
      return Number(whole) * 1e9 + Number(frac.padEnd(9, "0"));
    };
    const sum = rows.reduce((n, r) => n + nano(r[cost]!), 0);
    expect(sum).toBe(nano(await text(page.locator('[data-total="cost-exact"]'))));
  });

  it("resets the password through the outbox and logs in with the new one", async () => {
    await page.goto(`${base}/dashboard/ledger`);
    await shot(page, "desktop-ledger");
    await page.getByRole("button", { name: "Log out" }).click();
    await page.waitForURL(`${base}/login`);
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send the link" }).click();
    expect(await text(page.locator("#reset-sent"))).toContain(email);
    await shot(page, "desktop-forgot-sent");
    await expect
      .poll(async () => {
        await page.goto(`${base}/dev/outbox?to=${encodeURIComponent(email)}`);
        return page.getByRole("heading", { name: "Reset your password" }).count();
      })
      .toBe(1);
    await shot(page, "desktop-outbox");
    await openEmailLink(page, /Reset your password/);
    await page.getByLabel(/^New password/).fill(newPassword);
    await page.getByLabel("The same again").fill(newPassword);
    await shot(page, "desktop-reset-password");
    await page.getByRole("button", { name: "Set the new password" }).click();
    await page.waitForURL(`${base}/login?reset=1`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Log in" }).click();
    expect((await text(page.locator(".err"))).trim()).toBe("Wrong email or password.");
    await page.getByLabel("Password").fill(newPassword);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL(`${base}/dashboard`);
  });

  it("shows every page at 1280 and 390 px; at 390 nothing scrolls sideways, the nav is a menu, tables are cards", async () => {
    const ledgerEntry = await page
      .goto(`${base}/dashboard/ledger`)
      .then(() => page.locator('#ledger tr[data-kind="topup"] a').first().getAttribute("href"));
    const routes: Array<[string, string]> = [
      ["/dashboard", "dashboard"],
      ["/dashboard/usage?range=24h", "usage-24h"],
      ["/dashboard/usage?range=30d", "usage-30d"],
      [`/dashboard/usage?range=7d&key=${cappedKeyId}`, "usage-by-key"],
      ["/dashboard/keys", "keys"],
      [`/dashboard/keys/${cappedKeyId}`, "key-edit"],
      ["/dashboard/billing", "billing"],
      ["/dashboard/billing/pro", "upgrade-confirm"],
      ["/dashboard/ledger", "ledger"],
      [ledgerEntry ?? "/dashboard/ledger", "ledger-entry"],
      ["/dashboard/settings", "settings"],
      ["/dev/outbox", "outbox"],
      ["/docs", "docs"],
      ["/tools", "tools"],
    ];
    const publicRoutes: Array<[string, string]> = [
      ["/login", "login"],
      ["/signup", "signup"],
      ["/forgot-password", "forgot-password"],
      ["/reset-password?token=expired", "reset-dead-link"],
    ];
    const phone = await browser.newContext({
      viewport: PHONE,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      storageState: await desktop.storageState(),
    });
    const anonymousPhone = await browser.newContext({
      viewport: PHONE,
      deviceScaleFactor: 2,
      isMobile: true,
    });
    const anonymousDesktop = await browser.newContext({ viewport: DESKTOP });
    const p = await phone.newPage();
    const wide: string[] = [];
    for (const [contexts, list] of [
      [[page, p], routes],
      [[await anonymousDesktop.newPage(), await anonymousPhone.newPage()], publicRoutes],
    ] as const) {
      const [d, m] = contexts;
      for (const [route, name] of list) {
        await d.goto(`${base}${route}`);
        await shot(d, `desktop-${name}`);
        await m.goto(`${base}${route}`);
        expect(await m.locator("h1").isVisible()).toBe(true);
        await shot(m, `phone-${name}`);
        if ((await overflow(m)) > 0) wide.push(route);
      }
    }
    expect(wide).toEqual([]);

    // The header folds into a menu that works.
    await p.goto(`${base}/dashboard`);
    expect(await p.locator("header > nav").isVisible()).toBe(false);
    await p.getByText("☰ Menu").click();
    await p.locator("details.menu").getByRole("link", { name: "Usage" }).click();
    await p.waitForURL(`${base}/dashboard/usage`);
    // Tables become cards that keep every field, the labels beside the values.
    const card = p.locator("#requests tbody tr").first();
    expect(await p.locator("#requests thead").isVisible()).toBe(false);
    for (const label of ["Time", "Key", "Model", "Cost", "Outcome", "Latency"])
      expect(await card.locator(`td[data-label="${label}"]`).isVisible()).toBe(true);
    // Chart labels stay legible: the phone's drawing, its text at least 11 px high on screen.
    const labelPx = await p
      .locator("svg.chart.narrow text")
      .first()
      .evaluate((t) => t.getBoundingClientRect().height);
    expect(labelPx).toBeGreaterThanOrEqual(11);
    expect(await p.locator("svg.chart.wide").first().isVisible()).toBe(false);
    await phone.close();
    await anonymousPhone.close();
    await anonymousDesktop.close();
  }, 180_000);
});
