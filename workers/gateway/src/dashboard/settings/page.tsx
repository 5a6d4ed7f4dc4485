/** @jsxRuntime automatic @jsxImportSource hono/jsx */

import { usd, usdCents } from "../components/format.ts";
import { CsrfField, Errors, Layout } from "../components/layout.tsx";
import { NewPasswordFields } from "../components/password-fields.tsx";
import type { SignedIn } from "../http.tsx";

/** Which form a message belongs to, so it shows beside that form. */
export type SettingsSection = "email" | "password" | "sessions" | "delete";

export interface SettingsProps {
  ctx: SignedIn;
  emailVerified: boolean;
  /** Sessions of this user besides the current one. */
  otherSessions: number;
  balanceNano: number;
  reservedNano: number;
  errors?: Partial<Record<SettingsSection, string[]>>;
  notice?: string;
  values?: { newEmail?: string };
}

export function SettingsPage(props: SettingsProps) {
  const csrf = props.ctx.user.csrfToken;
  const e = props.errors ?? {};
  const balance = props.balanceNano;
  return (
    <Layout ctx={props.ctx} title="Settings">
      {props.notice && (
        <div class="ok" role="status">
          {props.notice}
        </div>
      )}
      <div class="grid">
        <section id="email">
          <h2>Email</h2>
          <p>
            You log in as <strong>{props.ctx.user.email}</strong>{" "}
            {props.emailVerified ? (
              <span class="muted">(confirmed)</span>
            ) : (
              <strong>(not confirmed yet)</strong>
            )}
            .
          </p>
          <Errors errors={e.email} />
          <form class="f" method="post" action="/dashboard/settings/email">
            <CsrfField token={csrf} />
            <label>
              New email
              <input
                type="email"
                name="email"
                value={props.values?.newEmail ?? ""}
                autocomplete="email"
                required
              />
            </label>
            <label>
              Current password
              <input type="password" name="password" autocomplete="current-password" required />
            </label>
            <button type="submit">Change email</button>
            <p class="muted">
              We send a link to the new address; your login changes when you open it, and the old address is
              told.
            </p>
          </form>
        </section>
        <section id="password">
          <h2>Password</h2>
          <Errors errors={e.password} />
          <form class="f" method="post" action="/dashboard/settings/password">
            <CsrfField token={csrf} />
            <label>
              Current password
              <input type="password" name="current" autocomplete="current-password" required />
            </label>
            <NewPasswordFields label="New password" confirm />
            <button type="submit">Change password</button>
            <p class="muted">Your other sessions are signed out; this one stays.</p>
          </form>
        </section>
      </div>

      <section id="sessions">
        <h2>Sessions</h2>
        <Errors errors={e.sessions} />
        <p>
          {props.otherSessions === 0
            ? "You are signed in here only."
            : `You are signed in here and in ${props.otherSessions} other session${props.otherSessions === 1 ? "" : "s"} (other browsers or devices).`}
        </p>
        {props.otherSessions > 0 && (
          <form method="post" action="/dashboard/settings/sessions">
            <CsrfField token={csrf} />
            <button type="submit" class="secondary">
              Sign out other sessions
            </button>
          </form>
        )}
      </section>

      <section id="delete">
        <h2>Delete the account</h2>
        <Errors errors={e.delete} />
        <p>
          Deleting revokes every API key at once, signs you out everywhere and frees your email address. Your
          usage and payment records are kept for our books.{" "}
          <strong>
            Prepaid credit is not refundable:{" "}
            {balance > 0
              ? `the remaining balance of ${usdCents(balance)} (${usd(balance)}) is forfeited.`
              : balance < 0
                ? `the unpaid ${usdCents(-balance)} is written off.`
                : "your balance is $0.00, so nothing is forfeited."}
          </strong>{" "}
          If you want the balance back, contact support before deleting. It cannot be undone.
        </p>
        {props.reservedNano > 0 && (
          <p class="note">Requests are running on this account: deletion waits until they end.</p>
        )}
        <form class="f" method="post" action="/dashboard/settings/delete">
          <CsrfField token={csrf} />
          {balance !== 0 && (
            <label class="c">
              <input type="checkbox" name="forfeit" value="yes" required /> I understand that{" "}
              {balance > 0
                ? `my ${usdCents(balance)} balance is forfeited`
                : "the unpaid balance is written off"}
              .
            </label>
          )}
          <label>
            Type DELETE to confirm
            <input name="confirm" autocomplete="off" required pattern="DELETE" />
          </label>
          <label>
            Current password
            <input type="password" name="password" autocomplete="current-password" required />
          </label>
          <button type="submit" class="danger big">
            Delete my account
          </button>
        </form>
      </section>
    </Layout>
  );
}
