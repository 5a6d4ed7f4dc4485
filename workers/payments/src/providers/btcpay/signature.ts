import { verifyHmacHex } from "@cc/web-crypto";

/**
 * `BTCPay-Sig: sha256=<hex>`: HMAC-SHA256 keyed with the UTF-8 webhook secret over the exact
 * request bytes (BTCPay's webhook docs; its body is indented JSON, so never re-serialise).
 */
export async function verifyBtcPay(
  rawBody: Uint8Array,
  header: string | null,
  secret: string,
): Promise<boolean> {
  const match = /^sha256=([0-9a-fA-F]+)$/.exec(header?.trim() ?? "");
  if (!match) return false;
  return verifyHmacHex("SHA-256", secret, rawBody, match[1]!);
}
