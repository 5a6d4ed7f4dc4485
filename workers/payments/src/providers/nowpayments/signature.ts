import { verifyHmacHex } from "@cc/web-crypto";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: Json): v is { [key: string]: Json } => typeof v === "object" && v !== null;

/**
 * NOWPayments' canonical form (https://documenter.getpostman.com/view/7907941/S1a32n38, "Instant Payments Notifications"): the body parsed, keys sorted at every depth,
 * serialised compactly with JS semantics — the doc's Node reference. Not the legacy one-level
 * `JSON.stringify(p, Object.keys(p).sort())`, which empties nested objects.
 * `arrays: "keep"` keeps arrays (the doc's PHP and Python); `"as-objects"` reproduces the doc's
 * JS `sortObject`, which turns `[a]` into `{"0":a}`.
 */
export function canonicalJson(value: Json, arrays: "keep" | "as-objects"): string {
  return JSON.stringify(sortDeep(value, arrays));
}

function sortDeep(value: Json, arrays: "keep" | "as-objects"): Json {
  if (Array.isArray(value) && arrays === "keep") return value.map((v) => sortDeep(v, arrays));
  if (!isObject(value)) return value;
  const out: { [key: string]: Json } = {};
  for (const key of Object.keys(value).sort())
    out[key] = sortDeep((value as Record<string, Json>)[key]!, arrays);
  return out;
}

const hasArray = (value: Json): boolean =>
  Array.isArray(value)
    ? value.length > 0 || value.some(hasArray)
    : isObject(value) && Object.values(value).some(hasArray);

/**
 * `x-nowpayments-sig`: hex HMAC-SHA512 with the IPN secret over the canonical form. The one
 * processor whose signature covers a re-serialisation, so the raw bytes must be parsed first
 * (JSON only; no field is read before the check). The array-keeping form is tried first; the
 * doc-JS form only when the body has a non-empty array — both are keyed HMACs of the same
 * data, so accepting either does not weaken the check.
 */
export async function verifyNowPayments(
  rawBody: Uint8Array,
  signature: string | null,
  ipnSecret: string,
): Promise<"keep" | "as-objects" | undefined> {
  if (!signature) return undefined;
  let body: Json;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(rawBody)) as Json;
  } catch {
    return undefined;
  }
  if (!isObject(body)) return undefined;
  const sig = signature.trim().toLowerCase();
  const enc = new TextEncoder();
  if (await verifyHmacHex("SHA-512", ipnSecret, enc.encode(canonicalJson(body, "keep")), sig)) return "keep";
  if (!hasArray(body)) return undefined;
  const docJs = enc.encode(canonicalJson(body, "as-objects"));
  return (await verifyHmacHex("SHA-512", ipnSecret, docJs, sig)) ? "as-objects" : undefined;
}
