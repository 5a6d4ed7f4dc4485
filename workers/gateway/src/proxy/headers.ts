/** RFC 9110 §7.6.1 hop-by-hop headers, never forwarded by a proxy. */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

/** The client's credentials and edge metadata: these must never reach the upstream. */
const CLIENT_ONLY = new Set([
  "authorization",
  "x-api-key",
  "x-goog-api-key",
  "cookie",
  "host",
  "content-length",
  "accept-encoding",
  "forwarded",
  "x-real-ip",
  "true-client-ip",
]);

/**
 * Headers for the upstream request: everything the client sent (anthropic-version and
 * anthropic-beta byte-identical, unknown vendor headers too) except hop-by-hop headers,
 * credentials and edge metadata; then the upstream's own credential.
 */
export function upstreamRequestHeaders(incoming: Headers, credential: Record<string, string>): Headers {
  // Copied whole by the runtime, then pruned: cheaper than re-adding each pair from JS.
  const out = new Headers(incoming);
  for (const name of incoming.keys()) {
    if (
      HOP_BY_HOP.has(name) ||
      CLIENT_ONLY.has(name) ||
      name.startsWith("cf-") ||
      name.startsWith("x-forwarded-")
    ) {
      out.delete(name);
    }
  }
  for (const name in credential) out.set(name, credential[name]!);
  return out;
}

/**
 * Headers for the client from an upstream response. The body is re-framed by the runtime
 * (already decompressed), so length and encoding go; the upstream's request id is kept under
 * another name and ours takes its place.
 */
export function clientResponseHeaders(upstream: Headers, requestId: string): Headers {
  const out = new Headers(upstream);
  for (const name of NOT_RELAYED) out.delete(name);
  const upstreamId = upstream.get("request-id");
  if (upstreamId) out.set("x-upstream-request-id", upstreamId);
  out.set("request-id", requestId);
  return out;
}

/** Upstream response headers the client never gets (request-id is replaced by ours). */
const NOT_RELAYED = [...HOP_BY_HOP, "content-length", "content-encoding", "set-cookie", "request-id"];
