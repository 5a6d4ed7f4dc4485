import { type EmailTokenPurpose, identityQueries } from "@cc/db";
import { randomToken, sha256Hex } from "@cc/web-crypto";
import { drizzle } from "drizzle-orm/d1";
import { sendEmail } from "../../mail/mailer.ts";
import { passwordResetEmail, verificationEmail } from "../../mail/templates.ts";

/** How long an emailed link works: a verification a day, a password reset an hour. */
export const TOKEN_TTL_MS: Readonly<Record<EmailTokenPurpose, number>> = {
  verify: 24 * 60 * 60_000,
  reset: 60 * 60_000,
};

/** A token as links carry it: 32 random bytes, base64url. Anything else is no token. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The stored id of a token from a link (its sha256), or undefined when it is not one of ours. */
export const tokenId = async (token: string | undefined): Promise<string | undefined> =>
  token && TOKEN_SHAPE.test(token) ? sha256Hex(token) : undefined;

/**
 * Mints a single-use link token for `purpose`, stored as its sha256 only; the user's older unused
 * tokens of that purpose stop working (the newest link is the one that counts).
 */
export async function issueToken(
  env: Env,
  user: { id: string },
  purpose: EmailTokenPurpose,
  email: string,
  now = Date.now(),
): Promise<string> {
  const db = drizzle(env.DB);
  const token = randomToken(32);
  await identityQueries.retireEmailTokens(db, user.id, purpose, now);
  await identityQueries.insertEmailToken(db, {
    id: await sha256Hex(token),
    userId: user.id,
    purpose,
    email,
    createdAt: now,
    expiresAt: now + TOKEN_TTL_MS[purpose],
  });
  return token;
}

/** Emails a verification link for `email` (the login, or the address it is changing to). */
export async function sendVerification(
  env: Env,
  origin: string,
  user: { id: string },
  email: string,
): Promise<boolean> {
  const token = await issueToken(env, user, "verify", email);
  return sendEmail(env, "verify", verificationEmail(email, `${origin}/verify-email?token=${token}`));
}

/** Emails a password-reset link to the user's login address. */
export async function sendPasswordReset(
  env: Env,
  origin: string,
  user: { id: string; email: string },
): Promise<boolean> {
  const token = await issueToken(env, user, "reset", user.email);
  return sendEmail(env, "reset", passwordResetEmail(user.email, `${origin}/reset-password?token=${token}`));
}
