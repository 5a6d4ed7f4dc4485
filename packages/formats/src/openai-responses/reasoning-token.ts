/**
 * The gateway's carrier for reasoning that must travel back to the vendor that produced it,
 * across a client of the other format (docs/wire-formats.md, "Reasoning across formats").
 *
 * - Claude behind a Responses client (Codex): a thinking block's signature, or a
 *   redacted_thinking block's data, go in the reasoning item's `encrypted_content`. The thinking
 *   text itself travels once, as the item's summary (which clients send back with the item):
 *   the token holds its digest, so an altered summary is refused before Claude sees it. Tokens
 *   of the first layout (v1) carried the text too; they are still read.
 * - GPT behind an Anthropic client (Claude Code): a reasoning item's id and `encrypted_content`
 *   go in the thinking block's `signature`.
 * - Gemini behind another client: a part's `thoughtSignature` goes in a thinking block's
 *   `signature` (or a reasoning item's `encrypted_content`); Claude's or GPT's reasoning behind a
 *   Gemini client goes in a part's `thoughtSignature` (gemini/parts.ts).
 *
 * The client returns the value unchanged on the next turn and we restore the original. A token
 * is `ccgw1.` + base64url(JSON); the prefix says it is ours and which layout it has, so a
 * vendor's own value (real OpenAI ciphertext, a real Claude signature) is recognised as foreign
 * and never sent to the other vendor, which would reject it. The payload is not a secret: it is
 * what the client was shown anyway, and each vendor verifies its own signature.
 */
import { z } from "zod";

const PREFIX = "ccgw1.";

const TokenSchema = z.union([
  z.object({ v: z.literal(2), signature: z.string(), digest: z.string() }),
  z.object({ v: z.literal(1), thinking: z.string(), signature: z.string() }),
  z.object({ v: z.literal(1), redacted: z.string() }),
  z.object({
    v: z.literal(1),
    openai: z.object({ id: z.string(), encrypted_content: z.string().optional() }),
  }),
  z.object({ v: z.literal(1), gemini: z.object({ signature: z.string() }) }),
]);

/** What a token carries: Claude thinking, Claude redacted thinking, an OpenAI reasoning item, or a Gemini thought signature. */
export type ReasoningToken = z.infer<typeof TokenSchema>;

/** The result of reading a value that may be a token. */
export type ReasoningTokenRead =
  | { kind: "token"; token: ReasoningToken }
  /** Not ours (no prefix): a vendor's own opaque value. */
  | { kind: "foreign" }
  /** Our prefix but an unreadable payload: altered on the way. */
  | { kind: "invalid" };

const ALPHABET = new TextEncoder().encode("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

/**
 * Unpadded base64url (RFC 4648 §5) of the text's UTF-8. Table-driven into a byte array: a token
 * carries a whole thinking block, and btoa over a binary string plus three replaces cost ~9× more
 * on the stream's last event.
 */
function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const n = bytes.length;
  const out = new Uint8Array(Math.ceil((n * 4) / 3));
  let o = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = ALPHABET[v >> 18]!;
    out[o++] = ALPHABET[(v >> 12) & 63]!;
    out[o++] = ALPHABET[(v >> 6) & 63]!;
    out[o++] = ALPHABET[v & 63]!;
  }
  if (i < n) {
    const v = (bytes[i]! << 16) | (i + 1 < n ? bytes[i + 1]! << 8 : 0);
    out[o++] = ALPHABET[v >> 18]!;
    out[o++] = ALPHABET[(v >> 12) & 63]!;
    if (i + 1 < n) out[o++] = ALPHABET[(v >> 6) & 63]!;
  }
  return new TextDecoder().decode(out.subarray(0, o));
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
}

/**
 * A short digest of a thinking text (its UTF-16 length and 32-bit FNV-1a,
 * http://www.isthe.com/chongo/tech/comp/fnv/): enough to tell a summary sent back altered or cut
 * from the one we sent, while Claude's signature guards the text itself.
 */
export function thinkingDigest(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${text.length.toString(36)}.${(h >>> 0).toString(36)}`;
}

/** Encode a token as its `ccgw1.…` string. */
export function encodeReasoningToken(token: ReasoningToken): string {
  return PREFIX + toBase64Url(JSON.stringify(token));
}

/** True when a value carries the gateway's prefix (whether or not it is readable). */
export const isGatewayReasoningToken = (value: string): boolean => value.startsWith(PREFIX);

/** Read a value that may be a token; never throws. */
export function decodeReasoningToken(value: string): ReasoningTokenRead {
  if (!isGatewayReasoningToken(value)) return { kind: "foreign" };
  try {
    const parsed = TokenSchema.safeParse(JSON.parse(fromBase64Url(value.slice(PREFIX.length))));
    return parsed.success ? { kind: "token", token: parsed.data } : { kind: "invalid" };
  } catch {
    return { kind: "invalid" };
  }
}
