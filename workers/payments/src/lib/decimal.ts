/**
 * Exact decimal arithmetic for processors' amounts: value = units / 10^scale, in BigInt. Amounts
 * arrive as decimal strings (BTCPay, OxaPay) or JSON numbers (NOWPayments); a number is read
 * through its shortest round-trip text, which is the text the processor wrote. Never floats.
 */
export interface Decimal {
  units: bigint;
  scale: number;
}

const PATTERN = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

export class DecimalError extends Error {
  override name = "DecimalError";
}

export function parseDecimal(input: string | number): Decimal {
  const text = typeof input === "number" ? String(input) : input.trim();
  const m = PATTERN.exec(text);
  if (!m) throw new DecimalError(`not a decimal: ${JSON.stringify(text)}`);
  const [, sign = "", whole = "0", frac = "", exp = "0"] = m;
  let units = BigInt(whole + frac);
  let scale = frac.length - Number(exp);
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units: sign === "-" ? -units : units, scale };
}

const align = (a: Decimal, b: Decimal): [bigint, bigint, number] => {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale), scale];
};

export const mul = (a: Decimal, b: Decimal): Decimal => ({
  units: a.units * b.units,
  scale: a.scale + b.scale,
});

export function sub(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = align(a, b);
  return { units: x - y, scale };
}

/** a × b ÷ c, as USD with at most 9 decimals, rounded down (toward zero) to the nano-USD. */
export function mulDivUsd(a: Decimal, b: Decimal, c: Decimal): string {
  if (c.units === 0n) throw new DecimalError("division by zero");
  const num = a.units * b.units * 10n ** BigInt(9 + c.scale);
  const den = c.units * 10n ** BigInt(a.scale + b.scale);
  return nanoUnitsToUsd(num / den);
}

/** The decimal as USD with at most 9 decimals, rounded down (toward zero) to the nano-USD. */
export function toUsd(d: Decimal): string {
  return nanoUnitsToUsd(
    d.scale <= 9 ? d.units * 10n ** BigInt(9 - d.scale) : d.units / 10n ** BigInt(d.scale - 9),
  );
}

function nanoUnitsToUsd(nano: bigint): string {
  const sign = nano < 0n ? "-" : "";
  const abs = nano < 0n ? -nano : nano;
  const frac = (abs % 1_000_000_000n).toString().padStart(9, "0").replace(/0+$/, "");
  return `${sign}${abs / 1_000_000_000n}${frac ? `.${frac}` : ""}`;
}
