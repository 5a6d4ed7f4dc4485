import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import { accounts, apiKeys, balances, ledger, type UsageLogRow, usageLog } from "./schema.ts";

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

export async function touchApiKey(db: Db, id: string, now: number) {
  await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, id));
}

export async function insertUsage(db: Db, row: UsageLogRow) {
  await db.insert(usageLog).values(row).onConflictDoNothing();
}

export async function getUsage(db: Db, id: string) {
  const [row] = await db.select().from(usageLog).where(eq(usageLog.id, id));
  return row;
}

export function listUsage(db: Db, accountId: string, limit = 50) {
  return db
    .select()
    .from(usageLog)
    .where(eq(usageLog.accountId, accountId))
    .orderBy(desc(usageLog.createdAt))
    .limit(limit);
}

export async function setUsageCost(db: Db, id: string, costNano: number) {
  await db.update(usageLog).set({ costNano }).where(eq(usageLog.id, id));
}

export async function updateApiKeyLimits(
  db: Db,
  id: string,
  set: { rpmLimit?: number | null; tpmLimit?: number | null; allowedModels?: string[] | null },
) {
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

export async function getBalance(db: Db, accountId: string) {
  const [row] = await db.select().from(balances).where(eq(balances.accountId, accountId));
  return row;
}
