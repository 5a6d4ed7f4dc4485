/** Random ids and tokens from crypto.getRandomValues. */
import { toBase64Url, toHex } from "./encoding.ts";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/**
 * base62 of `bytes` random bytes, fixed width (leading zeros kept), so ids and keys never
 * shrink. ASCII letters and digits only: processors echo our ids back, and keys go in headers.
 */
export function randomBase62(bytes: number): string {
  let n = 0n;
  for (const b of crypto.getRandomValues(new Uint8Array(bytes))) n = (n << 8n) | BigInt(b);
  const width = Math.ceil((bytes * 8) / Math.log2(62));
  let out = "";
  for (let i = 0; i < width; i++) {
    out = BASE62[Number(n % 62n)] + out;
    n /= 62n;
  }
  return out;
}

/** `n` random bytes as base64url (32 bytes: 43 characters): session tokens, CSRF tokens, nonces. */
export const randomToken = (n = 32): string => toBase64Url(crypto.getRandomValues(new Uint8Array(n)));

/** `bytes` random bytes as lower-case hex. */
export const randomHex = (bytes: number): string => toHex(crypto.getRandomValues(new Uint8Array(bytes)));
