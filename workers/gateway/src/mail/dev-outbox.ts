import { identityQueries } from "@cc/db";
import { randomBase62 } from "@cc/web-crypto";
import { drizzle } from "drizzle-orm/d1";
import type { Email, Mailer } from "./mailer.ts";

/**
 * The development mailer: every email is kept in D1 `dev_outbox` and shown at /dev/outbox
 * (development only), so sign-up, verification and password reset work offline and in tests.
 */
export const devOutbox = (db: D1Database): Mailer => ({
  name: "dev-outbox",
  async send(email: Email) {
    await identityQueries.insertDevEmail(drizzle(db), {
      id: `mail_${randomBase62(12)}`,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      createdAt: Date.now(),
    });
  },
});
