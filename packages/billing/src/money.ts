/**
 * Money is an integer count of nano-USD (1 USD = 1_000_000_000 nano) held in a `number`.
 * Every amount must be a safe integer: the largest is about 9,007,199 USD, far above any
 * balance or request cost we handle. Floats never touch money: parsing and formatting work on
 * the decimal digits, and anything that could overflow 2^53 is computed with BigInt.
 */

/** Nano-USD in one US dollar. */
export const NANO_PER_USD = 1_000_000_000;

/** Nano-USD in one US cent. */
export const NANO_PER_CENT = 10_000_000;

/** Thrown for an amount that is not a valid (safe, integer, correctly signed) money value. */
export class MoneyError extends Error {
  override name = "MoneyError";
}

/** True when `n` is a usable nano amount: a safe integer (negative allowed). */
export function isNano(n: unknown): n is number {
  return typeof n === "number" && Number.isSafeInteger(n);
}

/**
 * Assert that `n` is a safe-integer nano amount and return it; `what` names it in the error.
 * Call this where amounts cross a boundary (storage, RPC, arithmetic results).
 */
export function assertNano(n: number, what = "amount"): number {
  if (!isNano(n)) throw new MoneyError(`${what} must be a safe integer of nano-USD, got ${String(n)}`);
  return n;
}

// Digits only: no exponent, no leading "+", no ".5" or "5." — operators write plain decimals.
const USD_PATTERN = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Options for {@link usdToNano}. */
export interface UsdParseOptions {
  /** Accept a leading "-" (e.g. an admin correction). Default false: amounts are non-negative. */
  allowNegative?: boolean;
}

/**
 * Parse a decimal USD string ("19", "0.075", "12.5", "-3.25" when allowed) into nano-USD,
 * exactly: the digits are shifted, never multiplied as floats. Rejects more than 9 decimals
 * (finer than one nano), exponents, whitespace, and results beyond the safe-integer range.
 */
export function usdToNano(usd: string, options: UsdParseOptions = {}): number {
  const m = USD_PATTERN.exec(usd);
  if (!m) throw new MoneyError(`not a decimal USD amount: ${JSON.stringify(usd)}`);
  const [, sign = "", whole = "0", frac = ""] = m;
  if (frac.length > 9) throw new MoneyError(`more than 9 decimals (finer than 1 nano-USD): ${usd}`);
  if (sign === "-" && !options.allowNegative) throw new MoneyError(`negative amount not allowed: ${usd}`);
  const magnitude = BigInt(whole) * BigInt(NANO_PER_USD) + BigInt(frac.padEnd(9, "0"));
  const value = sign === "-" ? -magnitude : magnitude;
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new MoneyError(`amount out of range: ${usd}`);
  }
  // `-0` would print oddly and compare equal anyway; normalise it.
  return Number(value) + 0;
}

/** Whole cents to nano-USD (payment providers count in cents). */
export function centsToNano(cents: number): number {
  if (!Number.isSafeInteger(cents)) throw new MoneyError(`cents must be an integer, got ${String(cents)}`);
  return assertNano(cents * NANO_PER_CENT, "cents in nano-USD");
}

/**
 * Format nano-USD as an exact decimal USD string without a currency sign: at least 2
 * decimals, more when needed (up to 9), trailing zeros beyond the second trimmed.
 * 1_500_000_000 → "1.50", 75_000_000 → "0.075", 1 → "0.000000001", -250_000_000 → "-0.25".
 */
export function nanoToUsdString(n: number): string {
  assertNano(n);
  const sign = n < 0 ? "-" : "";
  const abs = Math.abs(n); // safe: |MIN_SAFE_INTEGER| = MAX_SAFE_INTEGER
  const rest = abs % NANO_PER_USD;
  // Subtract first so the division is exact (a float quotient could round up near a dollar).
  const whole = (abs - rest) / NANO_PER_USD;
  const frac = String(rest)
    .padStart(9, "0")
    .replace(/0{1,7}$/, "");
  return `${sign}${whole}.${frac}`;
}
