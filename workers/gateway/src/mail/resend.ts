import type { Email, Mailer } from "./mailer.ts";

/** The provider refused an email (status only: its body may echo the message). */
export class MailError extends Error {
  override name = "MailError";
}

/**
 * Production email through Resend's HTTP API (https://resend.com/docs/api-reference/emails/send-email):
 * one POST per email, authenticated by an API key; `from` must be on a domain verified with Resend.
 * An HTTP API rather than Cloudflare's `send_email` binding, which delivers only to addresses
 * verified in the account's Email Routing, never to customers
 * (https://developers.cloudflare.com/email-routing/email-workers/send-email-workers/).
 */
export const resend = (config: { apiKey: string; from: string; fetch: typeof fetch }): Mailer => ({
  name: "resend",
  async send(email: Email) {
    const res = await config.fetch("https://api.resend.com/emails", {
      method: "POST",
      headers: { authorization: `Bearer ${config.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({
        from: config.from,
        to: [email.to],
        subject: email.subject,
        text: email.text,
        html: email.html,
      }),
    });
    await res.body?.cancel();
    if (!res.ok) throw new MailError(`Resend answered ${res.status}`);
  },
});
