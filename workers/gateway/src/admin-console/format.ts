import { nanoToUsdString } from "@cc/billing";

/** nano-USD as "$1.5", "-$19.0": exact to the nano, never a float (operators see every digit). */
export const usd = (nano: number): string => {
  const s = nanoToUsdString(nano);
  return s.startsWith("-") ? `-$${s.slice(1)}` : `$${s}`;
};

/** Unix ms as "2026-11-26 08:25 UTC". */
export const utc = (ms: number | null | undefined): string =>
  ms == null ? "—" : `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** Days since the epoch as the UTC date "2026-11-26". */
export const epochDay = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

export const int = (n: number): string => n.toLocaleString("en-US");
