import { type RateLimits, remaining, resetAt, WINDOW_MS, type WindowEntry } from "@cc/billing";
import type { LimitSnapshot } from "./types.ts";

type Row = Record<string, SqlStorageValue>;

/** A key's live window entries (one per admitted request of the last 60 s); older ones are dropped. */
export function loadWindow(sql: SqlStorage, keyHash: string, now: number): WindowEntry[] {
  sql.exec("DELETE FROM window WHERE key_hash = ? AND at <= ?", keyHash, now - WINDOW_MS);
  return sql
    .exec<Row>("SELECT id, at, tokens FROM window WHERE key_hash = ?", keyHash)
    .toArray()
    .map((r) => ({ id: String(r.id), at: Number(r.at), tokens: Number(r.tokens), requests: 1 }));
}

/** Records an admitted request in its key's window, counting its input estimate as tokens. */
export function recordAdmission(
  sql: SqlStorage,
  requestId: string,
  keyHash: string,
  now: number,
  tokens: number,
): void {
  sql.exec(
    "INSERT INTO window (id, key_hash, at, tokens) VALUES (?, ?, ?, ?)",
    requestId,
    keyHash,
    now,
    tokens,
  );
}

/** Replaces a request's estimate with the tokens it really used (0 when released). */
export function correctTokens(sql: SqlStorage, requestId: string, tokens: number): void {
  sql.exec("UPDATE window SET tokens = ? WHERE id = ?", tokens, requestId);
}

/** What the vendor rate-limit headers report: the limits, what is left, when each refills. */
export function limitSnapshot(entries: WindowEntry[], now: number, limits: RateLimits): LimitSnapshot {
  const left = remaining(entries, now, limits);
  const reset = resetAt(entries, now);
  return {
    rpm: limits.rpm,
    tpm: limits.tpm,
    requestsRemaining: left.requests,
    tokensRemaining: left.tokens,
    requestsResetAt: reset.requests,
    tokensResetAt: reset.tokens,
    now,
  };
}
