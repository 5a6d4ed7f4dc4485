/**
 * Constant-time equality for secrets (the admin token, CSRF tokens, password hashes), on the
 * Workers runtime's crypto.subtle.timingSafeEqual
 * (https://developers.cloudflare.com/workers/runtime-apis/web-crypto/#timingsafeequal).
 */
import { utf8 } from "./encoding.ts";

// The Workers runtime's extension of SubtleCrypto, which the DOM types (the Node type-check of
// the packages) do not declare.
const subtle = crypto.subtle as SubtleCrypto & {
  timingSafeEqual(a: ArrayBufferView, b: ArrayBufferView): boolean;
};

/**
 * Whether `a` and `b` hold the same bytes (strings as UTF-8), in time that depends on their
 * length only. Unequal lengths still spend one comparison (of `a` with itself) before the
 * answer, so a wrong guess of any length costs the same as a wrong guess of the right length.
 */
export function timingSafeEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
  const ab = typeof a === "string" ? utf8(a) : a;
  const bb = typeof b === "string" ? utf8(b) : b;
  if (ab.byteLength !== bb.byteLength) {
    subtle.timingSafeEqual(ab, ab);
    return false;
  }
  return subtle.timingSafeEqual(ab, bb);
}
