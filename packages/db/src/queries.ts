import { and, desc, eq, isNull } from "drizzle-orm";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import { accounts, apiKeys, type UsageLogRow, usageLog } from "./schema.ts";

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
