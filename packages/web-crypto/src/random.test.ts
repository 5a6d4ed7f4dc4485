import { describe, expect, it } from "vitest";
import { randomBase62, randomHex, randomToken } from "./random.ts";

describe("random ids and tokens", () => {
  it("base62 has a fixed width per byte count, letters and digits only", () => {
    for (const [bytes, width] of [
      [12, 17],
      [16, 22],
      [32, 43],
    ] as const) {
      const ids = Array.from({ length: 200 }, () => randomBase62(bytes));
      for (const id of ids) expect(id).toMatch(new RegExp(`^[0-9A-Za-z]{${width}}$`));
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it("a token is base64url of its bytes; hex is two digits a byte", () => {
    expect(randomToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken(16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(randomHex(16)).toMatch(/^[0-9a-f]{32}$/);
    expect(randomToken()).not.toBe(randomToken());
  });
});
