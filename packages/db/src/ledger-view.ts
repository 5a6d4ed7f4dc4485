import { and, desc, eq, gte, lt, ne, or, sql } from "drizzle-orm";
import type { Db } from "./queries.ts";
import { ledger, usageHourly } from "./schema.ts";

/**
 * The customer's ledger as people read it: money events (top-ups, plan purchases, refunds,
 * adjustments) one row each from `ledger`, and usage one row per UTC day from `usage_hourly`
 * (the per-request charges travel as flush batches, whose boundaries mean nothing to a reader).
 */

const DAY_MS = 86_400_000;

/** Money entries (every kind but `usage`) before the cursor (created_at, id), newest first. */
export function moneyEntries(
  db: Db,
  accountId: string,
  before: { at: number; id: string } | undefined,
  limit: number,
) {
  return db
    .select()
    .from(ledger)
    .where(
      and(
        eq(ledger.accountId, accountId),
        ne(ledger.kind, "usage"),
        before
          ? or(
              lt(ledger.createdAt, before.at),
              and(eq(ledger.createdAt, before.at), lt(ledger.id, before.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(ledger.createdAt), desc(ledger.id))
    .limit(limit);
}

/** One ledger entry of the account (undefined for another account's). */
export async function ledgerEntry(db: Db, accountId: string, id: string) {
  const [row] = await db
    .select()
    .from(ledger)
    .where(and(eq(ledger.accountId, accountId), eq(ledger.id, id)));
  return row;
}

export interface UsageDay {
  /** Start of the UTC day, Unix ms. */
  day: number;
  requests: number;
  costNano: number;
}

/** Usage per UTC day before `beforeDay` (exclusive, Unix ms of a day start), newest first. */
export async function usageDays(db: Db, accountId: string, beforeDay: number | undefined, limit: number) {
  // CAST: a bound JS number is REAL in SQLite, and REAL division keeps the fraction.
  const day = sql<number>`CAST(${usageHourly.hour} / ${DAY_MS} AS INTEGER) * ${DAY_MS}`;
  const rows = await db
    .select({
      day,
      requests: sql<number>`SUM(${usageHourly.requests})`,
      costNano: sql<number>`SUM(${usageHourly.costNano})`,
    })
    .from(usageHourly)
    .where(
      and(
        eq(usageHourly.accountId, accountId),
        beforeDay !== undefined ? lt(usageHourly.hour, beforeDay) : undefined,
      ),
    )
    .groupBy(day)
    .orderBy(desc(day))
    .limit(limit);
  return rows.map((r) => ({
    day: Number(r.day),
    requests: Number(r.requests),
    costNano: Number(r.costNano),
  }));
}

/** Usage per UTC day and model in [from, to) (Unix ms of day starts): a day row's expansion. */
export async function usageDayModels(db: Db, accountId: string, from: number, to: number) {
  // CAST: a bound JS number is REAL in SQLite, and REAL division keeps the fraction.
  const day = sql<number>`CAST(${usageHourly.hour} / ${DAY_MS} AS INTEGER) * ${DAY_MS}`;
  const rows = await db
    .select({
      day,
      model: usageHourly.model,
      requests: sql<number>`SUM(${usageHourly.requests})`,
      costNano: sql<number>`SUM(${usageHourly.costNano})`,
    })
    .from(usageHourly)
    .where(and(eq(usageHourly.accountId, accountId), gte(usageHourly.hour, from), lt(usageHourly.hour, to)))
    .groupBy(day, usageHourly.model)
    .orderBy(usageHourly.model);
  return rows.map((r) => ({
    day: Number(r.day),
    model: r.model,
    requests: Number(r.requests),
    costNano: Number(r.costNano),
  }));
}

/** The balance right after the last ledger entry before `at` (0 before the first). */
export async function balanceBefore(db: Db, accountId: string, at: number): Promise<number> {
  const [row] = await db
    .select({ after: ledger.balanceAfterNano })
    .from(ledger)
    .where(and(eq(ledger.accountId, accountId), lt(ledger.createdAt, at)))
    .orderBy(desc(ledger.createdAt), desc(ledger.id))
    .limit(1);
  return row?.after ?? 0;
}

/** The balance at the end of each UTC day (after its last ledger entry), by day start. */
export async function balancesAtDayEnds(
  db: Db,
  accountId: string,
  days: number[],
): Promise<Map<number, number>> {
  if (days.length === 0) return new Map();
  const rows = await db.all<{ day: number; after: number | null }>(sql`
    SELECT CAST(d.value AS INTEGER) AS day,
      (SELECT ${ledger.balanceAfterNano} FROM ${ledger}
        WHERE ${ledger.accountId} = ${accountId} AND ${ledger.createdAt} < CAST(d.value AS INTEGER) + ${DAY_MS}
        ORDER BY ${ledger.createdAt} DESC, ${ledger.id} DESC LIMIT 1) AS after
    FROM json_each(${JSON.stringify(days)}) AS d`);
  return new Map(rows.map((r) => [Number(r.day), Number(r.after ?? 0)]));
}
