export { timingSafeEqual } from "./compare.ts";
export { type HmacHash, hmacHex, sha256Hex, verifyHmacHex } from "./digest.ts";
export { fromBase64Url, hexToBytes, toBase64Url, toHex, utf8 } from "./encoding.ts";
export { randomBase62, randomHex, randomToken } from "./random.ts";
