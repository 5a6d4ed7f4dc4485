import { describe, expect, it } from "vitest";
import { Browser, csrfIn, newEmail, PASSWORD, signedUp } from "./dashboard.helpers.ts";

interface Form {
  name: string;
  /** Sets up a browser on the page the form lives on; returns the form's action and fields. */
  open: () => Promise<{ browser: Browser; action: string; page: string; fields: Record<string, string> }>;
  /** Proof that the refused post changed nothing. */
  unchanged: (browser: Browser) => Promise<void>;
}

const FORMS: Form[] = [
  {
    name: "sign-up",
    open: async () => {
      const browser = new Browser();
      const email = newEmail();
      return { browser, action: "/signup", page: "/signup", fields: { email, password: PASSWORD } };
    },
    unchanged: async (browser) => expect((await browser.get("/dashboard")).status).toBe(302),
  },
  {
    name: "login",
    open: async () => {
      const { email } = await signedUp();
      return {
        browser: new Browser(),
        action: "/login",
        page: "/login",
        fields: { email, password: PASSWORD },
      };
    },
    unchanged: async (browser) => expect((await browser.get("/dashboard")).status).toBe(302),
  },
  {
    name: "logout",
    open: async () => ({ ...(await signedUp()), action: "/logout", page: "/dashboard", fields: {} }),
    unchanged: async (browser) => expect((await browser.get("/dashboard")).status).toBe(200),
  },
  {
    name: "create key",
    open: async () => ({
      ...(await signedUp()),
      action: "/dashboard/keys",
      page: "/dashboard/keys",
      fields: { name: "x" },
    }),
    unchanged: async (browser) => expect(await browser.page("/dashboard/keys")).toContain("No keys yet."),
  },
  {
    name: "revoke key",
    open: async () => {
      const { browser } = await signedUp();
      const created = await browser.post("/dashboard/keys", { name: "victim" });
      expect(created.status).toBe(200);
      const action = /action="(\/dashboard\/keys\/key_[^"]+\/revoke)"/.exec(
        await browser.page("/dashboard/keys"),
      )![1]!;
      return { browser, action, page: "/dashboard/keys", fields: {} };
    },
    unchanged: async (browser) => expect(await browser.page("/dashboard/keys")).not.toContain("revoked "),
  },
  {
    name: "top up",
    open: async () => ({
      ...(await signedUp()),
      action: "/dashboard/billing/topup",
      page: "/dashboard/billing",
      fields: { amount: "10", coin: "btc", provider: "dev" },
    }),
    unchanged: async (browser) =>
      expect(await browser.page("/dashboard/billing")).toContain("No top-ups yet."),
  },
  {
    name: "upgrade to Pro",
    open: async () => ({
      ...(await signedUp()),
      action: "/dashboard/billing/pro",
      page: "/dashboard/billing",
      fields: {},
    }),
    unchanged: async (browser) =>
      expect(await browser.page("/dashboard/billing")).toContain("Upgrade to Pro"),
  },
];

describe.each(FORMS)("CSRF: $name form", (form) => {
  it("refuses a post without the token (403)", async () => {
    const { browser, action, fields } = await form.open();
    const res = await browser.post(action, fields, { csrf: null });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("This form was not sent from this site, or it has expired.");
    await form.unchanged(browser);
  });

  it("refuses a post with a wrong token (403)", async () => {
    const { browser, action, fields } = await form.open();
    // Another session's real token is still the wrong token.
    const { browser: other } = await signedUp();
    const foreign = csrfIn(await other.page("/dashboard"));
    expect((await browser.post(action, fields, { csrf: foreign })).status).toBe(403);
    expect((await browser.post(action, fields, { csrf: "x".repeat(43) })).status).toBe(403);
    await form.unchanged(browser);
  });

  it("refuses a post from another origin, or with no Origin and no Referer (403)", async () => {
    const { browser, action, page, fields } = await form.open();
    const csrf = csrfIn(await browser.page(page));
    expect((await browser.post(action, fields, { csrf, origin: "https://evil.example" })).status).toBe(403);
    expect((await browser.post(action, fields, { csrf, origin: "http://gateway.test" })).status).toBe(403);
    expect((await browser.post(action, fields, { csrf, origin: null })).status).toBe(403);
    await form.unchanged(browser);
  });
});

describe("other protections", () => {
  it("a user cannot revoke another account's key", async () => {
    const { browser: owner } = await signedUp();
    await owner.post("/dashboard/keys", { name: "mine" });
    const action = /action="(\/dashboard\/keys\/key_[^"]+\/revoke)"/.exec(
      await owner.page("/dashboard/keys"),
    )![1]!;
    const { browser: intruder } = await signedUp();
    const res = await intruder.post(action, {}, { from: "/dashboard/keys" });
    expect(res.status).toBe(404);
    expect(await owner.page("/dashboard/keys")).not.toContain("revoked ");
  });

  it("sends pages with a nonce CSP, no framing and no caching", async () => {
    const { browser } = await signedUp();
    for (const path of [
      "/dashboard",
      "/dashboard/keys",
      "/dashboard/billing",
      "/docs",
      "/",
      "/pricing",
      "/tools",
      "/tools/codex",
    ]) {
      const res = await browser.get(path);
      const html = await res.text();
      const csp = res.headers.get("content-security-policy")!;
      const nonce = /script-src 'nonce-([^']+)'/.exec(csp)![1]!;
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(html).toContain(`<style nonce="${nonce}">`);
      expect(html).toContain(`<script nonce="${nonce}">`);
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    }
  });

  it("escapes what users type", async () => {
    const { browser } = await signedUp();
    const res = await browser.post("/dashboard/keys", { name: "<script>alert(1)</script>" });
    const html = await res.text();
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("keeps the API's JSON errors for unknown API paths", async () => {
    const res = await new Browser().get("/api/proxy/v1/nope");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.headers.get("content-security-policy")).toBeNull();
  });
});
