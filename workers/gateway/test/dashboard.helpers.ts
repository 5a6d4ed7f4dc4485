import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { BASE } from "./helpers.ts";

let ipCounter = 0;

/** Undoes the HTML escaping of text and attribute values, to compare with what a user reads. */
export const unescapeHtml = (s: string): string =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The value of the first `_csrf` hidden field in a page. */
export const csrfIn = (html: string): string => {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error("no _csrf field in the page");
  return m[1]!;
};

/**
 * A browser, minus the rendering: a cookie jar, the Origin header a same-site form sends, and
 * one client IP (fresh per instance, so throttles do not leak between tests).
 */
export class Browser {
  readonly cookies = new Map<string, string>();
  readonly ip = `198.51.100.${++ipCounter % 250}`;
  constructor(readonly base = BASE) {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0 && !headers.has("cookie")) {
      headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    }
    if (!headers.has("cf-connecting-ip")) headers.set("cf-connecting-ip", this.ip);
    const res = await exports.default.fetch(`${this.base}${path}`, { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const maxAge = attrs.map((a) => a.trim()).find((a) => a.toLowerCase().startsWith("max-age="));
      if (maxAge === "Max-Age=0" || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get(path: string): Promise<Response> {
    return this.fetch(path);
  }

  /** GETs a page and returns its HTML. */
  async page(path: string): Promise<string> {
    const res = await this.get(path);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
    return res.text();
  }

  /**
   * Posts a form like the browser would: urlencoded, with our Origin. `csrf` defaults to the
   * token found on `from` (the page the form is on); null leaves it out.
   */
  async post(
    path: string,
    fields: Record<string, string | string[]>,
    options: { origin?: string | null; csrf?: string | null; from?: string } = {},
  ): Promise<Response> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
    let csrf = options.csrf;
    if (csrf === undefined) csrf = csrfIn(await this.page(options.from ?? path));
    if (csrf !== null) body.set("_csrf", csrf);
    const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
    const origin = options.origin === undefined ? new URL(this.base).origin : options.origin;
    if (origin !== null) headers.origin = origin;
    return this.fetch(path, { method: "POST", headers, body });
  }
}

export const PASSWORD = "correct horse battery";
export const newEmail = () => `user-${crypto.randomUUID().slice(0, 8)}@example.com`;

/** The emails the development mailer kept for `to`, newest first. */
export async function outbox(to: string): Promise<Array<{ subject: string; text: string; html: string }>> {
  const { results } = await env.DB.prepare(
    'SELECT subject, text, html FROM dev_outbox WHERE "to" = ? ORDER BY created_at DESC, id DESC',
  )
    .bind(to)
    .all<{ subject: string; text: string; html: string }>();
  return results;
}

/** The first link of the newest email to `to` whose subject matches. */
export async function linkInEmail(to: string, subject: RegExp): Promise<string> {
  const mail = (await outbox(to)).find((m) => subject.test(m.subject));
  const link = mail && /https?:\/\/\S+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`no email "${subject}" with a link to ${to}`);
  return link;
}

/** Opens an emailed link's page and submits its form, as the owner would: the response to the post. */
export async function followEmailLink(
  browser: Browser,
  link: string,
  fields: Record<string, string> = {},
): Promise<Response> {
  const url = new URL(link);
  const page = await browser.page(`${url.pathname}${url.search}`);
  // The link's own form (the header's logout form carries another token).
  const form = page.slice(page.indexOf(`action="${url.pathname}"`));
  const token = /name="token" value="([^"]+)"/.exec(form)?.[1];
  if (!token) throw new Error(`no token form on ${url.pathname}`);
  return browser.post(url.pathname, { token, ...fields }, { csrf: csrfIn(form) });
}

/**
 * A browser signed up (and so logged in) with a fresh account whose address is confirmed
 * through the link in the outbox (`verify: false` leaves it unconfirmed).
 */
export async function signedUp(
  email = newEmail(),
  options: { verify?: boolean } = {},
): Promise<{ browser: Browser; email: string; accountId: string }> {
  const browser = new Browser();
  const res = await browser.post("/signup", { email, password: PASSWORD });
  if (res.status !== 303) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const row = await env.DB.prepare("SELECT account_id FROM users WHERE email = ?").bind(email).first<{
    account_id: string;
  }>();
  if (options.verify !== false) {
    const done = await followEmailLink(browser, await linkInEmail(email, /Confirm your email/));
    if (done.status !== 303) throw new Error(`verification failed: ${done.status} ${await done.text()}`);
  }
  return { browser, email, accountId: row!.account_id };
}
