import { balances, ledger } from "@cc/db";
import { drizzle } from "drizzle-orm/d1";

/** Entries flushed per batch; one D1 statement each, plus the balance mirror. */
const BATCH = 100;

interface OutboxRow {
  id: string;
  kind: "usage" | "topup" | "plan" | "adjustment" | "refund";
  reference: string;
  amount_nano: number;
  balance_after_nano: number;
  memo: string | null;
  created_at: number;
  [key: string]: SqlStorageValue;
}

/**
 * Copies the unflushed ledger entries to D1 in one db.batch (a single D1 transaction), then
 * marks them flushed. Idempotent: D1 ignores an entry id it already has, so a crash between
 * the batch and the marking only repeats harmless inserts. Returns how many remain.
 */
export async function flushOutbox(sql: SqlStorage, d1: D1Database, accountId: string): Promise<number> {
  const rows = sql
    .exec<OutboxRow>(
      "SELECT id, kind, reference, amount_nano, balance_after_nano, memo, created_at FROM entries WHERE flushed = 0 ORDER BY created_at, rowid LIMIT ?",
      BATCH,
    )
    .toArray();
  if (rows.length === 0) return 0;
  const db = drizzle(d1);
  const last = rows.at(-1)!;
  const inserts = rows.map((r) =>
    db
      .insert(ledger)
      .values({
        id: r.id,
        accountId,
        kind: r.kind,
        amountNano: r.amount_nano,
        balanceAfterNano: r.balance_after_nano,
        reference: r.reference,
        memo: r.memo,
        createdAt: r.created_at,
      })
      .onConflictDoNothing(),
  );
  const mirror = db
    .insert(balances)
    .values({ accountId, balanceNano: last.balance_after_nano, updatedAt: last.created_at })
    .onConflictDoUpdate({
      target: balances.accountId,
      set: { balanceNano: last.balance_after_nano, updatedAt: last.created_at },
    });
  await db.batch([mirror, ...inserts]);
  for (const r of rows) sql.exec("UPDATE entries SET flushed = 1 WHERE id = ?", r.id);
  return sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM entries WHERE flushed = 0").one().n;
}
