import { mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

// The public site in real headless Chromium against the stack from global-setup.ts: the landing
// page, pricing, the tools index, two guides and the docs, at 1280 px and on a 390 px phone,
// with no sideways scrolling on the phone. Screenshots go to e2e/.artifacts/site-<width>-<name>.png.

const base = inject("baseUrl");
const artifacts = path.join(import.meta.dirname, ".artifacts");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

const PAGES = [
  ["/", "landing"],
  ["/pricing", "pricing"],
  ["/tools", "tools"],
  ["/tools/openclaw", "tool-openclaw"],
  ["/tools/claude-code", "tool-claude-code"],
  ["/docs", "docs"],
] as const;

let browser: Browser;

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
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/**
 * The page's width beyond the device's, in CSS pixels (0 when nothing overflows). Measured
 * against the viewport we set, not window.innerWidth: a mobile browser zooms out to fit a page
 * that is too wide, and innerWidth grows with it.
 */
const overflow = async (p: Page, width: number) =>
  (await p.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth))) - width;

describe.each([
  ["desktop", DESKTOP, {}],
  ["phone", PHONE, { deviceScaleFactor: 2, isMobile: true, hasTouch: true }],
] as const)("the public site on %s", (name, viewport, device) => {
  it.each(PAGES)(`%s reads without sideways scrolling (${name})`, async (route, shotName) => {
    const context = await browser.newContext({ viewport, ...device });
    const p = await context.newPage();
    const res = await p.goto(`${base}${route}`);
    expect(res?.status()).toBe(200);
    expect(await p.locator("h1").isVisible()).toBe(true);
    await p.screenshot({
      path: path.join(artifacts, `site-${viewport.width}-${shotName}.png`),
      fullPage: true,
    });
    expect(await overflow(p, viewport.width)).toBeLessThanOrEqual(0);
    await context.close();
  });
});

describe("the landing page in Chromium", () => {
  it("shows the live prices, the plans, the base URLs and a working icon", async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const p = await context.newPage();
    await p.goto(`${base}/`);
    const opus = p.locator('tr[data-model="claude-opus-5-5"]');
    expect((await opus.locator('td[data-tier="basic"]').textContent())?.trim()).toBe("$2.00 / $10.00");
    expect(await p.locator("#plan-cards").textContent()).toContain("2,000,000 tokens per minute per key");
    expect(await p.locator("#base-url-table").textContent()).toContain(`${base}/api/proxy/v1`);
    const icon = await p.request.get(`${base}${await p.locator('link[rel="icon"]').getAttribute("href")}`);
    expect(icon.status()).toBe(200);
    expect((await p.request.get(`${base}/favicon.ico`)).headers()["content-type"]).toBe("image/x-icon");
    await context.close();
  });

  it("lays the price table out as one card per model on a phone", async () => {
    const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true });
    const p = await context.newPage();
    await p.goto(`${base}/`);
    const row = p.locator('tr[data-model="claude-sonnet-4-6"]');
    expect(await row.evaluate((el) => getComputedStyle(el).display)).toBe("block");
    const box = await row.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(PHONE.width);
    await context.close();
  });

  it("answers an unknown path with a page a person can read", async () => {
    const context = await browser.newContext({ viewport: PHONE, isMobile: true });
    const p = await context.newPage();
    const res = await p.goto(`${base}/no-such-page`);
    expect(res?.status()).toBe(404);
    expect(await p.locator("h1").textContent()).toBe("Page not found");
    await p.screenshot({ path: path.join(artifacts, "site-390-not-found.png"), fullPage: true });
    expect(await overflow(p, PHONE.width)).toBeLessThanOrEqual(0);
    await context.close();
  });
});
