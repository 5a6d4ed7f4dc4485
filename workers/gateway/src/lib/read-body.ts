import { GatewayError } from "@cc/formats";
import { BodyTooLargeError, readBodyCapped } from "@cc/http-body";

/** Anthropic's own limit for Messages and count_tokens (docs: request_too_large). */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${Math.round(bytes / 1024)} KB`;

/**
 * The request body, read with a cap: past `maxBytes` (declared or counted while a chunked body
 * streams) it is a 413 `request_too_large`, which each surface renders in its own shape.
 */
export async function readBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  try {
    return await readBodyCapped(request, maxBytes);
  } catch (err) {
    if (err instanceof BodyTooLargeError) {
      throw new GatewayError("request_too_large", `Request body exceeds the ${size(maxBytes)} limit.`);
    }
    throw err;
  }
}

const invalid = (message: string) => new GatewayError("invalid_request", message);

/**
 * The JSON body of the gateway's own APIs (admin, account): any content type, a 400 when the
 * body is not JSON. The proxy routes read theirs with {@link readJsonBody}.
 */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw invalid("The request body is not valid JSON.");
  }
}

/**
 * A JSON request body of the proxy routes: `application/json` only, read with the 32 MB cap,
 * strict UTF-8 and JSON (RFC 8259, section 8.1: JSON exchanged between systems is UTF-8; a `\u`
 * escape of an unpaired surrogate is refused, as the vendors refuse it). The exact bytes are
 * kept, so that a same-format request is forwarded byte for byte.
 */
export async function readJsonBody(
  request: Request,
): Promise<{ bytes: Uint8Array; text: string; json: unknown }> {
  const type = request.headers.get("content-type");
  if (type?.split(";")[0]?.trim().toLowerCase() !== "application/json") {
    throw invalid(
      `Unsupported content type ${type === null ? "(none)" : `'${type.slice(0, 100)}'`}: send the body as JSON with Content-Type: application/json.`,
    );
  }
  const bytes = await readBody(request, MAX_BODY_BYTES);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw invalid("The request body is not valid UTF-8.");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalid("The request body is not valid JSON.");
  }
  if (hasLoneSurrogateEscape(text)) {
    throw invalid("The request body is not valid JSON: a \\u escape is an unpaired UTF-16 surrogate.");
  }
  return { bytes, text, json };
}

// In valid JSON a backslash only starts an escape inside a string: matching escapes left to
// right (`\\` consumed whole) finds every `\uXXXX` exactly.
const ESCAPE = /\\(?:u([0-9a-fA-F]{4})|[\s\S])/g;

/** Whether a valid JSON text has a `\uD800`–`\uDFFF` escape that is not half of a pair. */
export function hasLoneSurrogateEscape(json: string): boolean {
  if (!json.includes("\\u")) return false;
  let awaitingLowAt = -1;
  for (const m of json.matchAll(ESCAPE)) {
    const unit = m[1] === undefined ? -1 : Number.parseInt(m[1], 16);
    const low = unit >= 0xdc00 && unit <= 0xdfff;
    if (awaitingLowAt >= 0) {
      if (m.index !== awaitingLowAt || !low) return true;
      awaitingLowAt = -1;
      continue;
    }
    if (low) return true;
    if (unit >= 0xd800 && unit <= 0xdbff) awaitingLowAt = m.index + m[0].length;
  }
  return awaitingLowAt >= 0;
}
