/**
 * Test-side signers, written from the processors' specs independently of src/: what a real
 * processor would put on the wire.
 */
const enc = new TextEncoder();

async function hmacHex(hash: "SHA-256" | "SHA-512", secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash }, false, [
    "sign",
  ]);
  const sig = await crypto.subtle.sign("HMAC", key, enc.encode(message));
  return Array.from(new Uint8Array(sig), (b) => b.toString(16).padStart(2, "0")).join("");
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Python's json.dumps(sort_keys=True, separators=(",", ":")) for ASCII keys. */
function sortedJson(v: Json): string {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(",")}]`;
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  const keys = Object.keys(v).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${sortedJson(v[k]!)}`).join(",")}}`;
}

/** A NOWPayments IPN: body as sent (unsorted) and its x-nowpayments-sig. */
export async function nowPaymentsIpn(payload: Record<string, Json>, secret = "test_ipn_secret_123") {
  const body = JSON.stringify(payload);
  return {
    body,
    headers: {
      "content-type": "application/json",
      "x-nowpayments-sig": await hmacHex("SHA-512", secret, sortedJson(payload)),
    },
  };
}

/** A BTCPay webhook delivery: indented JSON, as BTCPay serialises it. */
export async function btcPayWebhook(payload: Record<string, Json>, secret = "HelloWorld") {
  const body = JSON.stringify(payload, null, 2);
  return {
    body,
    headers: {
      "content-type": "application/json",
      "btcpay-sig": `sha256=${await hmacHex("SHA-256", secret, body)}`,
    },
  };
}

export async function oxaPayCallback(payload: Record<string, Json>, secret = "merchant-secret") {
  const body = JSON.stringify(payload);
  return {
    body,
    headers: { "content-type": "application/json", hmac: await hmacHex("SHA-512", secret, body) },
  };
}
