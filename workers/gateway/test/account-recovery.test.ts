import { env, evictDurableObject } from "cloudflare:test";
import { sha256Hex } from "@cc/web-crypto";
import { describe, expect, it } from "vitest";
import {
  Browser,
  csrfIn,
  followEmailLink,
  linkInEmail,
  newEmail,
  outbox,
  PASSWORD,
  signedUp,
  unescapeHtml,
} from "./dashboard.helpers.ts";
import { eventually } from "./helpers.ts";

// Email verification at sign-up, password reset by emailed link, and the dev outbox.

const tokenOf = (link: string) => new URL(link).searchParams.get("token")!;

/** The stored row of an emailed link's token (stored by its sha256). */
const tokenRow = async (link: string) =>
  env.DB.prepare("SELECT * FROM email_tokens WHERE id = ?")
    .bind(await sha256Hex(tokenOf(link)))
    .first<{ purpose: string; created_at: number; expires_at: number; used_at: number | null }>();

const resetLink = (email: string) =>
  eventually(async () => linkInEmail(email, /Reset your password/).catch(() => undefined));

const askReset = (browser: Browser, email: string) =>
  browser.post("/forgot-password", { email }, { from: "/forgot-password" });

describe("email verification", () => {
  it("sends a link at sign-up; until it is used the account browses but cannot create keys or top up", async () => {
    const { browser, email } = await signedUp(newEmail(), { verify: false });
    const mail = (await outbox(email))[0]!;
    expect(mail.subject).toBe("Confirm your email address");
    expect(mail.text).toContain("https://gateway.test/verify-email?token=");
    expect(mail.html).toContain('href="https://gateway.test/verify-email?token=');
    const dashboard = await browser.page("/dashboard");
    expect(dashboard).toContain('id="verify-banner"');
    const keys = await browser.post("/dashboard/keys", { name: "early" }, { from: "/dashboard/keys" });
    expect(keys.status).toBe(403);
    expect(unescapeHtml(await keys.text())).toContain("Confirm your email address first");
    const topup = await browser.post(
      "/dashboard/billing/topup",
      { amount: "20", method: "dev:btc" },
      { from: "/dashboard/billing" },
    );
    expect(topup.status).toBe(403);

    const link = await linkInEmail(email, /Confirm your email/);
    // Opening the link uses nothing (mail scanners open links); the page's button does.
    await browser.page(new URL(link).pathname + new URL(link).search);
    expect((await tokenRow(link))?.used_at).toBeNull();
    const done = await followEmailLink(browser, link);
    expect(done.headers.get("location")).toBe("/dashboard?verified=1");
    expect(await browser.page("/dashboard")).not.toContain('id="verify-banner"');
    expect((await browser.post("/dashboard/keys", { name: "now" }, { from: "/dashboard/keys" })).status).toBe(
      200,
    );
    // Used once: the same link is dead now.
    const again = await new Browser().get(new URL(link).pathname + new URL(link).search);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("This link no longer works");
  });

  it("stores only the token's hash, and a new link retires the old one", async () => {
    const { browser, email } = await signedUp(newEmail(), { verify: false });
    const first = await linkInEmail(email, /Confirm/);
    const row = await tokenRow(first);
    expect(row).toMatchObject({ purpose: "verify", used_at: null });
    expect(row!.expires_at - row!.created_at).toBe(24 * 60 * 60_000);
    const raw = await env.DB.prepare("SELECT COUNT(*) AS n FROM email_tokens WHERE id = ?")
      .bind(tokenOf(first))
      .first("n");
    expect(raw).toBe(0);
    const resend = await browser.post("/dashboard/verify/resend", {}, { from: "/dashboard" });
    expect(resend.headers.get("location")).toBe("/dashboard?verification=sent");
    const links = (await outbox(email)).map((m) => /https:\S+/.exec(m.text)![0]);
    expect(links).toHaveLength(2);
    const second = links.find((l) => l !== first)!;
    const old = new URL(first);
    expect((await new Browser().get(old.pathname + old.search)).status).toBe(410);
    // Confirmed from another browser (no session there): on to the login page.
    const other = await followEmailLink(new Browser(), second);
    expect(other.headers.get("location")).toBe("/login?verified=1");
  });
});

describe("password reset", () => {
  it("answers the same whether or not the address has an account, and mails only a real one", async () => {
    const { email } = await signedUp();
    const browser = new Browser();
    const unknown = newEmail();
    const a = await askReset(browser, email);
    const b = await askReset(browser, unknown);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const strip = (html: string, address: string) =>
      unescapeHtml(html)
        .replaceAll(address, "ADDRESS")
        .replace(/name="_csrf" value="[^"]+"/g, "")
        .replace(/nonce(="|-)[^"']+/g, "");
    expect(strip(await a.text(), email)).toBe(strip(await b.text(), unknown));
    await resetLink(email);
    expect(await outbox(unknown)).toEqual([]);
  });

  it("resets by a link that works once, within an hour; every session is signed out; the new password logs in", async () => {
    const { browser: session, email } = await signedUp();
    expect((await session.get("/dashboard")).status).toBe(200);
    const browser = new Browser();
    await askReset(browser, email);
    const link = await resetLink(email);
    const row = await tokenRow(link);
    expect(row).toMatchObject({ purpose: "reset", used_at: null });
    expect(row!.expires_at - row!.created_at).toBe(60 * 60_000);

    const mismatch = await followEmailLink(browser, link, { password: "new password 123", confirm: "other" });
    expect(mismatch.status).toBe(400);
    expect(unescapeHtml(await mismatch.text())).toContain("The two passwords differ.");
    const done = await followEmailLink(browser, link, {
      password: "new password 123",
      confirm: "new password 123",
    });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/login?reset=1");
    expect((await tokenRow(link))?.used_at).not.toBeNull();
    // Used: the form posted again finds nothing.
    const reused = await browser.post(
      "/reset-password",
      { token: tokenOf(link), password: "third password 1", confirm: "third password 1" },
      { from: "/forgot-password" },
    );
    expect(reused.status).toBe(410);
    // The old session is gone; the old password no longer works; the new one does.
    expect((await session.get("/dashboard")).status).toBe(302);
    const login = new Browser();
    const old = await login.post("/login", { email, password: PASSWORD }, { from: "/login" });
    expect(old.status).toBe(401);
    const fresh = await login.post("/login", { email, password: "new password 123" }, { from: "/login" });
    expect(fresh.status).toBe(303);
  });

  it("a link asked for before the owner changed the password sets nothing after it", async () => {
    const { browser: owner, email } = await signedUp();
    const stranger = new Browser();
    await askReset(stranger, email);
    const link = await resetLink(email);
    const changed = await owner.post(
      "/dashboard/settings/password",
      { current: PASSWORD, password: "owner's new password", confirm: "owner's new password" },
      { from: "/dashboard/settings" },
    );
    expect(changed.headers.get("location")).toBe("/dashboard/settings?done=password");
    const url = new URL(link);
    expect((await stranger.get(`${url.pathname}${url.search}`)).status).toBe(410);
    const late = await stranger.post(
      "/reset-password",
      { token: tokenOf(link), password: "stranger password 1", confirm: "stranger password 1" },
      { from: "/forgot-password" },
    );
    expect(late.status).toBe(410);
    const login = new Browser();
    expect(
      (await login.post("/login", { email, password: "stranger password 1" }, { from: "/login" })).status,
    ).toBe(401);
  });

  it("refuses an expired link", async () => {
    const { email } = await signedUp();
    const browser = new Browser();
    await askReset(browser, email);
    const link = await resetLink(email);
    await env.DB.prepare("UPDATE email_tokens SET expires_at = ? WHERE id = ?")
      .bind(Date.now() - 1, await sha256Hex(tokenOf(link)))
      .run();
    const page = await browser.get(new URL(link).pathname + new URL(link).search);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("Ask for a new link");
    const post = await browser.post(
      "/reset-password",
      { token: tokenOf(link), password: "new password 123", confirm: "new password 123" },
      { csrf: csrfIn(await browser.page("/forgot-password")) },
    );
    expect(post.status).toBe(410);
  });

  it("throttles per address (silently) and per network (429)", async () => {
    const { email } = await signedUp();
    // Per address: three links an hour, whoever asks; the answer stays the same.
    for (let i = 0; i < 5; i++) expect((await askReset(new Browser(), email)).status).toBe(200);
    await eventually(async () =>
      (await outbox(email)).filter((m) => /Reset/.test(m.subject)).length >= 3 ? true : undefined,
    );
    await new Promise((r) => setTimeout(r, 100));
    expect((await outbox(email)).filter((m) => /Reset/.test(m.subject))).toHaveLength(3);
    // The hour's count outlives the throttle object's eviction (an idle object goes in minutes).
    await evictDurableObject(env.AUTH_THROTTLE.get(env.AUTH_THROTTLE.idFromName(`reset-acct:${email}`)));
    expect((await askReset(new Browser(), email)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect((await outbox(email)).filter((m) => /Reset/.test(m.subject))).toHaveLength(3);
    // Per network: ten requests an hour.
    const browser = new Browser();
    for (let i = 0; i < 10; i++) expect((await askReset(browser, newEmail())).status).toBe(200);
    const refused = await askReset(browser, newEmail());
    expect(refused.status).toBe(429);
    expect(unescapeHtml(await refused.text())).toContain("Too many reset requests from this address");
  });
});

describe("the development outbox", () => {
  it("shows every email with its links, and is not served in production", async () => {
    const { email } = await signedUp(newEmail(), { verify: false });
    const page = unescapeHtml(await new Browser().page(`/dev/outbox?to=${encodeURIComponent(email)}`));
    expect(page).toContain("Confirm your email address");
    expect(page).toMatch(/<a href="https:\/\/gateway\.test\/verify-email\?token=[^"]+" class="mail-link">/);
    const json = (await (
      await new Browser().get(`/dev/outbox.json?to=${encodeURIComponent(email)}`)
    ).json()) as {
      emails: Array<{ to: string }>;
    };
    expect(json.emails.map((m) => m.to)).toEqual([email]);

    const { default: app } = await import("../src/index.ts");
    const { createExecutionContext } = await import("cloudflare:test");
    const prod = await app.fetch(
      new Request("https://gateway.test/dev/outbox", { headers: { accept: "text/html" } }),
      { ...env, ENVIRONMENT: "production" },
      createExecutionContext(),
    );
    expect(prod.status).toBe(404);
  });
});
