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

/**
 * nano-USD to the nearest cent for lists ("$12.34", "-$0.47"); an amount below a cent but not
 * zero reads "<$0.01" (or "-<$0.01"), never "$0.00". The exact amount goes on the detail.
 */
export const usdToCent = (nano: number): string => {
  const sign = nano < 0 ? "-" : "";
  const abs = Math.abs(nano);
  if (abs > 0 && abs < 5_000_000) return `${sign}<$0.01`;
  const cents = Math.round(abs / 10_000_000);
  return `${sign}$${Math.floor(cents / 100).toLocaleString("en-US")}.${String(cents % 100).padStart(2, "0")}`;
};

/** Unix ms as "2026-11-26 08:25 UTC". */
export const utc = (ms: number | null | undefined): string =>
  ms == null ? "—" : `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** Unix ms as the UTC date "2026-11-26". */
export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const int = (n: number): string => n.toLocaleString("en-US");

export { DAY_MS, dayStart, monthStart } from "../../lib/periods.ts";
