import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  Browser,
  followEmailLink,
  linkInEmail,
  newEmail,
  outbox,
  PASSWORD,
  signedUp,
  unescapeHtml,
} from "./dashboard.helpers.ts";
import { callMessages, credit, eventually } from "./helpers.ts";

const logIn = async (email: string, password = PASSWORD) => {
  const browser = new Browser();
  const res = await browser.post("/login", { email, password }, { from: "/login" });
  return { browser, status: res.status };
};

describe("settings", () => {
  it("changes the password with the current one and signs out the other sessions", async () => {
    const { browser, email } = await signedUp();
    const other = await logIn(email);
    expect((await other.browser.get("/dashboard")).status).toBe(200);
    const page = unescapeHtml(await browser.page("/dashboard/settings"));
    expect(page).toContain("You are signed in here and in 1 other session");

    const wrong = await browser.post(
      "/dashboard/settings/password",
      { current: "not it at all", password: "brand new password", confirm: "brand new password" },
      { from: "/dashboard/settings" },
    );
    expect(wrong.status).toBe(401);
    expect(unescapeHtml(await wrong.text())).toContain("The current password is wrong.");
    const ok = await browser.post(
      "/dashboard/settings/password",
      { current: PASSWORD, password: "brand new password", confirm: "brand new password" },
      { from: "/dashboard/settings" },
    );
    expect(ok.headers.get("location")).toBe("/dashboard/settings?done=password");
    expect((await browser.get("/dashboard")).status).toBe(200);
    expect((await other.browser.get("/dashboard")).status).toBe(302);
    expect((await logIn(email)).status).toBe(401);
    expect((await logIn(email, "brand new password")).status).toBe(303);
  });

  it("signs out other sessions on demand", async () => {
    const { browser, email } = await signedUp();
    const other = await logIn(email);
    const res = await browser.post("/dashboard/settings/sessions", {}, { from: "/dashboard/settings" });
    expect(res.headers.get("location")).toBe("/dashboard/settings?done=sessions");
    expect((await other.browser.get("/dashboard")).status).toBe(302);
    expect(unescapeHtml(await browser.page("/dashboard/settings"))).toContain("You are signed in here only.");
  });

  it("changes the email only once the new address is confirmed, and tells the old one", async () => {
    const { browser, email, accountId } = await signedUp();
    const next = newEmail();
    const res = await browser.post(
      "/dashboard/settings/email",
      { email: next, password: PASSWORD },
      { from: "/dashboard/settings" },
    );
    expect(res.status).toBe(200);
    expect(unescapeHtml(await res.text())).toContain(`We sent a link to ${next}. Your login stays ${email}`);
    expect((await logIn(next)).status).toBe(401);
    const done = await followEmailLink(browser, await linkInEmail(next, /Confirm/));
    expect(done.headers.get("location")).toBe("/dashboard?verified=1");
    expect((await logIn(next)).status).toBe(303);
    expect((await logIn(email)).status).toBe(401);
    expect((await outbox(email))[0]!.subject).toBe("Your login email changed");
    const account = await env.DB.prepare("SELECT email FROM accounts WHERE id = ?")
      .bind(accountId)
      .first("email");
    expect(account).toBe(next);
  });

  it("deletes the account: keys refused at once, the balance written off in the ledger, the address free again", async () => {
    const { browser, email, accountId } = await signedUp();
    const created = await browser.post("/dashboard/keys", { name: "k" }, { from: "/dashboard/keys" });
    const key = /<code id="new-key-value">([^<]+)</.exec(await created.text())![1]!;
    await credit(accountId, "3");
    expect((await callMessages({ key })).status).toBe(200);

    const page = unescapeHtml(await browser.page("/dashboard/settings"));
    expect(page).toMatch(/the remaining balance of \$2\.\d\d \(\$2\.\d+\) is forfeited/);
    const unticked = await browser.post(
      "/dashboard/settings/delete",
      { confirm: "DELETE", password: PASSWORD },
      { from: "/dashboard/settings" },
    );
    expect(unescapeHtml(await unticked.text())).toContain(
      "Tick the box to confirm that the remaining balance is forfeited.",
    );
    const res = await browser.post(
      "/dashboard/settings/delete",
      { confirm: "DELETE", password: PASSWORD, forfeit: "yes" },
      { from: "/dashboard/settings" },
    );
    expect(res.headers.get("location")).toBe("/login?deleted=1");
    expect((await browser.get("/dashboard")).status).toBe(302);
    const refused = await callMessages({ key, headers: { "cf-connecting-ip": "203.0.113.120" } });
    expect(refused.status).toBe(401);
    // The ledger still sums to the balance, now zero: one write-off entry.
    const state = await env.ACCOUNTS.get(env.ACCOUNTS.idFromName(accountId)).state(accountId);
    expect(state?.balanceNano).toBe(0);
    await env.ACCOUNTS.get(env.ACCOUNTS.idFromName(accountId)).flush();
    const entries = await env.DB.prepare("SELECT kind, amount_nano, memo FROM ledger WHERE account_id = ?")
      .bind(accountId)
      .all<{ kind: string; amount_nano: number; memo: string }>();
    expect(entries.results.reduce((n, e) => n + e.amount_nano, 0)).toBe(0);
    expect(entries.results.find((e) => e.memo?.startsWith("Account deleted"))?.kind).toBe("adjustment");
    // The address can sign up again, as a new account.
    const again = await eventually(async () => (await signedUp(email).catch(() => undefined)) ?? undefined);
    expect(again.accountId).not.toBe(accountId);
  });
});
