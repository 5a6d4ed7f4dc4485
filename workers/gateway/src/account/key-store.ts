import type { ApiKey } from "@cc/db";
import type { KeyState } from "./types.ts";

type Row = Record<string, SqlStorageValue>;

const nullableNumber = (v: SqlStorageValue | undefined): number | null =>
  v === null || v === undefined ? null : Number(v);

/** The AccountDO's copy of one key's state, or undefined when it has not loaded it yet. */
export function readKey(sql: SqlStorage, keyHash: string): KeyState | undefined {
  const row = sql.exec<Row>("SELECT * FROM keys WHERE key_hash = ?", keyHash).toArray()[0];
  if (!row) return undefined;
  return {
    keyHash,
    keyId: String(row.key_id),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
    rpmLimit: row.rpm_limit === null ? null : Number(row.rpm_limit),
    tpmLimit: row.tpm_limit === null ? null : Number(row.tpm_limit),
    allowedModels: row.allowed_models === null ? null : (JSON.parse(String(row.allowed_models)) as string[]),
    dailyLimitNano: nullableNumber(row.daily_limit_nano),
    monthlyLimitNano: nullableNumber(row.monthly_limit_nano),
    expiresAt: nullableNumber(row.expires_at),
  };
}

/** Stores a key's state as D1 has it (D1 is the source of a key's metadata). */
export function writeKey(sql: SqlStorage, key: ApiKey): void {
  sql.exec(
    `INSERT INTO keys (key_hash, key_id, revoked_at, rpm_limit, tpm_limit, allowed_models, daily_limit_nano,
       monthly_limit_nano, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (key_hash) DO UPDATE SET revoked_at = excluded.revoked_at, rpm_limit = excluded.rpm_limit,
       tpm_limit = excluded.tpm_limit, allowed_models = excluded.allowed_models,
       daily_limit_nano = excluded.daily_limit_nano, monthly_limit_nano = excluded.monthly_limit_nano,
       expires_at = excluded.expires_at`,
    key.keyHash,
    key.id,
    key.revokedAt,
    key.rpmLimit,
    key.tpmLimit,
    key.allowedModels === null ? null : JSON.stringify(key.allowedModels),
    key.dailyLimitNano,
    key.monthlyLimitNano,
    key.expiresAt,
  );
}
