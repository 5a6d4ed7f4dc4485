/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { identityQueries, queries } from "@cc/db";
import { drizzle } from "drizzle-orm/d1";
import { Hono } from "hono";
import { z } from "zod";
import { sendEmail } from "../../mail/mailer.ts";
import { emailChangedNotice } from "../../mail/templates.ts";
import { clientNetwork } from "../../proxy/client-ip.ts";
import { MessagePage } from "../auth/pages.tsx";
import { hashPassword } from "../auth/password.ts";
import { EMAIL_INVALID, email, loginCsrf, loginCsrfToken, newPassword } from "../auth/routes.tsx";
import {
  type C,
  firstText,
  formText,
  readFormData,
  redirect,
  render,
  type SiteEnv,
  validForm,
} from "../http.tsx";
import { attempt, RESETS_PER_ADDRESS, RESETS_PER_NETWORK, sendPasswordReset, tokenId } from "./index.ts";
import { DeadLinkPage, ForgotPasswordPage, ResetPasswordPage, VerifyEmailPage } from "./pages.tsx";

/**
 * The emailed links: address verification (/verify-email) and password reset (/forgot-password,
 * /reset-password). Each link shows a page whose form uses the token (a POST): a mail scanner
 * that opens the link uses nothing. Signed in or not; origin and form CSRF are checked.
 */
export const identity = new Hono<SiteEnv>();

// ── verification ─────────────────────────────────────────────────────────────────────────

identity.get("/verify-email", async (c) => {
  const token = c.req.query("token");
  const id = await tokenId(token);
  const row = id && (await identityQueries.peekEmailToken(drizzle(c.env.DB), id, "verify", Date.now()));
  if (!row || !token) return render(c, <DeadLinkPage ctx={c.var.page} purpose="verify" />, 410);
  return render(
    c,
    <VerifyEmailPage ctx={c.var.page} csrfToken={loginCsrfToken(c)} token={token} email={row.email} />,
  );
});

identity.post("/verify-email", loginCsrf, async (c) => {
  const form = await readFormData(c);
  const id = await tokenId(firstText(form?.get("token") ?? undefined));
  const db = drizzle(c.env.DB);
  const now = Date.now();
  const row = id && (await identityQueries.consumeEmailToken(db, id, "verify", now));
  if (!row) return render(c, <DeadLinkPage ctx={c.var.page} purpose="verify" />, 410);
  const user = await identityQueries.getUser(db, row.userId);
  if (!user) return render(c, <DeadLinkPage ctx={c.var.page} purpose="verify" />, 410);
  const taken = () =>
    render(
      c,
      <MessagePage
        ctx={c.var.page}
        title="Address taken"
        message={`Another account now uses ${row.email}. Your login stays ${user.email}.`}
      />,
      409,
    );
  if (await identityQueries.emailTakenByOther(db, row.email, user.id)) return taken();
  try {
    await db.batch(identityQueries.verifyEmailStatements(db, user, row.email, now));
  } catch (err) {
    if (String(err).includes("UNIQUE")) return taken();
    throw err;
  }
  // A change of login: the old address hears of it (it may not have been its owner's doing),
  // and a reset link sent to it no longer opens the account.
  if (row.email !== user.email) {
    await identityQueries.retireEmailTokens(db, user.id, "reset", now);
    await sendEmail(c.env, "email-changed", emailChangedNotice(user.email, row.email));
  }
  const signedIn = c.var.session?.userId === user.id;
  return redirect(c, signedIn ? "/dashboard?verified=1" : "/login?verified=1");
});

// ── password reset ─────────────────────────────────────────────────────────────────────────

const ForgotForm = z.object({ email: email.pipe(z.email(EMAIL_INVALID).max(254, EMAIL_INVALID)) });

identity.get("/forgot-password", (c) =>
  render(
    c,
    <ForgotPasswordPage ctx={c.var.page} csrfToken={loginCsrfToken(c)} email={c.req.query("email")} />,
  ),
);

identity.post(
  "/forgot-password",
  loginCsrf,
  validForm(
    () => ForgotForm,
    (c, errors, fields) =>
      render(
        c,
        <ForgotPasswordPage
          ctx={c.var.page}
          csrfToken={loginCsrfToken(c)}
          email={firstText(fields.email)}
          errors={errors}
        />,
        400,
      ),
  ),
  async (c) => {
    const { email: address } = c.req.valid("form");
    const wait = await attempt(c.env, `reset-ip:${clientNetwork(c.req.raw.headers)}`, RESETS_PER_NETWORK);
    if (wait !== undefined) {
      const minutes = Math.max(1, Math.ceil(wait / 60_000));
      c.header("retry-after", String(Math.ceil(wait / 1000)));
      return render(
        c,
        <ForgotPasswordPage
          ctx={c.var.page}
          csrfToken={loginCsrfToken(c)}
          email={address}
          errors={[`Too many reset requests from this address. Try again in ${minutes} minutes.`]}
        />,
        429,
      );
    }
    // The same page, at the same speed, whether or not the address has an account: the lookup
    // and the email happen after the answer. An address asked for too often gets no more mail.
    c.executionCtx.waitUntil(resetInBackground(c, address));
    return render(
      c,
      <ForgotPasswordPage ctx={c.var.page} csrfToken={loginCsrfToken(c)} email={address} sent />,
    );
  },
);

async function resetInBackground(c: C, address: string): Promise<void> {
  if ((await attempt(c.env, `reset-acct:${address}`, RESETS_PER_ADDRESS)) !== undefined) return;
  const user = await queries.findUserByEmail(drizzle(c.env.DB), address);
  if (user) await sendPasswordReset(c.env, c.var.page.origin, user);
}

identity.get("/reset-password", async (c) => {
  const token = c.req.query("token");
  const id = await tokenId(token);
  const row = id && (await identityQueries.peekEmailToken(drizzle(c.env.DB), id, "reset", Date.now()));
  if (!row || !token) return render(c, <DeadLinkPage ctx={c.var.page} purpose="reset" />, 410);
  return render(c, <ResetPasswordPage ctx={c.var.page} csrfToken={loginCsrfToken(c)} token={token} />);
});

const ResetForm = z
  .object({ token: formText, password: newPassword, confirm: formText })
  .refine((f) => f.password === f.confirm, "The two passwords differ.");

identity.post(
  "/reset-password",
  loginCsrf,
  validForm(
    () => ResetForm,
    (c, errors, fields) =>
      render(
        c,
        <ResetPasswordPage
          ctx={c.var.page}
          csrfToken={loginCsrfToken(c)}
          token={firstText(fields.token)}
          errors={errors}
        />,
        400,
      ),
  ),
  async (c) => {
    const input = c.req.valid("form");
    const db = drizzle(c.env.DB);
    const now = Date.now();
    const id = await tokenId(input.token);
    // Used here, once: a second post of the same form (or a stolen link used after) finds nothing.
    const row = id && (await identityQueries.consumeEmailToken(db, id, "reset", now));
    const user = row ? await identityQueries.getUser(db, row.userId) : undefined;
    // A link sent to an address that is no longer the login is dead too.
    if (!row || !user || row.email !== user.email)
      return render(c, <DeadLinkPage ctx={c.var.page} purpose="reset" />, 410);
    await identityQueries.setPasswordHash(db, user.id, await hashPassword(input.password));
    // Whoever held a session (perhaps the reason for the reset) is signed out.
    await identityQueries.deleteUserSessions(db, user.id);
    // The link reached the login address: that proves the address too.
    if (user.emailVerifiedAt === null && row.email === user.email)
      await db.batch(identityQueries.verifyEmailStatements(db, user, user.email, now));
    return redirect(c, "/login?reset=1");
  },
);
