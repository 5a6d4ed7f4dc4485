/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { randomToken } from "@cc/web-crypto";
import type { Context } from "hono";
import type { JSX } from "hono/jsx/jsx-runtime";
import type { AppEnv } from "../env.ts";
import { asGatewayError } from "../lib/errors.ts";
import { readBody } from "../lib/read-body.ts";
import {
  cookieName,
  isHttps,
  LOGIN_CSRF_COOKIE,
  readCookie,
  SESSION_COOKIE,
  serializeCookie,
} from "./auth/cookies.ts";
import { csrfTokenValid, sameOrigin } from "./auth/csrf.ts";
import { createSession, loadSession, SESSION_TTL_MS, type SessionInfo } from "./auth/session.ts";
import type { PageContext } from "./components/layout.tsx";
import { MessagePage } from "./pages/auth.tsx";

/** The dashboard's HTTP plumbing: HTML responses, redirects, sessions, forms and their guards. */

export type C = Context<AppEnv>;
export type SignedIn = PageContext & { user: { email: string; csrfToken: string } };

const FORM_MAX_BYTES = 64 * 1024;
const LOGIN_CSRF_TTL_S = 24 * 60 * 60;

// ── responses ────────────────────────────────────────────────────────────────────────────

/**
 * An HTML response with the dashboard's security headers. The CSP allows only our own inline
 * style and script, by nonce; no page is cached (they carry per-session CSRF tokens).
 */
export async function html(
  node: JSX.Element,
  ctx: PageContext,
  status = 200,
  extra: HeadersInit = {},
): Promise<Response> {
  const headers = new Headers(extra);
  headers.set("content-type", "text/html; charset=utf-8");
  headers.set(
    "content-security-policy",
    `default-src 'none'; style-src 'nonce-${ctx.nonce}'; script-src 'nonce-${ctx.nonce}'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'`,
  );
  headers.set("x-frame-options", "DENY");
  headers.set("x-content-type-options", "nosniff");
  headers.set("referrer-policy", "same-origin");
  headers.set("cache-control", "no-store");
  return new Response(`<!doctype html>${String(await node)}`, { status, headers });
}

export const redirect = (location: string, status: 302 | 303 = 303, extra: HeadersInit = {}) => {
  const headers = new Headers(extra);
  headers.set("location", location);
  headers.set("cache-control", "no-store");
  return new Response(null, { status, headers });
};

export const sessionCookieName = (c: C) => cookieName(SESSION_COOKIE, isHttps(c.req.raw));
export const clearSessionCookie = (c: C) => serializeCookie(sessionCookieName(c), "", 0);

export const baseContext = (c: C, user?: SessionInfo): PageContext => {
  const url = new URL(c.req.url);
  return {
    nonce: randomToken(16),
    path: url.pathname,
    origin: url.origin,
    ...(user ? { user: { email: user.email, csrfToken: user.csrfToken } } : {}),
  };
};

export const forbidden = (ctx: PageContext) =>
  html(
    <MessagePage
      ctx={ctx}
      title="Request refused"
      message="This form was not sent from this site, or it has expired. Reload the page and try again."
    />,
    ctx,
    403,
  );

/** `next` after login: a local dashboard or docs path only, never another site. */
export const safeNext = (next: unknown): string | undefined =>
  typeof next === "string" && /^\/(dashboard|docs)(\/[A-Za-z0-9/_-]*)?$/.test(next) ? next : undefined;

// ── wrappers ─────────────────────────────────────────────────────────────────────────────

export const currentSession = (c: C) =>
  loadSession(c.env, readCookie(c.req.header("cookie"), sessionCookieName(c)));

/** A page anyone may see; shows the signed-in nav when there is a session. */
export const publicPage =
  (handler: (c: C, ctx: PageContext) => Promise<Response>) =>
  async (c: C): Promise<Response> => {
    const lookup = await currentSession(c);
    return handler(c, baseContext(c, lookup.status === "ok" ? lookup.session : undefined));
  };

/** A page that needs a session: without a live one, the browser goes to /login (and back after). */
export const userPage =
  (handler: (c: C, ctx: SignedIn, session: SessionInfo) => Promise<Response>) =>
  async (c: C): Promise<Response> => {
    const lookup = await currentSession(c);
    if (lookup.status !== "ok") {
      const params = new URLSearchParams({ next: new URL(c.req.url).pathname });
      if (lookup.status === "expired") params.set("expired", "1");
      return redirect(
        `/login?${params}`,
        302,
        lookup.status === "expired" ? { "set-cookie": clearSessionCookie(c) } : {},
      );
    }
    return handler(c, baseContext(c, lookup.session) as SignedIn, lookup.session);
  };

export type Form = Record<string, string | File | (string | File)[]>;

/**
 * A posted form, or undefined when it is not one (refused as 403 by the callers). The body is
 * read with the proxy's capped reader: past 64 KB, declared or chunked, it is a 413 page.
 */
export async function readForm(c: C): Promise<Form | undefined> {
  const type = c.req.header("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) {
    return undefined;
  }
  const bytes = await readBody(c.req.raw, FORM_MAX_BYTES);
  let data: FormData;
  try {
    data = await new Response(bytes, { headers: { "content-type": type } }).formData();
  } catch {
    return undefined;
  }
  const form: Form = {};
  for (const [name, value] of data) {
    const seen = form[name];
    form[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return form;
}

/** The first string value of a form field. */
export const field = (form: Form, name: string): string => {
  const v = form[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === "string" ? first : "";
};
export const fields = (form: Form, name: string): string[] => {
  const v = form[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(
    (x): x is string => typeof x === "string",
  );
};

/**
 * A state-changing form post by a signed-in user. Refused with 403 unless it comes from our own
 * origin AND carries the session's CSRF token (both: the Origin check covers browsers, the token
 * covers anything that strips or forges headers). No session → /login.
 */
export const action =
  (handler: (c: C, ctx: SignedIn, session: SessionInfo, form: Form) => Promise<Response>) =>
  async (c: C): Promise<Response> => {
    const lookup = await currentSession(c);
    const session = lookup.status === "ok" ? lookup.session : undefined;
    const ctx = baseContext(c, session);
    if (!sameOrigin(c.req.raw)) return forbidden(ctx);
    if (!session) {
      return redirect(
        lookup.status === "expired" ? "/login?expired=1" : "/login",
        303,
        lookup.status === "expired" ? { "set-cookie": clearSessionCookie(c) } : {},
      );
    }
    const form = await readForm(c);
    if (!form || !csrfTokenValid(session.csrfToken, form._csrf)) return forbidden(ctx);
    return handler(c, ctx as SignedIn, session, form);
  };

// ── forms before a session exists (sign-up, login) ──────────────────────────────────────

/** The login-form CSRF token: reused from its cookie when present, so several tabs work. */
export function loginCsrf(c: C): { token: string; setCookie?: string } {
  const name = cookieName(LOGIN_CSRF_COOKIE, isHttps(c.req.raw));
  const existing = readCookie(c.req.header("cookie"), name);
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return { token: existing };
  const token = randomToken(32);
  return { token, setCookie: serializeCookie(name, token, LOGIN_CSRF_TTL_S) };
}

/** Checks origin and the double-submitted login CSRF token of a sign-up or login post. */
export async function preSessionForm(c: C): Promise<Form | undefined> {
  if (!sameOrigin(c.req.raw)) return undefined;
  const form = await readForm(c);
  const cookie = readCookie(c.req.header("cookie"), cookieName(LOGIN_CSRF_COOKIE, isHttps(c.req.raw)));
  if (!form || !csrfTokenValid(cookie, form._csrf)) return undefined;
  return form;
}

export const authHeaders = (csrf: { setCookie?: string }): HeadersInit =>
  csrf.setCookie ? { "set-cookie": csrf.setCookie } : {};

export async function startSession(
  c: C,
  user: { id: string; accountId: string },
  next: string,
): Promise<Response> {
  const { token } = await createSession(c.env, user);
  return redirect(next, 303, {
    "set-cookie": serializeCookie(sessionCookieName(c), token, SESSION_TTL_MS / 1000),
  });
}
