import { GatewayError } from "@cc/formats";

/** Anthropic's own limit for Messages and count_tokens (docs: request_too_large). */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

const tooLarge = () =>
  new GatewayError("request_too_large", `Request body exceeds the ${MAX_BODY_BYTES / 1024 / 1024} MB limit.`);

/**
 * Reads the body with a size cap, keeping the exact bytes so that a same-format request is
 * forwarded byte for byte, and parses it as JSON for validation.
 */
export async function readJsonBody(
  request: Request,
): Promise<{ bytes: Uint8Array; text: string; json: unknown }> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  const text = new TextDecoder().decode(bytes);
  try {
    return { bytes, text, json: JSON.parse(text) };
  } catch {
    throw new GatewayError("invalid_request", "The request body is not valid JSON.");
  }
}
