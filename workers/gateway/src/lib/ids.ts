const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** base62 of `bytes` random bytes, fixed width, so ids and keys never shrink. */
export function randomBase62(bytes: number): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  let n = 0n;
  for (const b of raw) n = (n << 8n) | BigInt(b);
  const width = Math.ceil((bytes * 8) / Math.log2(62));
  let out = "";
  for (let i = 0; i < width; i++) {
    out = ALPHABET[Number(n % 62n)] + out;
    n /= 62n;
  }
  return out;
}

export const newRequestId = () => `req_${randomBase62(16)}`;
export const newAccountId = () => `acct_${randomBase62(12)}`;
export const newKeyId = () => `key_${randomBase62(12)}`;
export const newChannelId = () => `ch_${randomBase62(12)}`;
