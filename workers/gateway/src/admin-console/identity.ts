import { hmacHex, timingSafeEqual } from "@cc/web-crypto";
import { isDevelopment } from "../config/environment.ts";
import { type Actor, ADMIN_TOKEN_ACTOR } from "../operator/audit.ts";
import { ACCESS_JWT_HEADER, AccessDenied, type JwksSource, verifyAccessJwt } from "./access-jwt.ts";

/** The local sign-in's cookie: `<expires ms>.<hex HMAC-SHA256(ADMIN_TOKEN, "cc-admin-console:" + expires)>`. */
export const ADMIN_COOKIE = "cc_admin";
export const ADMIN_SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export type ConsoleIdentity =
  | { kind: "actor"; actor: Actor }
  /** No identity yet, and the admin token may sign in (not production). */
  | { kind: "sign-in" }
  /** Refused, with the reason shown to the operator. */
  | { kind: "denied"; reason: string };

const accessConfigured = (env: Env) => Boolean(env.ACCESS_TEAM_DOMAIN?.trim() && env.ACCESS_AUD?.trim());

/** May the admin token sign in? Only in development, and only when one is set. */
export const tokenSignInAllowed = (env: Env) => isDevelopment(env) && Boolean(env.ADMIN_TOKEN);

/** A fresh local console session for the admin token. */
export async function adminSessionCookieValue(env: Env, now: number): Promise<string> {
  const expires = now + ADMIN_SESSION_TTL_MS;
  return `${expires}.${await hmacHex("SHA-256", env.ADMIN_TOKEN, `cc-admin-console:${expires}`)}`;
}

async function adminSessionValid(env: Env, value: string | undefined, now: number): Promise<boolean> {
  const m = /^(\d{13})\.([0-9a-f]{64})$/.exec(value ?? "");
  if (!m || Number(m[1]) <= now) return false;
  // Signed with the token itself: rotating ADMIN_TOKEN ends every local session.
  return timingSafeEqual(m[2]!, await hmacHex("SHA-256", env.ADMIN_TOKEN, `cc-admin-console:${m[1]}`));
}

/**
 * Who is asking for the console. With Cloudflare Access configured (ACCESS_TEAM_DOMAIN and
 * ACCESS_AUD), the request's Access JWT decides; in production nothing else can. Outside
 * production, without an Access JWT, the admin token's signed cookie (from /admin/login) does.
 */
export async function consoleIdentity(
  env: Env,
  request: Request,
  cookie: string | undefined,
  jwks: JwksSource,
  now: number,
): Promise<ConsoleIdentity> {
  const jwt = request.headers.get(ACCESS_JWT_HEADER);
  if (accessConfigured(env) && (jwt || !isDevelopment(env))) {
    if (!jwt)
      return {
        kind: "denied",
        reason: "Sign in through Cloudflare Access: this request did not come through it.",
      };
    try {
      const who = await verifyAccessJwt(
        jwt,
        { teamDomain: env.ACCESS_TEAM_DOMAIN, audience: env.ACCESS_AUD },
        jwks,
        now,
      );
      return { kind: "actor", actor: { id: who.email, via: "access" } };
    } catch (err) {
      const reason = err instanceof AccessDenied ? err.message : "the token could not be checked";
      return { kind: "denied", reason: `Cloudflare Access token refused: ${reason}.` };
    }
  }
  if (!isDevelopment(env))
    return {
      kind: "denied",
      reason:
        "The operator console is not configured: set ACCESS_TEAM_DOMAIN and ACCESS_AUD (README, Operator console).",
    };
  if (!tokenSignInAllowed(env)) return { kind: "denied", reason: "ADMIN_TOKEN is not set." };
  if (await adminSessionValid(env, cookie, now)) return { kind: "actor", actor: ADMIN_TOKEN_ACTOR };
  return { kind: "sign-in" };
}
