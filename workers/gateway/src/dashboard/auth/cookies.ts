/**
 * The dashboard's cookies, through hono/cookie: always HttpOnly (no script reads them), Secure,
 * SameSite=Lax (not sent on cross-site POSTs) and Path=/.
 *
 * Over https the name gets the `__Host-` prefix: the browser then refuses the cookie unless it
 * is Secure, Path=/ and host-only (RFC 6265bis, "The __Host- Prefix"), so no subdomain can plant
 * or shadow it. Over http (local development on 127.0.0.1) the prefix would be refused, so the
 * plain name is used; the cookie is still Secure, which browsers accept on localhost.
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { CookieOptions } from "hono/utils/cookie";

export const SESSION_COOKIE = "cc_session";
/** Login-form CSRF token (double-submit: there is no session yet to hold it). */
export const LOGIN_CSRF_COOKIE = "cc_login_csrf";

const hostPrefix = (c: Context) => (new URL(c.req.url).protocol === "https:" ? "host" : undefined);

const options = (c: Context): CookieOptions => ({
  path: "/",
  httpOnly: true,
  secure: true,
  sameSite: "Lax",
  prefix: hostPrefix(c),
});

/** The value of one of our cookies, as the request carries it. */
export const readCookie = (c: Context, name: string): string | undefined => getCookie(c, name, hostPrefix(c));

/** Sets one of our cookies on the response for `maxAgeSeconds`. */
export const writeCookie = (c: Context, name: string, value: string, maxAgeSeconds: number): void =>
  setCookie(c, name, value, { ...options(c), maxAge: Math.floor(maxAgeSeconds) });

/** Deletes one of our cookies (an empty value with Max-Age=0). */
export const clearCookie = (c: Context, name: string): void => {
  deleteCookie(c, name, options(c));
};
