/** SHA-256 and HMAC through WebCrypto, as lower-case hex. */
import { hexToBytes, toHex, utf8 } from "./encoding.ts";

export type HmacHash = "SHA-256" | "SHA-512";

const DIGEST_BYTES: Record<HmacHash, number> = { "SHA-256": 32, "SHA-512": 64 };

// Bytes the runtime hands us (request bodies, TextEncoder output) are backed by an ArrayBuffer,
// which is what WebCrypto takes.
const bytesOf = (data: string | Uint8Array) =>
  (typeof data === "string" ? utf8(data) : data) as Uint8Array<ArrayBuffer>;

/** Hex SHA-256 of a string (its UTF-8 bytes) or of raw bytes. */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  return toHex(await crypto.subtle.digest("SHA-256", bytesOf(data)));
}

const hmacKey = (hash: HmacHash, secret: string, usage: "sign" | "verify") =>
  crypto.subtle.importKey("raw", bytesOf(secret), { name: "HMAC", hash }, false, [usage]);

/** Lower-case hex HMAC of `message` (a string is its UTF-8 bytes) under the UTF-8 `secret`. */
export async function hmacHex(hash: HmacHash, secret: string, message: string | Uint8Array): Promise<string> {
  return toHex(await crypto.subtle.sign("HMAC", await hmacKey(hash, secret, "sign"), bytesOf(message)));
}

/**
 * True when `signatureHex` is the HMAC of `message` under `secret`. The comparison happens
 * inside crypto.subtle.verify, in constant time; a signature of the wrong size, or an empty
 * secret, is refused before any comparison.
 */
export async function verifyHmacHex(
  hash: HmacHash,
  secret: string,
  message: Uint8Array,
  signatureHex: string,
): Promise<boolean> {
  const signature = hexToBytes(signatureHex, DIGEST_BYTES[hash]);
  if (!signature || secret === "") return false;
  return crypto.subtle.verify("HMAC", await hmacKey(hash, secret, "verify"), signature, bytesOf(message));
}
