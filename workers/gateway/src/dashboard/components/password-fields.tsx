/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { MIN_PASSWORD_LENGTH } from "../auth/password.ts";

/**
 * A new password's field, with the rule it must meet, and — where an existing password is
 * replaced — its repetition (`confirm`), so that a typo does not lock the owner out.
 */
export function NewPasswordFields(props: { label: string; confirm?: boolean }) {
  return (
    <>
      <label>
        {props.label} <span class="muted">(at least {MIN_PASSWORD_LENGTH} characters)</span>
        <input
          type="password"
          name="password"
          autocomplete="new-password"
          minlength={MIN_PASSWORD_LENGTH}
          required
        />
      </label>
      {props.confirm && (
        <label>
          The same again
          <input type="password" name="confirm" autocomplete="new-password" required />
        </label>
      )}
    </>
  );
}
