import { sessions, usageLog, webhookEvents } from "@cc/db";
import { getTableName } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Rows deleted per statement, and statements per table per run: at most 1M rows a day each. */
export const RETENTION_BATCH = 5_000;
const MAX_BATCHES = 200;

/** What the daily job prunes, the column that dates a row, and the variable that sets how long it stays. */
export const RETAINED = [
  { table: usageLog, column: usageLog.createdAt, setting: "USAGE_LOG_RETENTION_DAYS" },
  { table: webhookEvents, column: webhookEvents.receivedAt, setting: "WEBHOOK_EVENTS_RETENTION_DAYS" },
  // A session is dated by its expiry: it is deleted that many days after it ended.
  { table: sessions, column: sessions.expiresAt, setting: "SESSIONS_RETENTION_DAYS" },
] as const satisfies ReadonlyArray<{ table: SQLiteTable; column: SQLiteColumn; setting: keyof Env }>;

export type RetentionSetting = (typeof RETAINED)[number]["setting"];

/** Days from a retention variable: a whole number ≥ 0; 0 (or unset) keeps rows forever. */
export function retentionDays(value: string | undefined, setting: string): number {
  const raw = (value ?? "").trim();
  if (raw === "") return 0;
  if (!/^\d{1,5}$/.test(raw)) throw new RangeError(`${setting} must be a whole number of days, got "${raw}"`);
  return Number(raw);
}

export interface RetentionReport {
  table: string;
  /** Rows dated before this (Unix ms) were deleted; null when the table is kept forever. */
  cutoff: number | null;
  deleted: number;
  /** True when the run stopped at its batch cap with old rows left (the next run goes on). */
  more: boolean;
}

/**
 * Deletes the rows older than each table's retention. Each statement takes the table's first
 * RETENTION_BATCH rows in rowid order (insertion order, which is date order for these tables)
 * and deletes those past the cutoff: the rows read are the rows deleted plus one batch, never a
 * scan of the whole table, and no date index is needed. A batch with a row inside the window
 * ends the table's run.
 */
export async function pruneExpired(db: D1Database, env: Env, now: number): Promise<RetentionReport[]> {
  const reports: RetentionReport[] = [];
  for (const { table, column, setting } of RETAINED) {
    const name = getTableName(table);
    const days = retentionDays(env[setting], setting);
    if (days === 0) {
      reports.push({ table: name, cutoff: null, deleted: 0, more: false });
      continue;
    }
    const cutoff = now - days * DAY_MS;
    const statement = db.prepare(
      `DELETE FROM "${name}" WHERE rowid IN (SELECT rowid FROM "${name}" ORDER BY rowid LIMIT ?1) AND "${column.name}" < ?2`,
    );
    let deleted = 0;
    let more = false;
    for (let batch = 0; ; batch++) {
      const changes = (await statement.bind(RETENTION_BATCH, cutoff).run()).meta.changes;
      deleted += changes;
      if (changes < RETENTION_BATCH) break;
      if (batch + 1 >= MAX_BATCHES) {
        more = true;
        break;
      }
    }
    reports.push({ table: name, cutoff, deleted, more });
  }
  return reports;
}
