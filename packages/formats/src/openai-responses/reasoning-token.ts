/**
 * The gateway's carrier for reasoning that must travel back to the vendor that produced it,
 * across a client of the other format (docs/wire-formats.md, "Reasoning across formats").
 *
 * - Claude behind a Responses client (Codex): a thinking block's text and signature, or a
 *   redacted_thinking block's data, go in the reasoning item's `encrypted_content`.
 * - GPT behind an Anthropic client (Claude Code): a reasoning item's id and `encrypted_content`
 *   go in the thinking block's `signature`.
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
  z.object({ v: z.literal(1), thinking: z.string(), signature: z.string() }),
  z.object({ v: z.literal(1), redacted: z.string() }),
  z.object({
    v: z.literal(1),
    openai: z.object({ id: z.string(), encrypted_content: z.string().optional() }),
  }),
]);

/** What a token carries: Claude thinking, Claude redacted thinking, or an OpenAI reasoning item. */
export type ReasoningToken = z.infer<typeof TokenSchema>;

/** The result of reading a value that may be a token. */
export type ReasoningTokenRead =
  | { kind: "token"; token: ReasoningToken }
  /** Not ours (no prefix): a vendor's own opaque value. */
  | { kind: "foreign" }
  /** Our prefix but an unreadable payload: altered on the way. */
  | { kind: "invalid" };

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  // Chunked: String.fromCharCode(...bytes) overflows the stack on long thinking.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
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
