import type { ObjectRef, StoredObject } from "@cc/formats";

type Row = Record<string, SqlStorageValue>;

/**
 * The vendor-stored objects an account owns (stored responses and their items, containers…),
 * in the account's own storage: admission refuses an id the account does not own, and reserves
 * the context a stored response carries when a request continues it.
 */

/** The index of the first ref the account does not own (or whose object expired), else -1. */
export function firstUnowned(
  sql: SqlStorage,
  refs: readonly Pick<ObjectRef, "kind" | "id">[],
  now: number,
): number {
  return refs.findIndex((ref) => {
    const row = sql
      .exec<Row>("SELECT expires_at FROM objects WHERE kind = ? AND id = ?", ref.kind, ref.id)
      .toArray()[0];
    return !row || (row.expires_at !== null && Number(row.expires_at) <= now);
  });
}

/** The tokens of context the named stored responses carry upstream (their input and output). */
export function contextTokens(sql: SqlStorage, refs: readonly Pick<ObjectRef, "kind" | "id">[]): number {
  let tokens = 0;
  for (const ref of refs) {
    if (ref.kind !== "response") continue;
    const row = sql
      .exec<Row>("SELECT context_tokens FROM objects WHERE kind = 'response' AND id = ?", ref.id)
      .toArray()[0];
    tokens += row ? Number(row.context_tokens) : 0;
  }
  return tokens;
}

/**
 * Records what a settled request created or named; a stored response keeps `context` (every
 * token it read and wrote), which a continuation sends upstream again.
 */
export function recordObjects(
  sql: SqlStorage,
  objects: readonly StoredObject[],
  context: number,
  now: number,
): void {
  for (const o of objects) {
    sql.exec(
      `INSERT INTO objects (kind, id, created_at, expires_at, context_tokens) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (kind, id) DO UPDATE SET expires_at = excluded.expires_at, context_tokens = excluded.context_tokens`,
      o.kind,
      o.id,
      now,
      o.expiresAt,
      o.kind === "response" ? context : 0,
    );
  }
}

/** Forgets objects the vendor no longer keeps. */
export function pruneObjects(sql: SqlStorage, now: number): void {
  sql.exec("DELETE FROM objects WHERE expires_at IS NOT NULL AND expires_at <= ?", now);
}
