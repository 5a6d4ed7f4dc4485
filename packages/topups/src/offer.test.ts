import { describe, expect, it } from "vitest";
import { isTopupAmount } from "./offer.ts";

describe("isTopupAmount", () => {
  it("takes dollars and cents from $5 to $10,000", () => {
    for (const ok of ["5", "5.00", "12.5", "12.50", "9999.99", "10000", "10000.00", "00005"]) {
      expect(isTopupAmount(ok), ok).toBe(true);
    }
  });

  it("refuses amounts out of bounds, fractions of a cent and anything that is not a plain decimal", () => {
    for (const bad of [
      "4.99",
      "0",
      "10000.01",
      "99999",
      "12.345",
      "1e3",
      "-5",
      "+5",
      " 5",
      "5.",
      ".5",
      "$5",
      "",
      "100000",
    ]) {
      expect(isTopupAmount(bad), bad).toBe(false);
    }
  });
});
