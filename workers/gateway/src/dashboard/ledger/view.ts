import { type LedgerRow, ledgerQueries } from "@cc/db";
import { drizzle } from "drizzle-orm/d1";
import { accountStub } from "../../account/client.ts";
import { DAY_MS } from "../../lib/periods.ts";

/**
 * The ledger as the customer reads it, newest first: each money event (top-up, plan purchase,
 * refund, adjustment) a row of its own, and usage one row per UTC day, with its models for the
 * expansion. Paged by a cursor (a row's time and id), back to the first entry.
 */

export interface MoneyItem {
  type: "money";
  at: number;
  id: string;
  entry: LedgerRow;
}

export interface UsageDayItem {
  type: "usage";
  /** The day's last millisecond: where the row sorts. */
  at: number;
  id: string;
  day: number;
  requests: number;
  /** Negative: what the day's requests cost. */
  amountNano: number;
  balanceAfterNano: number;
  models: Array<{ model: string; requests: number; costNano: number }>;
}

export type LedgerItem = MoneyItem | UsageDayItem;

export interface LedgerCursor {
  at: number;
  id: string;
}

const before = (a: LedgerCursor, b: LedgerCursor) => a.at < b.at || (a.at === b.at && a.id < b.id);

export const formatLedgerCursor = (c: LedgerCursor) => `${c.at}.${c.id}`;
export function parseLedgerCursor(raw: string | undefined): LedgerCursor | undefined {
  const m = raw ? /^(\d{1,16})\.([A-Za-z0-9_:-]{1,100})$/.exec(raw) : null;
  return m ? { at: Number(m[1]), id: m[2]! } : undefined;
}

/** One page of the ledger after `cursor`; `next` continues it. D1 is brought up to date first. */
export async function ledgerPage(
  env: Env,
  accountId: string,
  cursor: LedgerCursor | undefined,
  limit: number,
): Promise<{ items: LedgerItem[]; next: LedgerCursor | undefined }> {
  // The ledger and the hourly usage reach D1 through the account object's outbox: flush it.
  if (!cursor) await accountStub(env, accountId).flush();
  const db = drizzle(env.DB);
  // Days whose last millisecond sorts before the cursor: those before this day start.
  const beforeDay = cursor ? Math.ceil((cursor.at - DAY_MS + 1) / DAY_MS) * DAY_MS : undefined;
  const [money, days] = await Promise.all([
    ledgerQueries.moneyEntries(db, accountId, cursor, limit + 1),
    ledgerQueries.usageDays(db, accountId, beforeDay, limit + 1),
  ]);
  const merged: Array<MoneyItem | Omit<UsageDayItem, "balanceAfterNano" | "models">> = [
    ...money.map((entry): MoneyItem => ({ type: "money", at: entry.createdAt, id: entry.id, entry })),
    ...days
      .filter((d) => d.requests > 0 || d.costNano !== 0)
      .map((d) => ({
        type: "usage" as const,
        at: d.day + DAY_MS - 1,
        id: `usage:${new Date(d.day).toISOString().slice(0, 10)}`,
        day: d.day,
        requests: d.requests,
        amountNano: -d.costNano,
      })),
  ]
    .filter((item) => !cursor || before(item, cursor))
    .sort((a, b) => (before(a, b) ? 1 : before(b, a) ? -1 : 0));
  const shown = merged.slice(0, limit);
  const dayItems = shown.filter((i) => i.type === "usage");
  const dayStarts = dayItems.map((i) => i.day);
  const [balances, models] = await Promise.all([
    ledgerQueries.balancesAtDayEnds(db, accountId, dayStarts),
    dayStarts.length
      ? ledgerQueries.usageDayModels(db, accountId, Math.min(...dayStarts), Math.max(...dayStarts) + DAY_MS)
      : Promise.resolve([]),
  ]);
  const items: LedgerItem[] = shown.map((i) =>
    i.type === "money"
      ? i
      : {
          ...i,
          balanceAfterNano: balances.get(i.day) ?? 0,
          models: models
            .filter((m) => m.day === i.day)
            .map(({ model, requests, costNano }) => ({ model, requests, costNano })),
        },
  );
  const last = shown.at(-1);
  return { items, next: merged.length > limit && last ? { at: last.at, id: last.id } : undefined };
}

/** What a money entry is, in words. */
export const KIND_LABELS: Record<string, string> = {
  topup: "Top-up",
  plan: "Plan purchase",
  refund: "Refund",
  adjustment: "Adjustment",
  usage: "Usage",
};
