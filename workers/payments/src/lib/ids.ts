const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** `prefix` + base62 of `bytes` random bytes, fixed width. ASCII only: processors echo it back. */
export function randomId(prefix: string, bytes = 12): string {
  let n = 0n;
  for (const b of crypto.getRandomValues(new Uint8Array(bytes))) n = (n << 8n) | BigInt(b);
  const width = Math.ceil((bytes * 8) / Math.log2(62));
  let out = "";
  for (let i = 0; i < width; i++) {
    out = ALPHABET[Number(n % 62n)] + out;
    n /= 62n;
  }
  return `${prefix}${out}`;
}
