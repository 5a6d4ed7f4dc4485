import { describe, expect, it } from "vitest";
import { nonStandardTier } from "./service-tier.ts";

describe("nonStandardTier", () => {
  it.each(["auto", "default", "standard", "standard_only"])("%s is the standard rate: no tier", (tier) => {
    expect(nonStandardTier(tier)).toBeUndefined();
  });

  it("any other tier is reported as named", () => {
    expect(nonStandardTier("priority")).toBe("priority");
    expect(nonStandardTier("flex")).toBe("flex");
    expect(nonStandardTier("scale")).toBe("scale");
  });

  it("no tier, or one that is not a string, is none", () => {
    for (const v of [undefined, null, 1, {}, ["priority"]]) expect(nonStandardTier(v)).toBeUndefined();
  });
});
