/** UTC calendar periods: spend caps, "spent this month", the dashboards' days. */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Start of the UTC day of `now`, Unix ms. */
export const dayStart = (now: number): number => now - (((now % DAY_MS) + DAY_MS) % DAY_MS);

/** Start of the UTC month of `now`, Unix ms. */
export const monthStart = (now: number): number => {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
};

/** Start of the next UTC month after `now`'s, Unix ms. */
export const nextMonthStart = (now: number): number => {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
};
