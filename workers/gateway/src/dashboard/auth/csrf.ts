import { timingSafeEqual } from "@cc/web-crypto";

/**
 * Whether a state-changing request comes from our own pages. The Origin header is sent by every
 * current browser on POST (Fetch standard, "append a request Origin header"); when a privacy
 * setting strips it, the Referer's origin is used instead. A request with neither is refused:
 * forms on our pages always send one of them (OWASP CSRF cheat sheet, "Verifying origin with
 * standard headers").
 */
export function sameOrigin(request: Request): boolean {
  const own = new URL(request.url).origin;
  const origin = request.headers.get("origin");
  if (origin !== null) return origin === own;
  const referer = request.headers.get("referer");
  if (!referer) return false;
  try {
    return new URL(referer).origin === own;
  } catch {
    return false;
  }
}

/** The form's `_csrf` field against the expected token, in constant time. */
export function csrfTokenValid(expected: string | undefined, presented: unknown): boolean {
  if (!expected || typeof presented !== "string" || presented.length === 0) return false;
  return timingSafeEqual(expected, presented);
}
