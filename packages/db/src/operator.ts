import { and, desc, eq, gte, isNotNull, ne, or, sql } from "drizzle-orm";
import type { Db } from "./queries.ts";
import { accounts, type TopupStatus, topups, usageHourly } from "./schema.ts";

/**
 * The operator console's reads, across accounts: usage from the hourly rollups the accounts'
 * Durable Objects flush (indexed by hour), top-ups and accounts from their tables.
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

const HOUR_MS = 3_600_000;
const DAY = sql<number>`CAST(${usageHourly.hour} / 86400000 AS INTEGER)`;

/** Per UTC day (days since the epoch) and model, since `since`, over every account. */
export async function usageByDayAndModel(db: Db, since: number) {
  const rows = await db
    .select({
      day: DAY,
      model: usageHourly.model,
      requests: sql<number>`SUM(${usageHourly.requests})`,
      errors: sql<number>`SUM(${usageHourly.errors})`,
      inputTokens: sql<number>`SUM(${usageHourly.inputTokens})`,
      cacheTokens: sql<number>`SUM(${usageHourly.cacheWrite5mTokens} + ${usageHourly.cacheWrite1hTokens} + ${usageHourly.cacheReadTokens})`,
      outputTokens: sql<number>`SUM(${usageHourly.outputTokens})`,
      costNano: sql<number>`SUM(${usageHourly.costNano})`,
    })
    .from(usageHourly)
    .where(gte(usageHourly.hour, Math.floor(since / 3_600_000) * 3_600_000))
    .groupBy(DAY, usageHourly.model)
    .orderBy(desc(DAY), usageHourly.model);
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
 * Per channel, what it served from the UTC hour `since` falls in (usage_hourly, which each
 * account's Durable Object flushes seconds after a request ends): requests it answered or was
 * tried last for, and those that did not end `ok`. Whole hours: "the last hour" is one to two.
 */
export async function usageByChannel(db: Db, since: number): Promise<Record<string, ChannelUsage>> {
  const rows = await db
    .select({
      channel: usageHourly.channel,
      requests: sql<number>`SUM(${usageHourly.requests})`,
      errors: sql<number>`SUM(${usageHourly.errors})`,
      inputTokens: sql<number>`SUM(${usageHourly.inputTokens} + ${usageHourly.cacheWrite5mTokens} + ${usageHourly.cacheWrite1hTokens} + ${usageHourly.cacheReadTokens})`,
      outputTokens: sql<number>`SUM(${usageHourly.outputTokens})`,
      costNano: sql<number>`SUM(${usageHourly.costNano})`,
    })
    .from(usageHourly)
    .where(and(ne(usageHourly.channel, ""), gte(usageHourly.hour, since - (since % HOUR_MS))))
    .groupBy(usageHourly.channel);
  return Object.fromEntries(
    rows.map((r) => [
      r.channel,
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
