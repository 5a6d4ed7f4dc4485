import { describe, expect, it } from "vitest";
import { hmacHex, sha256Hex, verifyHmacHex } from "./digest.ts";
import { utf8 } from "./encoding.ts";

describe("sha256Hex", () => {
  it("hashes a string as its UTF-8 bytes (FIPS 180-4 test vector 'abc')", async () => {
    const abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    expect(await sha256Hex("abc")).toBe(abc);
    expect(await sha256Hex(utf8("abc"))).toBe(abc);
  });
});

describe("HMAC", () => {
  // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
  const data = utf8("what do ya want for nothing?");
  const sha256 = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

  it("signs as RFC 4231 says, SHA-256 and SHA-512", async () => {
    expect(await hmacHex("SHA-256", "Jefe", data)).toBe(sha256);
    expect(await hmacHex("SHA-256", "Jefe", "what do ya want for nothing?")).toBe(sha256);
    expect(await hmacHex("SHA-512", "Jefe", data)).toBe(
      "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
    );
  });

  it("verifies the right signature in either case, and refuses any other", async () => {
    expect(await verifyHmacHex("SHA-256", "Jefe", data, sha256)).toBe(true);
    expect(await verifyHmacHex("SHA-256", "Jefe", data, sha256.toUpperCase())).toBe(true);
    expect(await verifyHmacHex("SHA-256", "jefe", data, sha256)).toBe(false);
    expect(await verifyHmacHex("SHA-256", "Jefe", utf8("what do ya want for nothing!"), sha256)).toBe(false);
    // A truncated or SHA-512-sized signature is refused before any comparison.
    expect(await verifyHmacHex("SHA-256", "Jefe", data, sha256.slice(0, 62))).toBe(false);
    expect(await verifyHmacHex("SHA-512", "Jefe", data, sha256)).toBe(false);
  });

  it("refuses everything under an empty secret (an unset webhook secret verifies nothing)", async () => {
    expect(await verifyHmacHex("SHA-256", "", data, sha256)).toBe(false);
  });
});
