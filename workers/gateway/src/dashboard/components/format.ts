import { nanoToUsdString } from "@cc/billing";

/** nano-USD as "$1.50", "$0.000451", "-$19.00": exact, never a float. */
export const usd = (nano: number): string => {
  const s = nanoToUsdString(nano);
  return s.startsWith("-") ? `-$${s.slice(1)}` : `$${s}`;
};

/**
 * nano-USD in whole cents for headline figures: "$12.34". Rounded down by default, so a balance
 * is never overstated; an amount below a cent but above zero reads "<$0.01", not "$0.00".
 */
export const usdCents = (nano: number): string => {
  if (nano > 0 && nano < 10_000_000) return "<$0.01";
  const cents = Math.floor(Math.abs(nano) / 10_000_000);
  const sign = nano < 0 ? "-" : "";
  return `${sign}$${Math.floor(cents / 100).toLocaleString("en-US")}.${String(cents % 100).padStart(2, "0")}`;
};

/** Unix ms as "2026-11-26 08:25 UTC". */
export const utc = (ms: number | null | undefined): string =>
  ms == null ? "—" : `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** Unix ms as the UTC date "2026-11-26". */
export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const int = (n: number): string => n.toLocaleString("en-US");

/** Start of the current UTC month / day, Unix ms. */
export const monthStart = (now: number): number => {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
};
export const DAY_MS = 86_400_000;
export const dayStart = (now: number): number => now - (now % DAY_MS);
