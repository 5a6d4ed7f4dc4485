import { describe, expect, it } from "vitest";
import { assertNano, centsToNano, MoneyError, nanoToUsdString, usdToNano } from "./money.ts";

describe("usdToNano", () => {
  it.each([
    ["19", 19_000_000_000],
    ["0.075", 75_000_000],
    ["12.5", 12_500_000_000],
    ["2.50", 2_500_000_000],
    ["0", 0],
    ["0.000000001", 1], // one nano, the finest amount
    ["007.10", 7_100_000_000],
    ["123.456789012", 123_456_789_012],
    ["9007199.254740991", Number.MAX_SAFE_INTEGER],
  ])("%s → %i", (usd, nano) => {
    expect(usdToNano(usd)).toBe(nano);
  });

  it("accepts a negative amount only when asked", () => {
    expect(usdToNano("-3.25", { allowNegative: true })).toBe(-3_250_000_000);
    expect(() => usdToNano("-3.25")).toThrow(/negative amount not allowed/);
    expect(Object.is(usdToNano("-0", { allowNegative: true }), 0)).toBe(true);
  });

  it.each([
    ["1.0000000001", /more than 9 decimals/],
    ["9007199.254740992", /out of range/],
    ["", /not a decimal USD amount/],
    [" 1", /not a decimal USD amount/],
    ["1e3", /not a decimal USD amount/],
    [".5", /not a decimal USD amount/],
    ["5.", /not a decimal USD amount/],
    ["+1", /not a decimal USD amount/],
    ["1,5", /not a decimal USD amount/],
    ["0x10", /not a decimal USD amount/],
    ["NaN", /not a decimal USD amount/],
  ])("rejects %j", (usd, message) => {
    expect(() => usdToNano(usd)).toThrow(MoneyError);
    expect(() => usdToNano(usd)).toThrow(message);
  });
});

describe("nanoToUsdString", () => {
  it.each([
    [1_500_000_000, "1.50"],
    [0, "0.00"],
    [19_000_000_000, "19.00"],
    [75_000_000, "0.075"],
    [1, "0.000000001"],
    [10_000_000, "0.01"],
    [-250_000_000, "-0.25"],
    [123_456_789_012, "123.456789012"],
    // A float quotient would round 9007198.999999999 up to 9007199; the integer path must not.
    [9_007_198_999_999_999, "9007198.999999999"],
    [Number.MAX_SAFE_INTEGER, "9007199.254740991"],
    [Number.MIN_SAFE_INTEGER, "-9007199.254740991"],
  ])("%i → %s", (nano, usd) => {
    expect(nanoToUsdString(nano)).toBe(usd);
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])("rejects %d", (n) => {
    expect(() => nanoToUsdString(n)).toThrow(MoneyError);
  });

  it("round-trips through usdToNano", () => {
    const values = [
      0, 1, 9, 10, 99, 100_000_000, 999_999_999, 1_000_000_001, 42_424_242_424, -7, -1_000_000_000,
    ];
    for (const n of [...values, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]) {
      expect(usdToNano(nanoToUsdString(n), { allowNegative: true })).toBe(n);
    }
  });
});

describe("centsToNano / assertNano", () => {
  it("converts cents exactly", () => {
    expect(centsToNano(1900)).toBe(19_000_000_000);
    expect(centsToNano(1)).toBe(10_000_000);
    expect(() => centsToNano(1.5)).toThrow(MoneyError);
  });

  it("accepts safe integers only", () => {
    expect(assertNano(-5)).toBe(-5);
    expect(() => assertNano(0.1, "balance")).toThrow(/balance must be a safe integer/);
    expect(() => assertNano(2 ** 53)).toThrow(MoneyError);
  });
});
