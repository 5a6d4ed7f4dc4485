/** Cookie helpers for the dashboard: names, Set-Cookie strings and parsing. */

/**
 * `__Host-` when the request came over https: the browser then refuses the cookie unless it is
 * Secure, Path=/ and host-only (RFC 6265bis §4.1.3.2), so no subdomain can plant or shadow it.
 * Over http (local development on 127.0.0.1) the prefix would be refused, so the plain name is
 * used; the cookie is still Secure, which browsers accept on localhost and 127.0.0.1.
 */
export const cookieName = (base: string, https: boolean): string => (https ? `__Host-${base}` : base);

export const SESSION_COOKIE = "cc_session";
/** Login-form CSRF token (double-submit: there is no session yet to hold it). */
export const LOGIN_CSRF_COOKIE = "cc_login_csrf";

/**
 * A Set-Cookie value: always HttpOnly (no script reads it), Secure, SameSite=Lax (not sent on
 * cross-site POSTs) and Path=/. `maxAgeSeconds` 0 deletes the cookie.
 */
export function serializeCookie(name: string, value: string, maxAgeSeconds: number): string {
  return `${name}=${value}; Path=/; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}; HttpOnly; Secure; SameSite=Lax`;
}

/** The value of cookie `name` in a Cookie header, if present. */
export function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export const isHttps = (request: Request): boolean => new URL(request.url).protocol === "https:";
