import { and, desc, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import {
  accounts,
  apiKeys,
  ledger,
  sessions,
  TOPUP_STATUSES,
  type TopupStatus,
  topups,
  users,
  webhookEvents,
} from "./schema.ts";

/** Any drizzle SQLite database (D1 in the Worker, another driver in tests). */
export type Db = BaseSQLiteDatabase<"async", unknown>;

export async function createAccount(
  db: Db,
  input: { id: string; name: string; email?: string | null; plan?: "basic" | "pro"; now: number },
) {
  const [row] = await db
    .insert(accounts)
    .values({
      id: input.id,
      name: input.name,
      email: input.email ?? null,
      plan: input.plan ?? "basic",
      createdAt: input.now,
    })
    .returning();
  return row!;
}

export async function getAccount(db: Db, id: string) {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id));
  return row;
}

export async function findAccountByEmail(db: Db, email: string) {
  const [row] = await db.select().from(accounts).where(eq(accounts.email, email));
  return row;
}

export function listAccounts(db: Db) {
  return db.select().from(accounts).orderBy(accounts.createdAt);
}

export async function insertApiKey(db: Db, row: typeof apiKeys.$inferInsert) {
  const [inserted] = await db.insert(apiKeys).values(row).returning();
  return inserted!;
}

export async function findKeyByHash(db: Db, keyHash: string) {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.keyHash, keyHash));
  return row;
}

export async function getApiKey(db: Db, id: string) {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id));
  return row;
}

export function listApiKeys(db: Db, accountId: string) {
  return db.select().from(apiKeys).where(eq(apiKeys.accountId, accountId)).orderBy(desc(apiKeys.createdAt));
}

/** Marks a key revoked; returns the row, or undefined when it was unknown or already revoked. */
export async function revokeApiKey(db: Db, id: string, now: number) {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning();
  return row;
}

/** What an owner or operator may change on a key (never its hash, account or revocation). */
export type ApiKeySettings = Partial<
  Pick<
    typeof apiKeys.$inferInsert,
    "name" | "rpmLimit" | "tpmLimit" | "allowedModels" | "dailyLimitNano" | "monthlyLimitNano" | "expiresAt"
  >
>;

export async function updateApiKeyLimits(db: Db, id: string, set: ApiKeySettings) {
  if (Object.keys(set).length === 0) return getApiKey(db, id);
  const [row] = await db.update(apiKeys).set(set).where(eq(apiKeys.id, id)).returning();
  return row;
}

export function listLedger(db: Db, accountId: string, limit = 200) {
  return db
    .select()
    .from(ledger)
    .where(eq(ledger.accountId, accountId))
    .orderBy(desc(ledger.createdAt))
    .limit(limit);
}

/** Σ amount_nano of an account's ledger: equals its balance once the outbox is flushed. */
export async function ledgerSum(db: Db, accountId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`COALESCE(SUM(${ledger.amountNano}), 0)` })
    .from(ledger)
    .where(eq(ledger.accountId, accountId));
  return Number(row?.total ?? 0);
}

// ── dashboard: users, sessions, usage summaries ──────────────────────────────────────────

/**
 * The two inserts of a sign-up, an account and its owner, as builders for one D1 batch
 * (atomic: no account without its user if the email turns out to be taken).
 */
export function signupStatements(
  db: Db,
  input: { accountId: string; userId: string; email: string; passwordHash: string; now: number },
) {
  return [
    db.insert(accounts).values({
      id: input.accountId,
      name: input.email,
      email: input.email,
      plan: "basic",
      createdAt: input.now,
    }),
    db.insert(users).values({
      id: input.userId,
      accountId: input.accountId,
      email: input.email,
      passwordHash: input.passwordHash,
      createdAt: input.now,
    }),
  ] as const;
}

export async function findUserByEmail(db: Db, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  return row;
}

export async function insertSession(db: Db, row: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(row);
}

/** A session row with its user's email (one query per dashboard page). */
export async function getSession(db: Db, id: string) {
  const [row] = await db
    .select({ session: sessions, email: users.email, emailVerifiedAt: users.emailVerifiedAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  return row;
}

export async function deleteSession(db: Db, id: string) {
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** Drops a user's expired sessions (housekeeping at each login). */
export async function deleteExpiredSessions(db: Db, userId: string, now: number) {
  await db.delete(sessions).where(and(eq(sessions.userId, userId), lt(sessions.expiresAt, now)));
}

export function listTopups(db: Db, accountId: string, limit = 50) {
  return db
    .select()
    .from(topups)
    .where(eq(topups.accountId, accountId))
    .orderBy(desc(topups.createdAt))
    .limit(limit);
}

/** D1's copy of an account's plan (the AccountDO holds the truth and changes it first). */
export async function setAccountPlan(db: Db, accountId: string, plan: "basic" | "pro") {
  await db.update(accounts).set({ plan }).where(eq(accounts.id, accountId));
}

// ── payments: top-ups and processor callbacks ──────────────────────────────────────────────

/** A top-up status's rank: its position in TOPUP_STATUSES. Statuses only move up in rank. */
export const topupRank = (status: TopupStatus): number => TOPUP_STATUSES.indexOf(status);

export async function insertTopup(db: Db, row: typeof topups.$inferInsert) {
  const [inserted] = await db.insert(topups).values(row).returning();
  return inserted!;
}

export async function getTopup(db: Db, id: string) {
  const [row] = await db.select().from(topups).where(eq(topups.id, id));
  return row;
}

export async function findTopupByInvoice(db: Db, provider: string, invoiceId: string) {
  const [row] = await db
    .select()
    .from(topups)
    .where(and(eq(topups.provider, provider), eq(topups.providerInvoiceId, invoiceId)));
  return row;
}

/** Records the processor's invoice once it exists (the top-up then moves to pending). */
export async function setTopupInvoice(
  db: Db,
  id: string,
  set: { providerInvoiceId: string; invoiceUrl: string; expiresAt: number | null; now: number },
) {
  await db
    .update(topups)
    .set({
      providerInvoiceId: set.providerInvoiceId,
      invoiceUrl: set.invoiceUrl,
      expiresAt: set.expiresAt,
      updatedAt: set.now,
    })
    .where(eq(topups.id, id));
}

/**
 * Moves a top-up to `status` only when that is forward in rank (docs/payments.md, "States"), so replayed
 * and out-of-order callbacks change nothing. True when the row moved.
 */
export async function advanceTopup(db: Db, id: string, status: TopupStatus, now: number): Promise<boolean> {
  const rank = topupRank(status);
  const moved = await db
    .update(topups)
    .set({
      status,
      statusRank: rank,
      updatedAt: now,
      ...(status === "credited" ? { creditedAt: sql`COALESCE(${topups.creditedAt}, ${now})` } : {}),
    })
    .where(and(eq(topups.id, id), lt(topups.statusRank, rank)))
    .returning({ id: topups.id });
  return moved.length > 0;
}

/** The processor's latest payment id for this top-up (what the cron re-queries by). */
export async function setTopupPayment(db: Db, id: string, paymentId: string) {
  await db.update(topups).set({ providerPaymentId: paymentId }).where(eq(topups.id, id));
}

/** Adds a credit that the AccountDO has just applied (not a duplicate) to the top-up's total. */
export async function addTopupCredit(db: Db, id: string, amountNano: number, now: number) {
  await db
    .update(topups)
    .set({ amountCreditedNano: sql`${topups.amountCreditedNano} + ${amountNano}`, updatedAt: now })
    .where(eq(topups.id, id));
}

/** Top-ups in `statuses` not touched since `updatedBefore` but created after `createdAfter`, oldest first. */
export function listStaleTopups(
  db: Db,
  q: { statuses: TopupStatus[]; updatedBefore: number; createdAfter: number; limit: number },
) {
  return db
    .select()
    .from(topups)
    .where(
      and(
        inArray(topups.status, q.statuses),
        lt(topups.updatedAt, q.updatedBefore),
        gte(topups.createdAt, q.createdAfter),
      ),
    )
    .orderBy(topups.updatedAt)
    .limit(q.limit);
}

export async function hasWebhookEvent(db: Db, provider: string, eventKey: string): Promise<boolean> {
  const [row] = await db
    .select({ key: webhookEvents.eventKey })
    .from(webhookEvents)
    .where(and(eq(webhookEvents.provider, provider), eq(webhookEvents.eventKey, eventKey)));
  return row !== undefined;
}

/** Records a verified, handled callback delivery; a replay of the same delivery is ignored. */
export async function recordWebhookEvent(db: Db, row: typeof webhookEvents.$inferInsert) {
  await db.insert(webhookEvents).values(row).onConflictDoNothing();
}
