import { describe, expect, it } from "vitest";
import { DecimalError, mul, mulDivUsd, parseDecimal, sub, toUsd } from "../src/lib/decimal.ts";

describe("exact decimals for processors' amounts", () => {
  it("reads decimal strings and JSON numbers (through their shortest text), exponents included", () => {
    expect(parseDecimal("12.50")).toEqual({ units: 1250n, scale: 2 });
    expect(parseDecimal(14.8106)).toEqual({ units: 148106n, scale: 4 });
    expect(parseDecimal(0.09853637216235617)).toEqual({ units: 9853637216235617n, scale: 17 });
    expect(parseDecimal(1e-7)).toEqual({ units: 1n, scale: 7 });
    expect(parseDecimal("1.5E+3")).toEqual({ units: 1500n, scale: 0 });
    expect(parseDecimal("-0.25")).toEqual({ units: -25n, scale: 2 });
    for (const bad of ["", "1,5", "0x10", "NaN", "1.2.3", " "])
      expect(() => parseDecimal(bad)).toThrow(DecimalError);
    expect(() => parseDecimal(Number.NaN)).toThrow(DecimalError);
  });

  it("computes USD without floats, rounding down to the nano", () => {
    // NOWPayments: price_amount × actually_paid ÷ pay_amount.
    expect(mulDivUsd(parseDecimal(25), parseDecimal(12.6), parseDecimal(25.2))).toBe("12.5");
    expect(mulDivUsd(parseDecimal("10"), parseDecimal("1"), parseDecimal("3"))).toBe("3.333333333");
    expect(() => mulDivUsd(parseDecimal(1), parseDecimal(1), parseDecimal(0))).toThrow(DecimalError);
    // BTCPay: (value − fee) × rate.
    expect(
      toUsd(mul(sub(parseDecimal("0.00025201"), parseDecimal("0.00000201")), parseDecimal("50000"))),
    ).toBe("12.5");
    expect(toUsd(mul(parseDecimal("0.123456789123"), parseDecimal("1")))).toBe("0.123456789");
    expect(toUsd(parseDecimal(0.1 + 0.2))).toBe("0.3");
    expect(toUsd(parseDecimal("19"))).toBe("19");
  });
});
