import { isDevelopment } from "../config/environment.ts";
import { devOutbox } from "./dev-outbox.ts";
import { resend } from "./resend.ts";

/** One email, in plain text and HTML (every template writes both). */
export interface Email {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Where emails go: the development outbox, or the production provider. */
export interface Mailer {
  /** For logs and /health: `dev-outbox`, `resend`. */
  readonly name: string;
  /** Sends one email; throws when the provider refuses it. */
  send(email: Email): Promise<void>;
}

/**
 * The mailer of this deployment. In development every email lands in the development outbox
 * (D1 `dev_outbox`, shown at /dev/outbox), so the flows work offline; elsewhere the HTTP
 * email API configured by RESEND_API_KEY and MAIL_FROM. Undefined when production has none:
 * /health names the missing settings, and the pages say that no email could be sent.
 */
export function mailerFor(env: Env, fetchFn: typeof fetch = fetch): Mailer | undefined {
  if (isDevelopment(env)) return devOutbox(env.DB);
  const apiKey = env.RESEND_API_KEY?.trim();
  const from = env.MAIL_FROM?.trim();
  return apiKey && from ? resend({ apiKey, from, fetch: fetchFn }) : undefined;
}

/** The settings production needs to send email (checked by /health and the deploy). */
export const MAIL_SETTINGS = ["RESEND_API_KEY", "MAIL_FROM"] as const;

/**
 * Sends an email and logs the fact (template and provider only: never the address's mailbox
 * contents, a link or a token). False when it could not be sent; the caller says so or retries.
 */
export async function sendEmail(env: Env, template: string, email: Email): Promise<boolean> {
  const mailer = mailerFor(env);
  if (!mailer) {
    console.error(JSON.stringify({ level: "error", msg: "mail not configured", template }));
    return false;
  }
  try {
    await mailer.send(email);
    console.log(JSON.stringify({ level: "info", msg: "mail sent", template, mailer: mailer.name }));
    return true;
  } catch (err) {
    console.error(
      JSON.stringify({ level: "error", msg: "mail failed", template, mailer: mailer.name, err: String(err) }),
    );
    return false;
  }
}
