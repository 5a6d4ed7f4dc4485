import { and, desc, eq, gte, isNotNull, or, sql } from "drizzle-orm";
import type { Db } from "./queries.ts";
import { accounts, type TopupStatus, topups, usageLog } from "./schema.ts";

/**
 * The operator console's reads, across accounts. They scan usage_log by date (no index on
 * created_at alone): fine for an operator's page over a retention-bounded table; the hourly
 * rollups of the storage design will replace that scan.
 */

/** Accounts whose id starts with, or whose email or name contains, `q`; newest first. Empty `q`: the newest. */
export function searchAccounts(db: Db, q: string, limit = 50) {
  const term = q.trim();
  const query = db.select().from(accounts);
  const escaped = term.replace(/[\\%_]/g, (ch) => `\\${ch}`);
  const filtered = term
    ? query.where(
        or(
          eq(accounts.id, term),
          sql`${accounts.id} LIKE ${`${escaped}%`} ESCAPE '\\'`,
          sql`${accounts.email} LIKE ${`%${escaped}%`} ESCAPE '\\'`,
          sql`${accounts.name} LIKE ${`%${escaped}%`} ESCAPE '\\'`,
        ),
      )
    : query;
  return filtered.orderBy(desc(accounts.createdAt)).limit(limit);
}

const DAY = sql<number>`CAST(${usageLog.createdAt} / 86400000 AS INTEGER)`;

/** Per UTC day (days since the epoch) and model, since `since`, over every account. */
export async function usageByDayAndModel(db: Db, since: number) {
  const rows = await db
    .select({
      day: DAY,
      model: usageLog.model,
      requests: sql<number>`COUNT(*)`,
      errors: sql<number>`SUM(CASE WHEN ${usageLog.status} >= 400 THEN 1 ELSE 0 END)`,
      inputTokens: sql<number>`SUM(${usageLog.inputTokens})`,
      cacheTokens: sql<number>`SUM(${usageLog.cacheWrite5mTokens} + ${usageLog.cacheWrite1hTokens} + ${usageLog.cacheReadTokens})`,
      outputTokens: sql<number>`SUM(${usageLog.outputTokens})`,
      costNano: sql<number>`SUM(${usageLog.costNano})`,
    })
    .from(usageLog)
    .where(gte(usageLog.createdAt, since))
    .groupBy(DAY, usageLog.model)
    .orderBy(desc(DAY), usageLog.model);
  return rows.map((r) => ({
    day: Number(r.day),
    model: r.model,
    requests: Number(r.requests),
    errors: Number(r.errors),
    inputTokens: Number(r.inputTokens),
    cacheTokens: Number(r.cacheTokens),
    outputTokens: Number(r.outputTokens),
    costNano: Number(r.costNano),
  }));
}

/** Top-up money received per UTC day since `since`: what the processors' payments credited. */
export async function topupsCreditedByDay(db: Db, since: number) {
  const day = sql<number>`CAST(${topups.creditedAt} / 86400000 AS INTEGER)`;
  const rows = await db
    .select({
      day,
      topups: sql<number>`COUNT(*)`,
      creditedNano: sql<number>`SUM(${topups.amountCreditedNano})`,
    })
    .from(topups)
    .where(and(isNotNull(topups.creditedAt), gte(topups.creditedAt, since)))
    .groupBy(day)
    .orderBy(desc(day));
  return rows.map((r) => ({
    day: Number(r.day),
    topups: Number(r.topups),
    creditedNano: Number(r.creditedNano),
  }));
}

/** Top-ups in one status, most recently changed first. */
export function topupsByStatus(db: Db, status: TopupStatus, limit = 100) {
  return db
    .select()
    .from(topups)
    .where(eq(topups.status, status))
    .orderBy(desc(topups.updatedAt))
    .limit(limit);
}

/** How many top-ups are in each status. */
export async function topupStatusCounts(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .select({ status: topups.status, n: sql<number>`COUNT(*)` })
    .from(topups)
    .groupBy(topups.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** What one channel served since a moment: requests, those answered with an error, tokens, cost. */
export interface ChannelUsage {
  requests: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  costNano: number;
}

/**
 * Per channel, what it served since `since` (usage_log rows it answered or was tried last for;
 * an error is a row answered with a status ≥ 400), through usage_log_channel_created_idx.
 */
export async function usageByChannel(db: Db, since: number): Promise<Record<string, ChannelUsage>> {
  const rows = await db
    .select({
      channelId: usageLog.channelId,
      requests: sql<number>`COUNT(*)`,
      errors: sql<number>`SUM(CASE WHEN ${usageLog.status} >= 400 THEN 1 ELSE 0 END)`,
      inputTokens: sql<number>`SUM(${usageLog.inputTokens} + ${usageLog.cacheWrite5mTokens} + ${usageLog.cacheWrite1hTokens} + ${usageLog.cacheReadTokens})`,
      outputTokens: sql<number>`SUM(${usageLog.outputTokens})`,
      costNano: sql<number>`SUM(${usageLog.costNano})`,
    })
    .from(usageLog)
    .where(and(isNotNull(usageLog.channelId), gte(usageLog.createdAt, since)))
    .groupBy(usageLog.channelId);
  return Object.fromEntries(
    rows.map((r) => [
      r.channelId!,
      {
        requests: Number(r.requests),
        errors: Number(r.errors),
        inputTokens: Number(r.inputTokens),
        outputTokens: Number(r.outputTokens),
        costNano: Number(r.costNano),
      },
    ]),
  );
}
