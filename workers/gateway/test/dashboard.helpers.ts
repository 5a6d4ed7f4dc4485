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

/** A browser signed up (and so logged in) with a fresh account. */
export async function signedUp(
  email = newEmail(),
): Promise<{ browser: Browser; email: string; accountId: string }> {
  const browser = new Browser();
  const res = await browser.post("/signup", { email, password: PASSWORD });
  if (res.status !== 303) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const row = await env.DB.prepare("SELECT account_id FROM users WHERE email = ?").bind(email).first<{
    account_id: string;
  }>();
  return { browser, email, accountId: row!.account_id };
}
