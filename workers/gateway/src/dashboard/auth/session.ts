import { queries } from "@cc/db";
import { randomToken, sha256Hex } from "@cc/web-crypto";
import { drizzle } from "drizzle-orm/d1";

/** A session lasts a week from login; there is no sliding renewal. */
export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** The signed-in user, as the dashboard's pages need it. */
export interface SessionInfo {
  /** hex sha256 of the cookie token: the sessions row id. */
  id: string;
  userId: string;
  accountId: string;
  email: string;
  /** The owner has confirmed their address: keys and top-ups are open to them. */
  emailVerified: boolean;
  csrfToken: string;
  expiresAt: number;
}

/**
 * Creates a session: a random 32-byte token goes to the cookie, only its sha256 is stored (a
 * leaked D1 row cannot be replayed as a cookie). Each session has its own CSRF token.
 */
export async function createSession(
  env: Env,
  user: { id: string; accountId: string },
  now = Date.now(),
): Promise<{ token: string; expiresAt: number }> {
  const token = randomToken(32);
  const expiresAt = now + SESSION_TTL_MS;
  const db = drizzle(env.DB);
  await queries.deleteExpiredSessions(db, user.id, now);
  await queries.insertSession(db, {
    id: await sha256Hex(token),
    userId: user.id,
    accountId: user.accountId,
    csrfToken: randomToken(32),
    createdAt: now,
    expiresAt,
  });
  return { token, expiresAt };
}

export type SessionLookup =
  | { status: "ok"; session: SessionInfo }
  | { status: "expired" }
  | { status: "none" };

/** The session a cookie token names: ok, expired (and then deleted) or none. */
export async function loadSession(
  env: Env,
  token: string | undefined,
  now = Date.now(),
): Promise<SessionLookup> {
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return { status: "none" };
  const db = drizzle(env.DB);
  const id = await sha256Hex(token);
  const row = await queries.getSession(db, id);
  if (!row) return { status: "none" };
  if (row.session.expiresAt <= now) {
    await queries.deleteSession(db, id);
    return { status: "expired" };
  }
  return {
    status: "ok",
    session: {
      id,
      userId: row.session.userId,
      accountId: row.session.accountId,
      email: row.email,
      emailVerified: row.emailVerifiedAt !== null,
      csrfToken: row.session.csrfToken,
      expiresAt: row.session.expiresAt,
    },
  };
}

export async function destroySession(env: Env, sessionId: string): Promise<void> {
  await queries.deleteSession(drizzle(env.DB), sessionId);
}
