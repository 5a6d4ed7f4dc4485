import { dayStart, monthStart } from "../lib/periods.ts";

/** A key's settled spend in the current UTC day and month, nano-USD. */
export interface SpendTotals {
  dayStart: number;
  day: number;
  monthStart: number;
  month: number;
}

/**
 * Each key's settled spend this UTC day and month, held in memory for admission's spend caps:
 * read from the account's request rows the first time a key needs it (and when a period
 * turns), then kept current by every settle. A request counts in the period it started in, as
 * its row's `created_at` does, so the memory and the rows always agree.
 */
export class KeySpend {
  private readonly byKey = new Map<string, SpendTotals>();

  /** `load(keyId, since)`: Σ cost of the key's requests started at or after `since`. */
  constructor(private readonly load: (keyId: string, since: number) => number) {}

  /** The key's spend at `now`, loaded when this object has not counted it in this period yet. */
  of(keyId: string, now: number): SpendTotals {
    const day = dayStart(now);
    const month = monthStart(now);
    let s = this.byKey.get(keyId);
    if (!s || s.monthStart !== month) {
      s = { dayStart: day, day: this.load(keyId, day), monthStart: month, month: this.load(keyId, month) };
      this.byKey.set(keyId, s);
    } else if (s.dayStart !== day) {
      s.dayStart = day;
      s.day = this.load(keyId, day);
    }
    return s;
  }

  /**
   * A settled charge of a request that started at `startedAt`. Called after its row is written;
   * a key not held in memory is left alone (its next load reads the row).
   */
  add(keyId: string, startedAt: number, costNano: number): void {
    const s = this.byKey.get(keyId);
    if (!s || costNano === 0) return;
    if (startedAt >= s.monthStart) s.month += costNano;
    if (startedAt >= s.dayStart) s.day += costNano;
  }
}
