/** @jsxRuntime automatic @jsxImportSource hono/jsx */

import { CsrfField, Errors, Layout, type PageContext } from "../components/layout.tsx";
import { NewPasswordFields } from "../components/password-fields.tsx";

export interface AuthFormProps {
  ctx: PageContext;
  csrfToken: string;
  email?: string;
  errors?: string[];
  next?: string;
  notice?: string;
}

export function SignupPage(props: AuthFormProps) {
  return (
    <Layout ctx={props.ctx} title="Create an account">
      <Errors errors={props.errors} />
      <form class="f" method="post" action="/signup">
        <CsrfField token={props.csrfToken} />
        <label>
          Email
          <input type="email" name="email" value={props.email ?? ""} autocomplete="email" required />
        </label>
        <NewPasswordFields label="Password" />
        <button type="submit">Sign up</button>
      </form>
      <p class="muted">
        We will email you a link to confirm your address: API keys and top-ups open once you do.
      </p>
      <p>
        Already have an account? <a href="/login">Log in</a>
      </p>
    </Layout>
  );
}

export function LoginPage(props: AuthFormProps) {
  return (
    <Layout ctx={props.ctx} title="Log in">
      {props.notice && <div class="note">{props.notice}</div>}
      <Errors errors={props.errors} />
      <form class="f" method="post" action="/login">
        <CsrfField token={props.csrfToken} />
        {props.next && <input type="hidden" name="next" value={props.next} />}
        <label>
          Email
          <input type="email" name="email" value={props.email ?? ""} autocomplete="email" required />
        </label>
        <label>
          Password
          <input type="password" name="password" autocomplete="current-password" required />
        </label>
        <button type="submit">Log in</button>
      </form>
      <p>
        <a href="/forgot-password">Forgot your password?</a>
      </p>
      <p>
        No account yet? <a href="/signup">Sign up</a>
      </p>
    </Layout>
  );
}

/** A short page for refusals (CSRF, not found) with a way back. */
export function MessagePage(props: { ctx: PageContext; title: string; message: string }) {
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <div class="err">{props.message}</div>
      <p>
        <a href={props.ctx.user ? "/dashboard" : "/login"}>Back</a>
      </p>
    </Layout>
  );
}
