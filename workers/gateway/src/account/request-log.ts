import type { UsageRecord } from "@cc/formats";
import type { RequestFacts } from "./types.ts";

type Row = Record<string, SqlStorageValue>;

/**
 * The account's per-request usage, in its own storage (the account is the shard): one row per
 * request that passed admission, written in the same transaction as its charge, and hourly
 * rollups per key × model × channel derived from them for the dashboards and for D1.
 */

const HOUR_MS = 3_600_000;

/**
 * Records one ended request: its usage row, which is also its usage ledger entry (its cost and
 * the balance after it). One statement: rollups and keys' last use are derived from these rows
 * when the outbox flushes ({@link rollUp}), not per request. False when the row exists already
 * (the request was settled before: settle is idempotent on it).
 */
export function recordRequest(
  sql: SqlStorage,
  requestId: string,
  model: string,
  facts: RequestFacts,
  usage: UsageRecord,
  costNano: number,
  balanceAfterNano: number,
  now: number,
): boolean {
  return (
    sql.exec(
      `INSERT OR IGNORE INTO requests (id, key_id, model, format, stream, status, outcome, input_tokens,
         cache_write_5m_tokens, cache_write_1h_tokens, cache_read_tokens, output_tokens, thinking_tokens,
         service_tier, tool_uses, channel, cost_nano, latency_ms, ttfb_ms, created_at, balance_after_nano, flushed)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      requestId,
      facts.keyId,
      model,
      facts.format,
      facts.stream ? 1 : 0,
      facts.status,
      facts.outcome,
      usage.input,
      usage.cacheWrite5m,
      usage.cacheWrite1h,
      usage.cacheRead,
      usage.output,
      usage.thinking,
      usage.serviceTier ?? null,
      usage.toolUses ? JSON.stringify(usage.toolUses) : null,
      facts.channel ?? null,
      costNano,
      Math.max(0, now - facts.startedAt),
      facts.ttfbMs,
      facts.startedAt,
      balanceAfterNano,
      // A request that cost nothing has nothing for the ledger to carry.
      costNano === 0 ? 1 : 0,
    ).rowsWritten > 0
  );
}

/** The cost of a request settled before, or undefined when it has no row. */
export function settledCost(sql: SqlStorage, requestId: string): number | undefined {
  const row = sql.exec<Row>("SELECT cost_nano FROM requests WHERE id = ?", requestId).toArray()[0];
  return row ? Number(row.cost_nano) : undefined;
}

/**
 * Brings the hourly rollups and keys' last use up to date with the requests recorded since the
 * last call: each hour a new request falls in is summed again whole (absolute totals, so a
 * repeated flush changes nothing), and marked dirty for the outbox.
 */
export function rollUp(sql: SqlStorage): void {
  const mark = Number(
    sql.exec<Row>("SELECT value FROM meta WHERE key = 'rolled_rowid'").toArray()[0]?.value ?? 0,
  );
  const top = Number(sql.exec<Row>("SELECT COALESCE(MAX(rowid), 0) AS n FROM requests").one().n);
  if (top <= mark) return;
  const hours = sql
    .exec<Row>(
      // CAST: a JS number binds as REAL, and REAL division keeps the fraction.
      "SELECT DISTINCT CAST(created_at / ? AS INTEGER) * ? AS hour FROM requests WHERE rowid > ?",
      HOUR_MS,
      HOUR_MS,
      mark,
    )
    .toArray()
    .map((r) => Number(r.hour));
  for (const hour of hours) {
    sql.exec(
      `INSERT INTO rollups (hour, key_id, model, channel, requests, errors, input_tokens, cache_write_5m_tokens,
         cache_write_1h_tokens, cache_read_tokens, output_tokens, thinking_tokens, cost_nano, dirty)
       SELECT ?, key_id, model, COALESCE(channel, ''), COUNT(*), SUM(outcome != 'ok'), SUM(input_tokens),
         SUM(cache_write_5m_tokens), SUM(cache_write_1h_tokens), SUM(cache_read_tokens), SUM(output_tokens),
         SUM(thinking_tokens), SUM(cost_nano), 1
       FROM requests WHERE created_at >= ? AND created_at < ? GROUP BY key_id, model, COALESCE(channel, '')
       ON CONFLICT (hour, key_id, model, channel) DO UPDATE SET
         requests = excluded.requests, errors = excluded.errors, input_tokens = excluded.input_tokens,
         cache_write_5m_tokens = excluded.cache_write_5m_tokens, cache_write_1h_tokens = excluded.cache_write_1h_tokens,
         cache_read_tokens = excluded.cache_read_tokens, output_tokens = excluded.output_tokens,
         thinking_tokens = excluded.thinking_tokens, cost_nano = excluded.cost_nano, dirty = dirty + 1`,
      hour,
      hour,
      hour + HOUR_MS,
    );
  }
  sql.exec(
    `UPDATE keys SET last_used_at = MAX(COALESCE(last_used_at, 0), u.at), last_used_dirty = last_used_dirty + 1
     FROM (SELECT key_id, MAX(created_at + latency_ms) AS at FROM requests WHERE rowid > ? GROUP BY key_id) AS u
     WHERE keys.key_id = u.key_id`,
    mark,
  );
  sql.exec(
    "INSERT INTO meta (key, value) VALUES ('rolled_rowid', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    String(top),
  );
}

/** A request as the dashboards show it. */
export interface RequestRow {
  id: string;
  keyId: string;
  model: string;
  format: string;
  stream: boolean;
  status: number;
  outcome: string;
  inputTokens: number;
  cacheWrite5mTokens: number;
  cacheWrite1hTokens: number;
  cacheReadTokens: number;
  outputTokens: number;
  thinkingTokens: number;
  serviceTier: string | null;
  toolUses: Record<string, number> | null;
  channel: string | null;
  costNano: number;
  latencyMs: number;
  ttfbMs: number | null;
  createdAt: number;
}

const toRequestRow = (r: Row): RequestRow => ({
  id: String(r.id),
  keyId: String(r.key_id),
  model: String(r.model),
  format: String(r.format),
  stream: Number(r.stream) === 1,
  status: Number(r.status),
  outcome: String(r.outcome),
  inputTokens: Number(r.input_tokens),
  cacheWrite5mTokens: Number(r.cache_write_5m_tokens),
  cacheWrite1hTokens: Number(r.cache_write_1h_tokens),
  cacheReadTokens: Number(r.cache_read_tokens),
  outputTokens: Number(r.output_tokens),
  thinkingTokens: Number(r.thinking_tokens),
  serviceTier: r.service_tier === null ? null : String(r.service_tier),
  toolUses: r.tool_uses === null ? null : (JSON.parse(String(r.tool_uses)) as Record<string, number>),
  channel: r.channel === null ? null : String(r.channel),
  costNano: Number(r.cost_nano),
  latencyMs: Number(r.latency_ms),
  ttfbMs: r.ttfb_ms === null ? null : Number(r.ttfb_ms),
  createdAt: Number(r.created_at),
});

/** The latest requests, newest first. */
export function latestRequests(sql: SqlStorage, limit: number): RequestRow[] {
  return sql
    .exec<Row>("SELECT * FROM requests ORDER BY created_at DESC LIMIT ?", limit)
    .toArray()
    .map(toRequestRow);
}

/** One request by id. */
export function requestById(sql: SqlStorage, id: string): RequestRow | undefined {
  const row = sql.exec<Row>("SELECT * FROM requests WHERE id = ?", id).toArray()[0];
  return row ? toRequestRow(row) : undefined;
}

/** Per UTC day (days since the epoch) and model, since `since`: cost, tokens and requests. */
export function dailyByModel(sql: SqlStorage, since: number) {
  return sql
    .exec<Row>(
      `SELECT CAST(hour / 86400000 AS INTEGER) AS day, model, SUM(cost_nano) AS cost_nano,
         SUM(input_tokens + cache_write_5m_tokens + cache_write_1h_tokens + cache_read_tokens + output_tokens) AS tokens,
         SUM(requests) AS requests
       FROM rollups WHERE hour >= ? GROUP BY day, model`,
      Math.floor(since / HOUR_MS) * HOUR_MS,
    )
    .toArray()
    .map((r) => ({
      day: Number(r.day),
      model: String(r.model),
      costNano: Number(r.cost_nano),
      tokens: Number(r.tokens),
      requests: Number(r.requests),
    }));
}

/** Σ cost of the requests since `since` (hour granularity: `since` is a day or month start). */
export function costSince(sql: SqlStorage, since: number): number {
  return Number(
    sql.exec<Row>("SELECT COALESCE(SUM(cost_nano), 0) AS n FROM rollups WHERE hour >= ?", since).one().n,
  );
}

/**
 * Deletes requests older than `cutoff`, and rollups already flushed that old. Callers keep the
 * current month whatever the retention: the keys' monthly spend caps count its requests.
 */
export function pruneRequests(sql: SqlStorage, cutoff: number): void {
  sql.exec("DELETE FROM requests WHERE created_at < ?", cutoff);
  sql.exec("DELETE FROM rollups WHERE hour < ? AND dirty = 0", cutoff);
  // Emptied, the table numbers its next row 1 again (no AUTOINCREMENT): the rollups' mark must
  // start over with it, or every new row would sit below the mark and never be rolled up.
  if (sql.exec<Row>("SELECT COUNT(*) AS n FROM (SELECT 1 FROM requests LIMIT 1)").one().n === 0) {
    sql.exec("UPDATE meta SET value = 0 WHERE key = 'rolled_rowid'");
  }
}

// ── analytics: the usage page, its CSV export, the keys page ───────────────────────────────

/** A selection of requests: a time range [from, to) and optional filters. */
export interface UsageFilter {
  from: number;
  to: number;
  keyId?: string | undefined;
  model?: string | undefined;
  format?: string | undefined;
}

/** Where a page of requests ends: the last row's (created_at, id), newest-first order. */
export interface RequestCursor {
  at: number;
  id: string;
}

const whereOf = (f: UsageFilter): { sql: string; params: SqlStorageValue[] } => {
  const parts = ["created_at >= ?", "created_at < ?"];
  const params: SqlStorageValue[] = [f.from, f.to];
  for (const [column, value] of [
    ["key_id", f.keyId],
    ["model", f.model],
    ["format", f.format],
  ] as const) {
    if (value === undefined) continue;
    parts.push(`${column} = ?`);
    params.push(value);
  }
  return { sql: parts.join(" AND "), params };
};

/** What the selection adds up to. */
export interface UsageTotals {
  requests: number;
  errors: number;
  inputTokens: number;
  cacheWrite5mTokens: number;
  cacheWrite1hTokens: number;
  cacheReadTokens: number;
  outputTokens: number;
  thinkingTokens: number;
  costNano: number;
}

const SUMS = `COUNT(*) AS requests, COALESCE(SUM(outcome != 'ok'), 0) AS errors,
  COALESCE(SUM(input_tokens), 0) AS input_tokens, COALESCE(SUM(cache_write_5m_tokens), 0) AS cache_write_5m_tokens,
  COALESCE(SUM(cache_write_1h_tokens), 0) AS cache_write_1h_tokens, COALESCE(SUM(cache_read_tokens), 0) AS cache_read_tokens,
  COALESCE(SUM(output_tokens), 0) AS output_tokens, COALESCE(SUM(thinking_tokens), 0) AS thinking_tokens,
  COALESCE(SUM(cost_nano), 0) AS cost_nano`;

const toTotals = (r: Row): UsageTotals => ({
  requests: Number(r.requests),
  errors: Number(r.errors),
  inputTokens: Number(r.input_tokens),
  cacheWrite5mTokens: Number(r.cache_write_5m_tokens),
  cacheWrite1hTokens: Number(r.cache_write_1h_tokens),
  cacheReadTokens: Number(r.cache_read_tokens),
  outputTokens: Number(r.output_tokens),
  thinkingTokens: Number(r.thinking_tokens),
  costNano: Number(r.cost_nano),
});

/** Totals of the selection. */
export function usageTotals(sql: SqlStorage, f: UsageFilter): UsageTotals {
  const w = whereOf(f);
  return toTotals(sql.exec<Row>(`SELECT ${SUMS} FROM requests WHERE ${w.sql}`, ...w.params).one());
}

/**
 * The selection per time bucket and model: buckets of `bucketMs` (an hour or a day) aligned to
 * the viewer's clock, `offsetMs` ahead of UTC (so a day is the viewer's day).
 */
export function usageSeries(sql: SqlStorage, f: UsageFilter, bucketMs: number, offsetMs: number) {
  const w = whereOf(f);
  return sql
    .exec<Row>(
      // CAST: a JS number binds as REAL, and REAL division keeps the fraction.
      `SELECT CAST((created_at + ?) / ? AS INTEGER) * ? - ? AS bucket, model, ${SUMS}
       FROM requests WHERE ${w.sql} GROUP BY bucket, model`,
      offsetMs,
      bucketMs,
      bucketMs,
      offsetMs,
      ...w.params,
    )
    .toArray()
    .map((r) => ({ bucket: Number(r.bucket), model: String(r.model), ...toTotals(r) }));
}

/** The models, formats and keys the account's requests since `since` used: the filters' choices. */
export function usageDimensions(sql: SqlStorage, since: number) {
  const distinct = (column: string) =>
    sql
      .exec<Row>(`SELECT DISTINCT ${column} AS v FROM requests WHERE created_at >= ? ORDER BY v`, since)
      .toArray()
      .map((r) => String(r.v));
  return { models: distinct("model"), formats: distinct("format"), keyIds: distinct("key_id") };
}

/**
 * One page of the selection, newest first, after `cursor`; `next` continues it (undefined on the
 * last page). Keyset paging: a page costs the same however deep, and rows arriving meanwhile
 * never shift or repeat a page.
 */
export function requestsPage(
  sql: SqlStorage,
  f: UsageFilter,
  cursor: RequestCursor | undefined,
  limit: number,
): { rows: RequestRow[]; next: RequestCursor | undefined } {
  const w = whereOf(f);
  const after = cursor ? " AND (created_at < ? OR (created_at = ? AND id < ?))" : "";
  const params = cursor ? [...w.params, cursor.at, cursor.at, cursor.id] : w.params;
  const rows = sql
    .exec<Row>(
      `SELECT * FROM requests WHERE ${w.sql}${after} ORDER BY created_at DESC, id DESC LIMIT ?`,
      ...params,
      limit + 1,
    )
    .toArray()
    .map(toRequestRow);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  return { rows: page, next: more && last ? { at: last.createdAt, id: last.id } : undefined };
}

/** Σ cost of one key's requests started at or after `since` (its spend caps' count). */
export function keyCostSince(sql: SqlStorage, keyId: string, since: number): number {
  return Number(
    sql
      .exec<Row>(
        "SELECT COALESCE(SUM(cost_nano), 0) AS n FROM requests WHERE key_id = ? AND created_at >= ?",
        keyId,
        since,
      )
      .one().n,
  );
}

/** Per key: spend since `dayStart` and since `monthStart`, and its latest request's end. */
export function keysSpend(sql: SqlStorage, dayStart: number, monthStart: number) {
  return sql
    .exec<Row>(
      `SELECT key_id, COALESCE(SUM(CASE WHEN created_at >= ? THEN cost_nano ELSE 0 END), 0) AS today,
         COALESCE(SUM(cost_nano), 0) AS month, MAX(created_at + latency_ms) AS last
       FROM requests WHERE created_at >= ? GROUP BY key_id`,
      dayStart,
      monthStart,
    )
    .toArray()
    .map((r) => ({
      keyId: String(r.key_id),
      todayNano: Number(r.today),
      monthNano: Number(r.month),
      lastUsedAt: Number(r.last),
    }));
}
