// What crosses the proxy in each direction: the client's vendor headers go up, its credentials,
// hop-by-hop headers (RFC 9110 §7.6.1) and edge metadata never do; the answer keeps the vendor's
// headers but framing, cookies and the vendor's request id (ours replaces it).
import { describe, expect, it } from "vitest";
import { clientResponseHeaders, upstreamRequestHeaders } from "../src/proxy/headers.ts";

describe("upstream request headers", () => {
  it("keep the vendor's and unknown headers, drop credentials, hop-by-hop and edge metadata, add ours", () => {
    const incoming = new Headers({
      authorization: "Bearer sk-cc-client",
      "x-api-key": "sk-cc-client",
      cookie: "session=1",
      connection: "keep-alive",
      "keep-alive": "timeout=5",
      te: "trailers",
      "content-length": "12",
      "accept-encoding": "gzip",
      "cf-connecting-ip": "203.0.113.9",
      "cf-ray": "abc",
      "x-forwarded-for": "203.0.113.9",
      "x-forwarded-proto": "https",
      "x-real-ip": "203.0.113.9",
      "anthropic-version": "2023-06-01",
      "anthropic-beta": "a, b",
      "content-type": "application/json",
      "x-stainless-lang": "js",
    });
    const out = upstreamRequestHeaders(incoming, { "x-api-key": "sk-ant-upstream" });
    expect(Object.fromEntries(out)).toEqual({
      "anthropic-beta": "a, b",
      "anthropic-version": "2023-06-01",
      "content-type": "application/json",
      "x-api-key": "sk-ant-upstream",
      "x-stainless-lang": "js",
    });
    // The client's headers are left as they were.
    expect(incoming.get("authorization")).toBe("Bearer sk-cc-client");
  });
});

describe("client response headers", () => {
  it("keep the vendor's headers, drop framing and cookies, and carry our request id", () => {
    const upstream = new Headers({
      "content-type": "text/event-stream",
      "content-length": "99",
      "content-encoding": "gzip",
      "transfer-encoding": "chunked",
      connection: "close",
      "set-cookie": "tracking=1",
      "request-id": "req_vendor",
      "anthropic-ratelimit-requests-remaining": "49",
      "x-vendor-thing": "kept",
    });
    expect(Object.fromEntries(clientResponseHeaders(upstream, "req_ours"))).toEqual({
      "anthropic-ratelimit-requests-remaining": "49",
      "content-type": "text/event-stream",
      "request-id": "req_ours",
      "x-upstream-request-id": "req_vendor",
      "x-vendor-thing": "kept",
    });
  });
});
