/**
 * The AccountDO's SQLite schema, versioned from the first commit: each step runs once, in
 * order, and `meta.schema_version` records how far an object has come. Never edit a step
 * that has shipped; add one. docs/storage-schema.md describes every table.
 */
export const SCHEMA_STEPS: readonly string[] = [
  // v1
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE account (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     account_id TEXT NOT NULL,
     plan TEXT NOT NULL,
     balance_nano INTEGER NOT NULL CHECK (balance_nano >= 0)
   );
   CREATE TABLE keys (
     key_hash TEXT PRIMARY KEY,
     key_id TEXT NOT NULL,
     revoked_at INTEGER,
     rpm_limit INTEGER,
     tpm_limit INTEGER,
     allowed_models TEXT
   );
   CREATE TABLE reservations (
     id TEXT PRIMARY KEY,
     key_hash TEXT NOT NULL,
     model TEXT NOT NULL,
     plan TEXT NOT NULL,
     amount_nano INTEGER NOT NULL CHECK (amount_nano >= 0),
     input_estimate INTEGER NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE entries (
     id TEXT PRIMARY KEY,
     kind TEXT NOT NULL,
     reference TEXT NOT NULL,
     amount_nano INTEGER NOT NULL,
     balance_after_nano INTEGER NOT NULL,
     memo TEXT,
     created_at INTEGER NOT NULL,
     flushed INTEGER NOT NULL DEFAULT 0,
     UNIQUE (kind, reference)
   );
   CREATE INDEX entries_outbox ON entries (flushed, created_at);
   CREATE TABLE window (
     id TEXT PRIMARY KEY,
     key_hash TEXT NOT NULL,
     at INTEGER NOT NULL,
     tokens INTEGER NOT NULL
   );
   CREATE INDEX window_key_at ON window (key_hash, at);`,
  // v2: settle never caps a charge, so a balance may go below zero (a debt).
  `CREATE TABLE account_v2 (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     account_id TEXT NOT NULL,
     plan TEXT NOT NULL,
     balance_nano INTEGER NOT NULL
   );
   INSERT INTO account_v2 (id, account_id, plan, balance_nano) SELECT id, account_id, plan, balance_nano FROM account;
   DROP TABLE account;
   ALTER TABLE account_v2 RENAME TO account;`,
  // v3: a reservation keeps the price row it was made with (JSON), for its settlement.
  `ALTER TABLE reservations ADD COLUMN price TEXT;`,
  // v4: the vendor-stored objects the account owns (docs/storage-schema.md).
  `CREATE TABLE objects (
     kind TEXT NOT NULL,
     id TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     expires_at INTEGER,
     context_tokens INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (kind, id)
   );`,
  // v5: per-request usage and its hourly rollups live with the account; windows and open
  // reservations move to memory (docs/storage-schema.md). A request's row is its usage ledger
  // entry (its cost, the balance after it), which the outbox sends to D1 in batches.
  `CREATE TABLE requests (
     id TEXT PRIMARY KEY,
     key_id TEXT NOT NULL,
     model TEXT NOT NULL,
     format TEXT NOT NULL,
     stream INTEGER NOT NULL,
     status INTEGER NOT NULL,
     outcome TEXT NOT NULL,
     input_tokens INTEGER NOT NULL,
     cache_write_5m_tokens INTEGER NOT NULL,
     cache_write_1h_tokens INTEGER NOT NULL,
     cache_read_tokens INTEGER NOT NULL,
     output_tokens INTEGER NOT NULL,
     thinking_tokens INTEGER NOT NULL,
     service_tier TEXT,
     tool_uses TEXT,
     channel TEXT,
     cost_nano INTEGER NOT NULL,
     latency_ms INTEGER NOT NULL,
     ttfb_ms INTEGER,
     created_at INTEGER NOT NULL,
     balance_after_nano INTEGER NOT NULL,
     batch_id TEXT,
     flushed INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX requests_created ON requests (created_at);
   CREATE INDEX requests_outbox ON requests (flushed, batch_id);
   CREATE TABLE rollups (
     hour INTEGER NOT NULL,
     key_id TEXT NOT NULL,
     model TEXT NOT NULL,
     channel TEXT NOT NULL DEFAULT '',
     requests INTEGER NOT NULL DEFAULT 0,
     errors INTEGER NOT NULL DEFAULT 0,
     input_tokens INTEGER NOT NULL DEFAULT 0,
     cache_write_5m_tokens INTEGER NOT NULL DEFAULT 0,
     cache_write_1h_tokens INTEGER NOT NULL DEFAULT 0,
     cache_read_tokens INTEGER NOT NULL DEFAULT 0,
     output_tokens INTEGER NOT NULL DEFAULT 0,
     thinking_tokens INTEGER NOT NULL DEFAULT 0,
     cost_nano INTEGER NOT NULL DEFAULT 0,
     dirty INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (hour, key_id, model, channel)
   );
   CREATE INDEX rollups_dirty ON rollups (dirty);
   ALTER TABLE entries ADD COLUMN batch_id TEXT;
   CREATE INDEX entries_batch ON entries (batch_id);
   ALTER TABLE keys ADD COLUMN last_used_at INTEGER;
   ALTER TABLE keys ADD COLUMN last_used_dirty INTEGER NOT NULL DEFAULT 0;
   DROP TABLE window;`,
  // v6: per-key spend caps (UTC day and month, nano-USD) and expiry, enforced at admission; an
  // account its owner deleted (closed_at) admits nothing. Per-key spend is summed by key and time.
  `ALTER TABLE keys ADD COLUMN daily_limit_nano INTEGER;
   ALTER TABLE keys ADD COLUMN monthly_limit_nano INTEGER;
   ALTER TABLE keys ADD COLUMN expires_at INTEGER;
   ALTER TABLE account ADD COLUMN closed_at INTEGER;
   CREATE INDEX requests_key_created ON requests (key_id, created_at);`,
];

export const SCHEMA_VERSION = SCHEMA_STEPS.length;

/** Brings the object's storage up to {@link SCHEMA_VERSION}; call inside blockConcurrencyWhile. */
export function migrate(sql: SqlStorage, transactionSync: <T>(fn: () => T) => T): void {
  const hasMeta =
    sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").toArray().length > 0;
  let version = 0;
  if (hasMeta) {
    const row = sql.exec("SELECT value FROM meta WHERE key = 'schema_version'").toArray()[0];
    version = row ? Number(row.value) : 0;
  }
  for (let step = version; step < SCHEMA_STEPS.length; step++) {
    transactionSync(() => {
      sql.exec(SCHEMA_STEPS[step]!);
      sql.exec(
        "INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        String(step + 1),
      );
    });
  }
}
