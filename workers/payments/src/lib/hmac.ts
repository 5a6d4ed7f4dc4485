/** HMAC and digests over raw bytes, through WebCrypto. */

export type HmacHash = "SHA-256" | "SHA-512";

const DIGEST_BYTES: Record<HmacHash, number> = { "SHA-256": 32, "SHA-512": 64 };
const encoder = new TextEncoder();

export const utf8 = (text: string): Uint8Array => encoder.encode(text);

const toHex = (bytes: ArrayBuffer): string =>
  Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");

/** Decodes hex of exactly `bytes` bytes; anything else (odd length, non-hex, wrong size) is undefined. */
export function hexToBytes(hex: string, bytes: number): Uint8Array | undefined {
  // Refuse partial or padded decodes before any comparison (payments.md §10.2).
  if (hex.length !== bytes * 2 || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
  const out = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

const hmacKey = (hash: HmacHash, secret: string, usage: "sign" | "verify") =>
  crypto.subtle.importKey("raw", utf8(secret), { name: "HMAC", hash }, false, [usage]);

/**
 * True when `signatureHex` is the HMAC of `message` under `secret`. The comparison happens
 * inside crypto.subtle.verify, in constant time (payments.md §10.2).
 */
export async function verifyHmacHex(
  hash: HmacHash,
  secret: string,
  message: Uint8Array,
  signatureHex: string,
): Promise<boolean> {
  const signature = hexToBytes(signatureHex, DIGEST_BYTES[hash]);
  if (!signature || secret === "") return false;
  return crypto.subtle.verify("HMAC", await hmacKey(hash, secret, "verify"), signature, message);
}

/** Lower-case hex HMAC: for signing (the dev processor's callbacks, tests). */
export async function hmacHex(hash: HmacHash, secret: string, message: Uint8Array): Promise<string> {
  return toHex(await crypto.subtle.sign("HMAC", await hmacKey(hash, secret, "sign"), message));
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(await crypto.subtle.digest("SHA-256", bytes));
}
