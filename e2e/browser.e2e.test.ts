import { mkdirSync } from "node:fs";
import path from "node:path";
import Anthropic from "@anthropic-ai/sdk";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

// The dashboard in real headless Chromium against the stack from global-setup.ts: sign up,
// create a key, fund the account, call the API with the official SDK, find the call in the
// dashboard. Every page visited is saved to e2e/.artifacts/<name>.png (desktop and phone).

const base = inject("baseUrl");
const artifacts = path.join(import.meta.dirname, ".artifacts");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PHONE = { width: 390, height: 844 };

let browser: Browser;
let desktop: BrowserContext;
let page: Page;
const email = `e2e-${Date.now()}@example.com`;
const password = "e2e password 123";
let apiKey = "";

const shot = async (p: Page, name: string) => {
  await p.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
};

const text = async (l: Locator): Promise<string> => (await l.textContent()) ?? "";

/** The balance card's text as a number of dollars. */
const balanceOn = async (p: Page) =>
  Number((await text(p.getByTestId("balance").first())).replace(/[$,]/g, ""));

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
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
  desktop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await desktop.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
  page = await desktop.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe("dashboard in Chromium", () => {
  it("signs up and gets a Secure, HttpOnly, SameSite=Lax session cookie on http://127.0.0.1", async () => {
    await page.goto(`${base}/signup`);
    await shot(page, "desktop-signup");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel(/^Password/).fill(password);
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.waitForURL(`${base}/dashboard`);
    expect(await text(page.locator("header"))).toContain(email);
    await shot(page, "desktop-dashboard-empty");

    // Chromium keeps a Secure cookie set over http on 127.0.0.1 (a potentially trustworthy
    // origin); the __Host- prefix is used only over https.
    const session = (await desktop.cookies(base)).find((c) => c.name === "cc_session");
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax", path: "/" });

    // Keys and top-ups open once the address is confirmed: the link is in the dev outbox.
    await page.goto(`${base}/dev/outbox?to=${encodeURIComponent(email)}`);
    await page.locator("a.mail-link").first().click();
    await page.getByRole("button", { name: `Confirm ${email}` }).click();
    await page.waitForURL(`${base}/dashboard?verified=1`);
  });

  it("creates a key, shown once, and copies it with the copy button", async () => {
    await page.goto(`${base}/dashboard/keys`);
    await page.getByLabel("Name").fill("e2e laptop");
    await page.getByRole("button", { name: "Create key" }).click();
    apiKey = (await text(page.locator("#new-key-value"))).trim();
    expect(apiKey).toMatch(/^sk-cc-[0-9A-Za-z]{43}$/);
    await shot(page, "desktop-keys-created");
    // The inline script runs under the page's nonce CSP.
    await page.locator('[data-copy="new-key-value"]').click();
    await expect.poll(() => text(page.locator('[data-copy="new-key-value"]'))).toBe("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(apiKey);

    await page.goto(`${base}/dashboard/keys`);
    expect(await text(page.locator("#keys"))).toContain(`sk-cc-…${apiKey.slice(-4)}`);
    expect(await page.content()).not.toContain(apiKey);
  });

  it("tops up $20 through the dev processor: invoice, pay in full, balance rises", async () => {
    await page.goto(`${base}/dashboard/billing`);
    await shot(page, "desktop-billing-empty");
    expect(await balanceOn(page)).toBe(0);
    await page.getByLabel(/Amount in USD/).fill("20");
    await page.locator('select[name="method"]').selectOption("dev:usdttrc20");
    await page.getByRole("button", { name: "Continue to payment" }).click();
    await page.waitForURL(/\/payments\/dev\/invoice\//);
    await shot(page, "desktop-invoice");
    await page.locator("#pay-full").click();
    await page.waitForLoadState();
    await expect.poll(() => page.locator("#status").getAttribute("data-status")).toBe("paid");
    await shot(page, "desktop-invoice-paid");
    await page.locator("#back").click();
    await page.waitForURL(`${base}/dashboard/billing`);
    await expect
      .poll(
        async () => {
          await page.goto(`${base}/dashboard/billing`);
          return balanceOn(page);
        },
        { timeout: 20_000 },
      )
      .toBe(20);
    const history = await text(page.locator("#topups"));
    expect(history).toContain("credited");
    expect(history).toContain("$20.00");
    expect(await text(page.locator("#ledger"))).toContain("Top-up");
    await shot(page, "desktop-billing-funded");
  });

  it("calls the API with the official Anthropic SDK and finds the request in the dashboard", async () => {
    const client = new Anthropic({ baseURL: `${base}/api/proxy`, apiKey, maxRetries: 0 });
    const { data, response } = await client.messages
      .create({
        model: "claude-sonnet-4-6",
        max_tokens: 128,
        messages: [{ role: "user", content: "Hello from the browser test" }],
      })
      .withResponse();
    expect(data.type).toBe("message");
    const requestId = response.headers.get("request-id")!;
    expect(requestId).toMatch(/^req_/);

    await expect
      .poll(
        async () => {
          await page.goto(`${base}/dashboard`);
          return page.locator(`#requests tr[data-request-id="${requestId}"]`).count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    const row = page.locator(`#requests tr[data-request-id="${requestId}"]`);
    expect(await text(row)).toContain("claude-sonnet-4-6");
    expect(await text(row)).toContain("anthropic-messages");
    expect(await text(row)).toContain("200");
    const balance = await balanceOn(page);
    // The headline balance is rounded down to the cent: a request cost a fraction of one.
    expect(balance).toBeLessThan(20);
    expect(balance).toBeGreaterThan(19);
    expect(await page.locator("svg.chart").first().isVisible()).toBe(true);
    await shot(page, "desktop-dashboard-usage");
  });

  it("shows the docs with this deployment's URLs", async () => {
    await page.goto(`${base}/docs`);
    expect(await text(page.locator("#base-url-table"))).toContain(`${base}/api/proxy/v1`);
    await shot(page, "desktop-docs");
    await page.goto(`${base}/docs/tools`);
    await shot(page, "desktop-tools");
    await page.goto(`${base}/docs/tools/claude-code`);
    expect((await text(page.locator("#tool-base-url"))).trim()).toBe(`${base}/api/proxy`);
    await shot(page, "desktop-tool-claude-code");
    await page.goto(`${base}/docs/tools/codex`);
    expect(await text(page.locator("pre").first())).toContain(`base_url = "${base}/api/proxy/v1"`);
    await shot(page, "desktop-tool-codex");
  });

  it("reads on a 390px phone without sideways scrolling", async () => {
    const phone = await browser.newContext({
      viewport: PHONE,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      storageState: await desktop.storageState(),
    });
    const p = await phone.newPage();
    for (const [route, name] of [
      ["/dashboard", "phone-dashboard"],
      ["/dashboard/keys", "phone-keys"],
      ["/dashboard/billing", "phone-billing"],
      ["/docs", "phone-docs"],
      ["/docs/tools", "phone-tools"],
      ["/docs/tools/codex", "phone-tool-codex"],
    ] as const) {
      await p.goto(`${base}${route}`);
      expect(await p.locator("h1").isVisible()).toBe(true);
      await shot(p, name);
      // Wide tables scroll inside their own box; the page itself never does.
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    }
    await phone.close();
  });

  it("revokes the key: the SDK gets 401 at once", async () => {
    await page.goto(`${base}/dashboard/keys`);
    await page.getByRole("button", { name: "Revoke e2e laptop" }).click();
    await page.waitForURL(`${base}/dashboard/keys?revoked=1`);
    expect(await text(page.locator("#keys"))).toContain("revoked");
    await shot(page, "desktop-keys-revoked");
    const client = new Anthropic({ baseURL: `${base}/api/proxy`, apiKey, maxRetries: 0 });
    await expect(
      client.messages.create({
        model: "claude-haiku-4-5",
        max_tokens: 16,
        messages: [{ role: "user", content: "hi" }],
      }),
    ).rejects.toMatchObject({ status: 401 });
  });

  it("logs out and back in", async () => {
    await page.getByRole("button", { name: "Log out" }).click();
    await page.waitForURL(`${base}/login`);
    await shot(page, "desktop-login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Log in" }).click();
    expect((await text(page.locator(".err"))).trim()).toBe("Wrong email or password.");
    await shot(page, "desktop-login-error");
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL(`${base}/dashboard`);

    const phone = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true });
    const p = await phone.newPage();
    for (const [route, name] of [
      ["/login", "phone-login"],
      ["/signup", "phone-signup"],
    ] as const) {
      await p.goto(`${base}${route}`);
      await shot(p, name);
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    }
    await phone.close();
  });
});
