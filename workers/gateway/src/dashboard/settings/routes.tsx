/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { identityQueries, queries } from "@cc/db";
import { drizzle } from "drizzle-orm/d1";
import { Hono } from "hono";
import { z } from "zod";
import { accountStub } from "../../account/client.ts";
import { clientNetwork } from "../../proxy/client-ip.ts";
import { accountState } from "../account.ts";
import { clearCookie, SESSION_COOKIE } from "../auth/cookies.ts";
import { MessagePage } from "../auth/pages.tsx";
import { hashPassword, MAX_PASSWORD_LENGTH, verifyPassword } from "../auth/password.ts";
import { EMAIL_INVALID, email, newPassword } from "../auth/routes.tsx";
import { beginLogin } from "../auth/throttle.ts";
import { formText, redirect, render, type SignedInContext, type SignedInEnv, validForm } from "../http.tsx";
import { attempt, sendVerification, VERIFICATIONS_PER_USER } from "../identity/index.ts";
import { SettingsPage, type SettingsProps, type SettingsSection } from "./page.tsx";

/**
 * The owner's settings: change email (re-verified), change password, sign out other sessions,
 * delete the account; and a new verification link. Each form that changes the login asks for
 * the current password, counted like a login attempt.
 */
export const settings = new Hono<SignedInEnv>();

const NOTICES: Record<string, string> = {
  password: "Password changed. Your other sessions were signed out.",
  sessions: "Your other sessions were signed out.",
};

async function settingsPage(
  c: SignedInContext,
  extra: Pick<SettingsProps, "errors" | "notice" | "values"> & { status?: number } = {},
) {
  const { status = 200, ...shown } = extra;
  const { session } = c.var;
  const [state, sessions] = await Promise.all([
    accountState(c.env, session.accountId),
    identityQueries.countUserSessions(drizzle(c.env.DB), session.userId, Date.now()),
  ]);
  return render(
    c,
    <SettingsPage
      ctx={c.var.page}
      emailVerified={session.emailVerified}
      otherSessions={Math.max(0, sessions - 1)}
      balanceNano={state.balanceNano}
      reservedNano={state.reservedNano}
      notice={NOTICES[c.req.query("done") ?? ""]}
      {...shown}
    />,
    status,
  );
}

const fail = (c: SignedInContext, section: SettingsSection, message: string, status = 400) =>
  settingsPage(c, { status, errors: { [section]: [message] } });

/** The current password, counted like a login attempt (same throttle): undefined when it is right. */
async function wrongPassword(
  c: SignedInContext,
  password: string,
): Promise<{ message: string; status: number } | undefined> {
  const { session } = c.var;
  const gate = await beginLogin(c.env, clientNetwork(c.req.raw.headers), session.email);
  if (!gate.allowed) {
    c.header("retry-after", String(Math.ceil(gate.retryAfterMs / 1000)));
    return { message: "Too many wrong passwords. Try again in a minute.", status: 429 };
  }
  const user = await identityQueries.getUser(drizzle(c.env.DB), session.userId);
  if (!user || !(await verifyPassword(password, user.passwordHash)))
    return { message: "The current password is wrong.", status: 401 };
  await gate.succeeded();
  return undefined;
}

settings.get("/dashboard/settings", (c) => settingsPage(c));

const current = formText.pipe(z.string().min(1, "Enter your current password.").max(MAX_PASSWORD_LENGTH));

// ── password ───────────────────────────────────────────────────────────────────────────────

const PasswordForm = z
  .object({ current, password: newPassword, confirm: formText })
  .refine((f) => f.password === f.confirm, "The two new passwords differ.");

settings.post(
  "/dashboard/settings/password",
  validForm(
    (_c: SignedInContext) => PasswordForm,
    (c, errors) => settingsPage(c, { status: 400, errors: { password: errors } }),
  ),
  async (c) => {
    const input = c.req.valid("form");
    const wrong = await wrongPassword(c, input.current);
    if (wrong) return fail(c, "password", wrong.message, wrong.status);
    const db = drizzle(c.env.DB);
    await identityQueries.setPasswordHash(db, c.var.session.userId, await hashPassword(input.password));
    await identityQueries.deleteUserSessions(db, c.var.session.userId, c.var.session.id);
    // A reset link asked for before the change (perhaps by whoever prompted it) sets nothing now.
    await identityQueries.retireEmailTokens(db, c.var.session.userId, "reset", Date.now());
    return redirect(c, "/dashboard/settings?done=password");
  },
);

// ── email ──────────────────────────────────────────────────────────────────────────────────

const EmailForm = z.object({
  email: email.pipe(z.email(EMAIL_INVALID).max(254, EMAIL_INVALID)),
  password: current,
});

settings.post(
  "/dashboard/settings/email",
  validForm(
    (_c: SignedInContext) => EmailForm,
    (c, errors, fields) =>
      settingsPage(c, {
        status: 400,
        errors: { email: errors },
        values: { newEmail: email.parse(fields.email) },
      }),
  ),
  async (c) => {
    const input = c.req.valid("form");
    const { session } = c.var;
    const values = { newEmail: input.email };
    if (input.email === session.email)
      return settingsPage(c, { status: 400, errors: { email: ["That is already your login."] }, values });
    const wrong = await wrongPassword(c, input.password);
    if (wrong) return settingsPage(c, { status: wrong.status, errors: { email: [wrong.message] }, values });
    if (await identityQueries.emailTakenByOther(drizzle(c.env.DB), input.email, session.userId))
      return settingsPage(c, {
        status: 409,
        errors: { email: ["Another account uses that address."] },
        values,
      });
    const sent = await sendVerification(c.env, c.var.page.origin, { id: session.userId }, input.email);
    if (!sent)
      return settingsPage(c, {
        status: 503,
        errors: { email: ["The email could not be sent; try again later."] },
        values,
      });
    return settingsPage(c, {
      notice: `We sent a link to ${input.email}. Your login stays ${session.email} until you open it (within 24 hours).`,
    });
  },
);

// ── sessions ───────────────────────────────────────────────────────────────────────────────

settings.post("/dashboard/settings/sessions", async (c) => {
  await identityQueries.deleteUserSessions(drizzle(c.env.DB), c.var.session.userId, c.var.session.id);
  return redirect(c, "/dashboard/settings?done=sessions");
});

// ── a new verification link ────────────────────────────────────────────────────────────────

settings.post("/dashboard/verify/resend", async (c) => {
  const { session } = c.var;
  if (session.emailVerified) return redirect(c, "/dashboard");
  const wait = await attempt(c.env, `verify-user:${session.userId}`, VERIFICATIONS_PER_USER);
  if (wait !== undefined) {
    const minutes = Math.max(1, Math.ceil(wait / 60_000));
    return render(
      c,
      <MessagePage
        ctx={c.var.page}
        title="Too many links"
        message={`We have sent several links already. Check your inbox and spam folder, or try again in ${minutes} minutes.`}
      />,
      429,
    );
  }
  const sent = await sendVerification(c.env, c.var.page.origin, { id: session.userId }, session.email);
  return redirect(c, sent ? "/dashboard?verification=sent" : "/dashboard?verification=failed");
});

// ── deletion ───────────────────────────────────────────────────────────────────────────────

const DeleteForm = z.object({
  confirm: formText.refine((s) => s.trim() === "DELETE", "Type DELETE to confirm."),
  password: current,
  forfeit: formText,
});

settings.post(
  "/dashboard/settings/delete",
  validForm(
    (_c: SignedInContext) => DeleteForm,
    (c, errors) => settingsPage(c, { status: 400, errors: { delete: errors } }),
  ),
  async (c) => {
    const input = c.req.valid("form");
    const { session } = c.var;
    const state = await accountState(c.env, session.accountId);
    if (state.balanceNano !== 0 && input.forfeit !== "yes")
      return fail(c, "delete", "Tick the box to confirm that the remaining balance is forfeited.");
    const wrong = await wrongPassword(c, input.password);
    if (wrong) return fail(c, "delete", wrong.message, wrong.status);
    // The account object first: it stops admitting and writes the balance off, or says why not.
    const closed = await accountStub(c.env, session.accountId).close(session.accountId);
    if (!closed.ok)
      return fail(c, "delete", "Requests are still running on this account. Try again in a minute.", 409);
    const db = drizzle(c.env.DB);
    const keys = await queries.listApiKeys(db, session.accountId);
    await db.batch(
      identityQueries.deleteAccountStatements(db, {
        accountId: session.accountId,
        userId: session.userId,
        now: Date.now(),
      }),
    );
    // The object refuses a closed account already; its key copies follow D1 too.
    const stub = accountStub(c.env, session.accountId);
    await Promise.all(keys.map((k) => stub.syncKey(session.accountId, k.keyHash)));
    console.info(
      JSON.stringify({
        level: "info",
        msg: "account deleted",
        account_id: session.accountId,
        written_off_nano: closed.writtenOffNano,
      }),
    );
    clearCookie(c, SESSION_COOKIE);
    return redirect(c, "/login?deleted=1");
  },
);
