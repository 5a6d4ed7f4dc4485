// The gateway's reasoning carrier: it round-trips, and foreign or altered values are told apart.
import { describe, expect, it } from "vitest";
import { decodeReasoningToken, encodeReasoningToken, isGatewayReasoningToken } from "./reasoning-token.ts";

describe("reasoning tokens", () => {
  it("round-trip Claude thinking (any Unicode), redacted thinking and OpenAI reasoning", () => {
    const tokens = [
      { v: 1 as const, thinking: "Ünïcødé — “quotes”, emoji 🧠, newline\n", signature: "EqQB+/==" },
      { v: 1 as const, redacted: "EmwKAhgBEgy3va3pzix" },
      { v: 1 as const, openai: { id: "rs_1", encrypted_content: "gAAAAAB" } },
      { v: 1 as const, thinking: "x".repeat(200_000), signature: "s" },
    ];
    for (const token of tokens) {
      const text = encodeReasoningToken(token);
      expect(text).toMatch(/^ccgw1\.[A-Za-z0-9_-]+$/);
      expect(isGatewayReasoningToken(text)).toBe(true);
      expect(decodeReasoningToken(text)).toEqual({ kind: "token", token });
    }
  });

  it("the payload is RFC 4648 base64url of the JSON's UTF-8, unpadded, at every length mod 3", () => {
    const reference = (text: string) =>
      btoa(String.fromCharCode(...new TextEncoder().encode(text)))
        .replaceAll("+", "-")
        .replaceAll("/", "_")
        .replace(/=+$/, "");
    for (const thinking of ["", "a", "ab", "abc", "é?>", "🧠~~", "ÿþ\u{10FFFF}"]) {
      const token = { v: 1 as const, thinking, signature: "s" };
      expect(encodeReasoningToken(token)).toBe(`ccgw1.${reference(JSON.stringify(token))}`);
    }
  });

  it("a vendor's own value is foreign; our prefix with a broken payload is invalid", () => {
    expect(decodeReasoningToken("gAAAAABoOpenAiCiphertext")).toEqual({ kind: "foreign" });
    expect(decodeReasoningToken("EqQBCkYIBxgCKkB")).toEqual({ kind: "foreign" });
    expect(decodeReasoningToken("ccgw1.!!!")).toEqual({ kind: "invalid" });
    expect(decodeReasoningToken(`ccgw1.${btoa('{"v":2,"thinking":"t","signature":"s"}')}`)).toEqual({
      kind: "invalid",
    });
    expect(decodeReasoningToken(`ccgw1.${btoa("\xff\xfe")}`)).toEqual({ kind: "invalid" });
  });
});
