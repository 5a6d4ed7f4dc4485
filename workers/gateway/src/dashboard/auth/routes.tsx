/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { queries } from "@cc/db";
import { randomToken } from "@cc/web-crypto";
import { drizzle } from "drizzle-orm/d1";
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import { newAccountId, newUserId } from "../../lib/ids.ts";
import { clientNetwork } from "../../proxy/client-ip.ts";
import {
  type C,
  firstText,
  forbidden,
  formText,
  readFormData,
  redirect,
  render,
  type SiteEnv,
  safeNext,
  singleValue,
  validForm,
} from "../http.tsx";
import { sendVerification } from "../identity/tokens.ts";
import { startSession } from "../middleware.ts";
import { clearCookie, LOGIN_CSRF_COOKIE, readCookie, SESSION_COOKIE, writeCookie } from "./cookies.ts";
import { csrfTokenValid } from "./csrf.ts";
import { LoginPage, SignupPage } from "./pages.tsx";
import {
  hashPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  verifyAgainstDecoy,
  verifyPassword,
} from "./password.ts";
import { destroySession } from "./session.ts";
import { beginLogin, beginSignup } from "./throttle.ts";

/** Sign-up, login and logout. The session and origin checks run before these (routes.tsx). */
export const auth = new Hono<SiteEnv>();

const LOGIN_CSRF_TTL_S = 24 * 60 * 60;

/** The login-form CSRF token: reused from its cookie when present, so several tabs work. */
export function loginCsrfToken(c: C): string {
  const existing = readCookie(c, LOGIN_CSRF_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = randomToken(32);
  writeCookie(c, LOGIN_CSRF_COOKIE, token, LOGIN_CSRF_TTL_S);
  return token;
}

/** A sign-up or login post carries the token of its login-CSRF cookie (double submit). */
export const loginCsrf = createMiddleware<SiteEnv>(async (c, next) => {
  const form = await readFormData(c);
  if (!form || !csrfTokenValid(readCookie(c, LOGIN_CSRF_COOKIE), singleValue(form, "_csrf"))) {
    return forbidden(c);
  }
  await next();
});

export const email = formText.transform((s) => s.trim().toLowerCase());

// ── sign-up ──────────────────────────────────────────────────────────────────────────────

export const EMAIL_INVALID = "Enter a valid email address.";
/** A new password as the sign-up, reset and settings forms take it. */
export const newPassword = formText.pipe(
  z
    .string()
    .min(MIN_PASSWORD_LENGTH, `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`)
    .max(MAX_PASSWORD_LENGTH, `The password must be at most ${MAX_PASSWORD_LENGTH} characters long.`),
);
const SignupForm = z.object({
  email: email.pipe(z.email(EMAIL_INVALID).max(254, EMAIL_INVALID)),
  password: newPassword,
});

const signupPage = (c: C, status: number, errors: string[], values: { email?: string } = {}) =>
  render(
    c,
    <SignupPage ctx={c.var.page} csrfToken={loginCsrfToken(c)} email={values.email} errors={errors} />,
    status,
  );

auth.get("/signup", (c) => (c.var.session ? redirect(c, "/dashboard", 302) : signupPage(c, 200, [])));

auth.post(
  "/signup",
  loginCsrf,
  validForm(
    () => SignupForm,
    (c, errors, fields) => signupPage(c, 400, errors, { email: email.parse(fields.email) }),
  ),
  async (c) => {
    const input = c.req.valid("form");
    // Counted before the account exists (and before "email taken" can be learned): per network.
    const gate = await beginSignup(c.env, clientNetwork(c.req.raw.headers));
    if (!gate.allowed) {
      const minutes = Math.max(1, Math.ceil(gate.retryAfterMs / 60_000));
      c.header("retry-after", String(Math.ceil(gate.retryAfterMs / 1000)));
      return signupPage(
        c,
        429,
        [`Too many sign-ups from this address. Try again in ${minutes} minutes.`],
        input,
      );
    }
    const db = drizzle(c.env.DB);
    const taken = ["An account with this email already exists. Log in instead."];
    if (await queries.findUserByEmail(db, input.email)) return signupPage(c, 409, taken, input);
    const user = { id: newUserId(), accountId: newAccountId() };
    try {
      await db.batch(
        queries.signupStatements(db, {
          accountId: user.accountId,
          userId: user.id,
          email: input.email,
          passwordHash: await hashPassword(input.password),
          now: Date.now(),
        }),
      );
    } catch (err) {
      // Two sign-ups raced for one email: the batch is atomic, the loser gets the same answer.
      if (String(err).includes("UNIQUE")) return signupPage(c, 409, taken, input);
      throw err;
    }
    // The account exists; the link may follow (a failed send: "Send a new link" on the dashboard).
    await sendVerification(c.env, c.var.page.origin, user, input.email);
    return startSession(c, user, "/dashboard");
  },
);

// ── login ────────────────────────────────────────────────────────────────────────────────

const MISSING = "Enter your email and password.";
const LoginForm = z.object({
  email: email.pipe(z.string().min(1, MISSING)),
  password: formText.pipe(z.string().min(1, MISSING).max(MAX_PASSWORD_LENGTH, MISSING)),
  next: formText,
});

const loginPage = (
  c: C,
  status: number,
  values: { email?: string; next?: string | undefined; errors?: string[]; notice?: string },
) =>
  render(
    c,
    <LoginPage
      ctx={c.var.page}
      csrfToken={loginCsrfToken(c)}
      email={values.email}
      next={values.next}
      errors={values.errors}
      notice={values.notice}
    />,
    status,
  );

/** What a redirect to the login page came to say. */
const loginNotice = (c: C): string | undefined => {
  if (c.req.query("expired")) return "Your session has expired. Please log in again.";
  if (c.req.query("reset"))
    return "Your password was changed and every session signed out. Log in with the new one.";
  if (c.req.query("verified")) return "Your email address is confirmed. Log in to continue.";
  if (c.req.query("deleted")) return "Your account was deleted.";
  return undefined;
};

auth.get("/login", (c) =>
  c.var.session
    ? redirect(c, "/dashboard", 302)
    : loginPage(c, 200, {
        next: safeNext(c.req.query("next")),
        notice: loginNotice(c),
      }),
);

auth.post(
  "/login",
  loginCsrf,
  validForm(
    () => LoginForm,
    (c, errors, fields) =>
      loginPage(c, 400, { email: email.parse(fields.email), next: safeNext(firstText(fields.next)), errors }),
  ),
  async (c) => {
    const input = c.req.valid("form");
    const next = safeNext(input.next);
    const page = (status: number, error: string) =>
      loginPage(c, status, { email: input.email, next, errors: [error] });
    // Counted before the password is checked: concurrent guesses cannot outrun the throttle.
    const gate = await beginLogin(c.env, clientNetwork(c.req.raw.headers), input.email);
    if (!gate.allowed) {
      const seconds = Math.max(1, Math.ceil(gate.retryAfterMs / 1000));
      c.header("retry-after", String(seconds));
      return page(429, `Too many failed attempts. Try again in ${seconds} seconds.`);
    }
    const user = await queries.findUserByEmail(drizzle(c.env.DB), input.email);
    // Same work and the same message for an unknown email and a wrong password.
    const ok = user
      ? await verifyPassword(input.password, user.passwordHash)
      : await verifyAgainstDecoy(input.password);
    if (!user || !ok) return page(401, "Wrong email or password.");
    await gate.succeeded();
    return startSession(c, user, next ?? "/dashboard");
  },
);

// ── logout (its origin and CSRF token are checked by the middleware) ────────────────────

auth.post("/logout", async (c) => {
  if (c.var.session) await destroySession(c.env, c.var.session.id);
  clearCookie(c, SESSION_COOKIE);
  return redirect(c, "/login", 303);
});
