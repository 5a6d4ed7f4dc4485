import { describe, expect, it } from "vitest";
import { fromBase64Url, hexToBytes, toBase64Url, toHex, utf8 } from "./encoding.ts";

describe("hex", () => {
  it("writes lower-case, two digits a byte, leading zeros kept", () => {
    expect(toHex(new Uint8Array([0, 1, 0xab, 0xff]))).toBe("0001abff");
    expect(toHex(new Uint8Array([0x0f]).buffer)).toBe("0f");
  });

  it("reads exactly the size asked for, in either case, and nothing else", () => {
    expect(hexToBytes("0001ABff", 4)).toEqual(new Uint8Array([0, 1, 0xab, 0xff]));
    expect(hexToBytes("0001abff", 3)).toBeUndefined();
    expect(hexToBytes("0001abf", 4)).toBeUndefined();
    expect(hexToBytes("0001abfg", 4)).toBeUndefined();
    expect(hexToBytes(" 001abff", 4)).toBeUndefined();
  });
});

describe("base64url", () => {
  it("has no padding and no + or /, and reads back what it wrote", () => {
    const bytes = new Uint8Array([0xfb, 0xff, 0xbf, 0x00, 0x3e]);
    const text = toBase64Url(bytes);
    expect(text).toBe("-_-_AD4");
    expect(fromBase64Url(text)).toEqual(bytes);
    expect(fromBase64Url("")).toEqual(new Uint8Array());
  });

  it("refuses what is not unpadded base64url", () => {
    expect(fromBase64Url("ab+c")).toBeUndefined();
    expect(fromBase64Url("abc=")).toBeUndefined();
    expect(fromBase64Url("a")).toBeUndefined();
  });
});

it("utf8 encodes non-ASCII text as its UTF-8 bytes", () => {
  expect(utf8("é€")).toEqual(new Uint8Array([0xc3, 0xa9, 0xe2, 0x82, 0xac]));
});
