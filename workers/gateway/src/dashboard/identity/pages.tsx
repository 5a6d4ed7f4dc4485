/** @jsxRuntime automatic @jsxImportSource hono/jsx */

import { CsrfField, Errors, Layout, type PageContext } from "../components/layout.tsx";
import { NewPasswordFields } from "../components/password-fields.tsx";

/** The confirmation behind a verification link (a POST, so mail scanners that open links use nothing). */
export function VerifyEmailPage(props: {
  ctx: PageContext;
  csrfToken: string;
  token: string;
  email: string;
}) {
  return (
    <Layout ctx={props.ctx} title="Confirm your email address">
      <p>
        Confirm that <strong>{props.email}</strong> is your address.
      </p>
      <form class="f" method="post" action="/verify-email">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="token" value={props.token} />
        <button type="submit">Confirm {props.email}</button>
      </form>
    </Layout>
  );
}

export function ForgotPasswordPage(props: {
  ctx: PageContext;
  csrfToken: string;
  email?: string;
  errors?: string[];
  sent?: boolean;
}) {
  return (
    <Layout ctx={props.ctx} title="Reset your password">
      {props.sent ? (
        <div class="ok" id="reset-sent">
          If an account uses {props.email}, we have sent it a link to choose a new password. The link works
          once, within 1 hour. Nothing arrived? Check the spam folder, or ask again in a few minutes.
        </div>
      ) : (
        <p>Enter the email you log in with; we will send you a link to choose a new password.</p>
      )}
      <Errors errors={props.errors} />
      <form class="f" method="post" action="/forgot-password">
        <CsrfField token={props.csrfToken} />
        <label>
          Email
          <input type="email" name="email" value={props.email ?? ""} autocomplete="email" required />
        </label>
        <button type="submit">{props.sent ? "Send another link" : "Send the link"}</button>
      </form>
      <p>
        <a href="/login">Back to log in</a>
      </p>
    </Layout>
  );
}

export function ResetPasswordPage(props: {
  ctx: PageContext;
  csrfToken: string;
  token: string;
  errors?: string[];
}) {
  return (
    <Layout ctx={props.ctx} title="Choose a new password">
      <Errors errors={props.errors} />
      <form class="f" method="post" action="/reset-password">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="token" value={props.token} />
        <NewPasswordFields label="New password" confirm />
        <button type="submit">Set the new password</button>
      </form>
      <p class="muted">Setting it signs out every session of this account, everywhere.</p>
    </Layout>
  );
}

/** A link that no longer works: what to do instead. */
export function DeadLinkPage(props: { ctx: PageContext; purpose: "verify" | "reset" }) {
  return (
    <Layout ctx={props.ctx} title="This link no longer works">
      <div class="err">
        The link has expired or has been used already: each link works once
        {props.purpose === "reset" ? ", within 1 hour." : ", within 24 hours."}
      </div>
      {props.purpose === "reset" ? (
        <p>
          <a href="/forgot-password">Ask for a new link</a>.
        </p>
      ) : (
        <p>
          <a href="/dashboard">Log in</a> and use “Send a new link” at the top of the dashboard.
        </p>
      )}
    </Layout>
  );
}
