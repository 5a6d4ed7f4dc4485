/**
 * The site's and the dashboard's middleware, registered by path in routes.tsx and site.tsx (never
 * on "*": both routers are mounted at "/", beside the APIs). Each one ends the request itself
 * when it refuses it, so no handler checks a session or a token by hand.
 */
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { clearCookie, readCookie, SESSION_COOKIE, writeCookie } from "./auth/cookies.ts";
import { csrfTokenValid, sameOrigin } from "./auth/csrf.ts";
import { MessagePage } from "./auth/pages.tsx";
import { createSession, loadSession, SESSION_TTL_MS } from "./auth/session.ts";
import {
  baseContext,
  forbidden,
  readFormData,
  redirect,
  render,
  type SiteEnv,
  singleValue,
} from "./http.tsx";

/** Every page: who is signed in (the nav shows it), and the page's context. */
export const withSession = createMiddleware<SiteEnv>(async (c, next) => {
  const lookup = await loadSession(c.env, readCookie(c, SESSION_COOKIE));
  const session = lookup.status === "ok" ? lookup.session : undefined;
  c.set("session", session);
  c.set("sessionExpired", lookup.status === "expired");
  c.set("page", baseContext(c, session));
  await next();
});

/**
 * The dashboard's pages and forms need a live session: without one, a page goes to /login and
 * back after it (302), a form post to /login (303). An expired session's cookie is cleared.
 */
export const requireSession = createMiddleware<SiteEnv>(async (c, next) => {
  if (c.var.session) return next();
  const expired = c.var.sessionExpired;
  if (expired) clearCookie(c, SESSION_COOKIE);
  if (c.req.method === "GET") {
    const params = new URLSearchParams({ next: new URL(c.req.url).pathname });
    if (expired) params.set("expired", "1");
    return redirect(c, `/login?${params}`, 302);
  }
  return redirect(c, expired ? "/login?expired=1" : "/login", 303);
});

/**
 * A state-changing post must come from our own pages: its Origin (or, when a privacy setting
 * strips it, its Referer) is ours (auth/csrf.ts). Our own check rather than hono/csrf, which
 * has no Referer fallback and refuses with a bare text 403 where a browser needs a page.
 */
export const sameOriginPosts = createMiddleware<SiteEnv>(async (c, next) =>
  sameOrigin(c.req.raw) ? next() : forbidden(c),
);

/**
 * With a session, a post carries the session's CSRF token in `_csrf` (both checks: the origin
 * covers browsers, the token anything that strips or forges headers). Without one (a logout of
 * a session that is gone) there is nothing to protect.
 */
export const sessionCsrf = createMiddleware<SiteEnv>(async (c, next) => {
  const session = c.var.session;
  if (!session) return next();
  const form = await readFormData(c);
  if (!form || !csrfTokenValid(session.csrfToken, singleValue(form, "_csrf"))) return forbidden(c);
  await next();
});

/** Signs a user in: a new session, its cookie, and on to `next`. */
export async function startSession(
  c: Context<SiteEnv>,
  user: { id: string; accountId: string },
  next: string,
): Promise<Response> {
  const { token } = await createSession(c.env, user);
  writeCookie(c, SESSION_COOKIE, token, SESSION_TTL_MS / 1000);
  return redirect(c, next, 303);
}

/**
 * Creating keys and topping up wait until the owner has confirmed their email address (the
 * address is how they recover the account): 403 with a page that says what to do.
 */
export const requireVerified = createMiddleware<SiteEnv>(async (c, next) => {
  const session = c.var.session;
  if (!session || session.emailVerified) return next();
  const page = MessagePage({
    ctx: c.var.page,
    title: "Confirm your email address first",
    message: `Open the link we sent to ${session.email} (or send a new one from the dashboard), then try again.`,
  });
  return render(c, page, 403);
});
