/**
 * The account's outbox to D1: ledger entries, hourly usage rollups and its keys' last use, sent
 * by the alarm in ONE `db.batch` of four statements, however many requests they cover. Each
 * statement carries its rows as one JSON parameter (`json_each`), so a flush costs the same
 * few statements for one request or a thousand. The charges of the requests (each request's
 * usage row is its ledger entry) travel as one ledger row per flush batch (`usage` kind,
 * reference `usage-batch:<id>`); money events (top-ups, plans, adjustments, refunds) as rows
 * of their own.
 *
 * Idempotent: a batch id is assigned in the object's storage before the send, ledger ids never
 * change, and D1 ignores a ledger row it already has and overwrites rollups with absolute totals;
 * a crash between the send and the marking only repeats harmless writes.
 */
import { randomBase62 } from "@cc/web-crypto";
import { logD1 } from "../observability/d1-log.ts";
import { rollUp } from "./request-log.ts";

type Row = Record<string, SqlStorageValue>;

/** Money entries per flush (each travels as its own ledger row); more wait for the next round. */
const BATCH = 500;
/**
 * Requests per flush. They travel as one ledger row whatever their number, so a round's size
 * only bounds the object's own work: a minute of a busy account goes in a round or two.
 */
const REQUESTS_PER_BATCH = 20_000;

/** What a flush sent, for tests and logs. */
export interface FlushResult {
  ledgerRows: number;
  rollups: number;
  keys: number;
  /** Unflushed entries left after this round. */
  left: number;
  /** The round was as large as a round may be: more was waiting when it was gathered. */
  full: boolean;
}

export async function flushOutbox(
  sql: SqlStorage,
  transactionSync: <T>(fn: () => T) => T,
  d1: D1Database,
  accountId: string,
): Promise<FlushResult> {
  // 1. Gather, in one transaction: the rollups follow the requests; charged requests (and
  //    usage entries of objects from before schema v5) not yet in a batch get one.
  const gathered = transactionSync(() => {
    rollUp(sql);
    const batch = `usage-batch:${randomBase62(12)}`;
    const requests = sql.exec(
      `UPDATE requests SET batch_id = ? WHERE rowid IN
         (SELECT rowid FROM requests WHERE flushed = 0 AND batch_id IS NULL ORDER BY rowid LIMIT ?)`,
      batch,
      REQUESTS_PER_BATCH,
    ).rowsWritten;
    const legacy = sql.exec(
      `UPDATE entries SET batch_id = ? WHERE rowid IN
         (SELECT rowid FROM entries WHERE flushed = 0 AND kind = 'usage' AND batch_id IS NULL LIMIT ?)`,
      batch,
      BATCH,
    ).rowsWritten;
    const money = sql
      .exec<Row>(
        "SELECT id, kind, reference, amount_nano, balance_after_nano, memo, created_at FROM entries WHERE flushed = 0 AND kind != 'usage' ORDER BY created_at, rowid LIMIT ?",
        BATCH,
      )
      .toArray();
    // A batch's rows: its requests' charges, and legacy usage entries; the balance after its last.
    const batches = sql
      .exec<Row>(
        `SELECT batch_id, -SUM(cost) AS amount, COUNT(*) AS n, MAX(at) AS at,
           (SELECT after FROM (
              SELECT batch_id AS b, created_at + latency_ms AS at, balance_after_nano AS after, rowid AS r FROM requests WHERE flushed = 0
              UNION ALL SELECT batch_id, created_at, balance_after_nano, rowid FROM entries WHERE flushed = 0 AND kind = 'usage')
            WHERE b = u.batch_id ORDER BY at DESC, r DESC LIMIT 1) AS after
         FROM (
           SELECT batch_id, cost_nano AS cost, created_at + latency_ms AS at FROM requests WHERE flushed = 0 AND batch_id IS NOT NULL
           UNION ALL
           SELECT batch_id, -amount_nano, created_at FROM entries WHERE flushed = 0 AND kind = 'usage' AND batch_id IS NOT NULL
         ) AS u GROUP BY batch_id`,
      )
      .toArray();
    const rollups = sql.exec<Row>("SELECT *, dirty AS seen FROM rollups WHERE dirty > 0").toArray();
    const keys = sql
      .exec<Row>("SELECT key_id, last_used_at, last_used_dirty FROM keys WHERE last_used_dirty > 0")
      .toArray();
    const full = requests >= REQUESTS_PER_BATCH || legacy >= BATCH || money.length >= BATCH;
    return { money, batches, rollups, keys, full };
  });
  const { money, batches, rollups, keys, full } = gathered;
  // The balance mirror follows the latest of what this round sends.
  const last = [
    ...money.map((m) => ({ at: Number(m.created_at), after: m.balance_after_nano })),
    ...batches.map((b) => ({ at: Number(b.at), after: b.after })),
  ]
    .sort((a, b) => a.at - b.at)
    .at(-1);
  if (money.length + batches.length + rollups.length + keys.length === 0)
    return { ledgerRows: 0, rollups: 0, keys: 0, left: 0, full: false };

  // 2. Send, in one D1 transaction.
  const ledgerRows = [
    ...money.map((r) => ({
      id: r.id,
      kind: r.kind,
      amount: r.amount_nano,
      after: r.balance_after_nano,
      reference: r.reference,
      memo: r.memo,
      at: r.created_at,
    })),
    ...batches.map((b) => ({
      id: `ent_${String(b.batch_id).slice("usage-batch:".length)}`,
      kind: "usage",
      amount: b.amount,
      after: b.after,
      reference: b.batch_id,
      memo: `${b.n} request${Number(b.n) === 1 ? "" : "s"}`,
      at: b.at,
    })),
  ];
  const statements: D1PreparedStatement[] = [];
  if (ledgerRows.length > 0) {
    statements.push(
      d1
        .prepare(
          `INSERT INTO ledger (id, account_id, kind, amount_nano, balance_after_nano, reference, memo, created_at)
           SELECT json_extract(value, '$.id'), ?1, json_extract(value, '$.kind'), json_extract(value, '$.amount'),
             json_extract(value, '$.after'), json_extract(value, '$.reference'), json_extract(value, '$.memo'),
             json_extract(value, '$.at')
           FROM json_each(?2) WHERE true ON CONFLICT DO NOTHING`,
        )
        .bind(accountId, JSON.stringify(ledgerRows)),
    );
  }
  if (last) {
    statements.push(
      d1
        .prepare(
          `INSERT INTO balances (account_id, balance_nano, updated_at) VALUES (?1, ?2, ?3)
           ON CONFLICT (account_id) DO UPDATE SET balance_nano = excluded.balance_nano, updated_at = excluded.updated_at`,
        )
        .bind(accountId, last.after, last.at),
    );
  }
  if (rollups.length > 0) {
    statements.push(
      d1
        .prepare(
          `INSERT INTO usage_hourly (account_id, key_id, model, channel, hour, requests, errors, input_tokens,
             cache_write_5m_tokens, cache_write_1h_tokens, cache_read_tokens, output_tokens, thinking_tokens, cost_nano)
           SELECT ?1, json_extract(value, '$.key_id'), json_extract(value, '$.model'), json_extract(value, '$.channel'),
             json_extract(value, '$.hour'), json_extract(value, '$.requests'), json_extract(value, '$.errors'),
             json_extract(value, '$.input_tokens'), json_extract(value, '$.cache_write_5m_tokens'),
             json_extract(value, '$.cache_write_1h_tokens'), json_extract(value, '$.cache_read_tokens'),
             json_extract(value, '$.output_tokens'), json_extract(value, '$.thinking_tokens'), json_extract(value, '$.cost_nano')
           FROM json_each(?2) WHERE true
           ON CONFLICT (account_id, key_id, model, channel, hour) DO UPDATE SET
             requests = excluded.requests, errors = excluded.errors, input_tokens = excluded.input_tokens,
             cache_write_5m_tokens = excluded.cache_write_5m_tokens, cache_write_1h_tokens = excluded.cache_write_1h_tokens,
             cache_read_tokens = excluded.cache_read_tokens, output_tokens = excluded.output_tokens,
             thinking_tokens = excluded.thinking_tokens, cost_nano = excluded.cost_nano`,
        )
        .bind(accountId, JSON.stringify(rollups)),
    );
  }
  if (keys.length > 0) {
    statements.push(
      d1
        .prepare(
          `UPDATE api_keys SET last_used_at = json_extract(j.value, '$.at')
           FROM json_each(?1) AS j WHERE api_keys.id = json_extract(j.value, '$.id')`,
        )
        .bind(JSON.stringify(keys.map((k) => ({ id: k.key_id, at: k.last_used_at })))),
    );
  }
  logD1("outbox flush", statements.length);
  await d1.batch(statements);

  // 3. Mark what was sent (a row changed since the gather stays dirty for the next round).
  transactionSync(() => {
    for (const r of money) sql.exec("UPDATE entries SET flushed = 1 WHERE id = ?", r.id);
    for (const b of batches) {
      sql.exec("UPDATE requests SET flushed = 1 WHERE flushed = 0 AND batch_id = ?", b.batch_id);
      sql.exec("UPDATE entries SET flushed = 1 WHERE batch_id = ?", b.batch_id);
    }
    for (const r of rollups) {
      sql.exec(
        "UPDATE rollups SET dirty = dirty - ? WHERE hour = ? AND key_id = ? AND model = ? AND channel = ?",
        r.seen,
        r.hour,
        r.key_id,
        r.model,
        r.channel,
      );
    }
    for (const k of keys) {
      sql.exec(
        "UPDATE keys SET last_used_dirty = last_used_dirty - ? WHERE key_id = ?",
        k.last_used_dirty,
        k.key_id,
      );
    }
  });
  const left =
    sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM entries WHERE flushed = 0").one().n +
    sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM requests WHERE flushed = 0").one().n;
  return { ledgerRows: ledgerRows.length, rollups: rollups.length, keys: keys.length, left, full };
}
