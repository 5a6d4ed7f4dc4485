import { and, desc, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "./queries.ts";
import {
  accounts,
  apiKeys,
  devOutbox,
  type EmailTokenPurpose,
  emailTokens,
  sessions,
  users,
} from "./schema.ts";

/**
 * The customer's identity: email verification, password reset, settings (password, email,
 * sessions, deletion) and the development mailer's outbox.
 */

export async function getUser(db: Db, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function setPasswordHash(db: Db, userId: string, passwordHash: string) {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

// ── email tokens ────────────────────────────────────────────────────────────────────────

export async function insertEmailToken(db: Db, row: typeof emailTokens.$inferInsert) {
  await db.insert(emailTokens).values(row);
}

/** The token `id` of `purpose`, unused and unexpired at `now`. */
const usable = (id: string, purpose: EmailTokenPurpose, now: number) =>
  and(
    eq(emailTokens.id, id),
    eq(emailTokens.purpose, purpose),
    isNull(emailTokens.usedAt),
    gt(emailTokens.expiresAt, now),
  );

/** A token that is still usable (unused, unexpired), without using it: to show its form. */
export async function peekEmailToken(db: Db, id: string, purpose: EmailTokenPurpose, now: number) {
  const [row] = await db
    .select()
    .from(emailTokens)
    .where(usable(id, purpose, now));
  return row;
}

/**
 * Uses a token, once: one conditional UPDATE, so two concurrent uses cannot both succeed.
 * Undefined when it is unknown, of another purpose, used or expired.
 */
export async function consumeEmailToken(db: Db, id: string, purpose: EmailTokenPurpose, now: number) {
  const [row] = await db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(usable(id, purpose, now))
    .returning();
  return row;
}

/** Retires a user's unused tokens of one purpose (a newer link replaces them). */
export async function retireEmailTokens(db: Db, userId: string, purpose: EmailTokenPurpose, now: number) {
  await db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)));
}

/** Whether another user than `userId` has `email` as their login. */
export async function emailTakenByOther(db: Db, email: string, userId: string): Promise<boolean> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.email, email), ne(users.id, userId)));
  return rows.length > 0;
}

/**
 * The two updates that make `email` verified for the user, as builders for one D1 batch: their
 * login and the account's address become it (a UNIQUE error: another user took it meanwhile).
 */
export function verifyEmailStatements(
  db: Db,
  user: { id: string; accountId: string },
  email: string,
  now: number,
) {
  return [
    db.update(users).set({ email, emailVerifiedAt: now }).where(eq(users.id, user.id)),
    db.update(accounts).set({ email }).where(eq(accounts.id, user.accountId)),
  ] as const;
}

// ── sessions ───────────────────────────────────────────────────────────────────────────

/** Deletes every session of a user but `keep` (none kept when undefined); returns how many went. */
export async function deleteUserSessions(db: Db, userId: string, keep?: string): Promise<number> {
  const gone = await db
    .delete(sessions)
    .where(keep ? and(eq(sessions.userId, userId), ne(sessions.id, keep)) : eq(sessions.userId, userId))
    .returning({ id: sessions.id });
  return gone.length;
}

/** A user's live sessions. */
export async function countUserSessions(db: Db, userId: string, now: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`COUNT(*)` })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)));
  return Number(row?.n ?? 0);
}

// ── account deletion ───────────────────────────────────────────────────────────────────

/**
 * Closes an account in D1: its keys revoked, its owner's login, sessions and links deleted (the
 * address is free again), the account row kept (deleted_at, no email) with its ledger, for the
 * books.
 */
export function deleteAccountStatements(db: Db, input: { accountId: string; userId: string; now: number }) {
  return [
    db
      .update(apiKeys)
      .set({ revokedAt: input.now })
      .where(and(eq(apiKeys.accountId, input.accountId), isNull(apiKeys.revokedAt))),
    db.delete(sessions).where(eq(sessions.userId, input.userId)),
    db.delete(emailTokens).where(eq(emailTokens.userId, input.userId)),
    db.delete(users).where(eq(users.id, input.userId)),
    db.update(accounts).set({ email: null, deletedAt: input.now }).where(eq(accounts.id, input.accountId)),
  ] as const;
}

// ── the development outbox ───────────────────────────────────────────────────────────────

export async function insertDevEmail(db: Db, row: typeof devOutbox.$inferInsert) {
  await db.insert(devOutbox).values(row);
}

/** The newest emails first, optionally to one address. */
export function listDevEmails(db: Db, options: { to?: string; limit: number }) {
  return db
    .select()
    .from(devOutbox)
    .where(options.to ? eq(devOutbox.to, options.to) : undefined)
    .orderBy(desc(devOutbox.createdAt), desc(devOutbox.id))
    .limit(options.limit);
}
