import { describe, expect, it } from "vitest";
import { type ErrorKind, GatewayError } from "../errors.ts";
import { SseDecoder } from "../sse/decoder.ts";
import { anthropicUpstreamError, renderAnthropicError, renderAnthropicStreamError } from "./errors.ts";

const table: [ErrorKind, number, string][] = [
  ["invalid_request", 400, "invalid_request_error"],
  ["authentication", 401, "authentication_error"],
  ["insufficient_balance", 402, "billing_error"],
  ["permission", 403, "permission_error"],
  ["not_found", 404, "not_found_error"],
  ["request_too_large", 413, "request_too_large"],
  ["rate_limit", 429, "rate_limit_error"],
  ["internal", 500, "api_error"],
  ["upstream", 502, "api_error"],
  ["timeout", 504, "timeout_error"],
  ["overloaded", 529, "overloaded_error"],
];

describe("renderAnthropicError", () => {
  for (const [kind, status, type] of table) {
    it(`${kind} → ${status} ${type}`, () => {
      const r = renderAnthropicError(new GatewayError(kind, "Something."), "req_1");
      const message = kind === "insufficient_balance" ? "insufficient_balance: Something." : "Something.";
      expect(r).toEqual({
        status,
        headers: { "content-type": "application/json", "request-id": "req_1" },
        body: { type: "error", error: { type, message }, request_id: "req_1" },
      });
    });
  }

  it("renders 402 as billing_error with the product code as message prefix", () => {
    const r = renderAnthropicError(new GatewayError("insufficient_balance", "Balance is $0.00."), "req_2");
    expect(JSON.stringify(r.body)).toBe(
      '{"type":"error","error":{"type":"billing_error","message":"insufficient_balance: Balance is $0.00."},"request_id":"req_2"}',
    );
    const again = new GatewayError("insufficient_balance", "insufficient_balance: top up.");
    expect(renderAnthropicError(again, "r").body.error.message).toBe("insufficient_balance: top up.");
  });

  it("sets retry-after (whole seconds, rounded up) and keeps extra headers", () => {
    const err = new GatewayError("rate_limit", "Slow down.", {
      retryAfterSeconds: 2.2,
      headers: { "X-Limit": "10" },
    });
    expect(renderAnthropicError(err, "req_3").headers).toEqual({
      "content-type": "application/json",
      "request-id": "req_3",
      "retry-after": "3",
      "x-limit": "10",
    });
  });

  it("does not repeat param in the message (callers name the field themselves)", () => {
    const err = new GatewayError("invalid_request", "max_tokens: Field required", { param: "max_tokens" });
    expect(renderAnthropicError(err, "r").body.error.message).toBe("max_tokens: Field required");
  });
});

describe("renderAnthropicStreamError", () => {
  it("renders the event: error frame", () => {
    const frame = renderAnthropicStreamError(new GatewayError("overloaded", "Overloaded"));
    expect(frame).toBe(
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n',
    );
    expect(new SseDecoder().push(new TextEncoder().encode(frame))).toHaveLength(1);
  });
});

describe("anthropicUpstreamError (an Anthropic error answer, for a client of another format)", () => {
  const body = (type: string, message: string) =>
    JSON.stringify({ type: "error", error: { type, message }, request_id: "req_up" });
  const seen = (e: GatewayError) => ({ kind: e.kind, status: e.status, message: e.message });

  it("the error type decides, and the vendor's message passes", () => {
    expect(
      seen(anthropicUpstreamError(400, body("invalid_request_error", "max_tokens: Field required"))),
    ).toEqual({
      kind: "invalid_request",
      status: 400,
      message: "max_tokens: Field required",
    });
    expect(
      seen(
        anthropicUpstreamError(
          400,
          body("invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum"),
        ),
      ),
    ).toEqual({
      kind: "invalid_request",
      status: 400,
      message: "prompt is too long: 210000 tokens > 200000 maximum",
    });
    expect(seen(anthropicUpstreamError(529, body("overloaded_error", "Overloaded")))).toEqual({
      kind: "overloaded",
      status: 529,
      message: "Overloaded",
    });
    expect(seen(anthropicUpstreamError(404, body("not_found_error", "model: claude-9")))).toMatchObject({
      kind: "not_found",
      message: "model: claude-9",
    });
    expect(anthropicUpstreamError(413, body("request_too_large", "Too big")).kind).toBe("request_too_large");
    expect(anthropicUpstreamError(504, body("timeout_error", "Timed out")).kind).toBe("timeout");
    // The type wins over the status.
    expect(anthropicUpstreamError(500, body("rate_limit_error", "Slow down")).kind).toBe("rate_limit");
  });

  it("errors of the gateway's own account are neutral: never the vendor's text", () => {
    for (const [status, type] of [
      [401, "authentication_error"],
      [402, "billing_error"],
      [403, "permission_error"],
    ] as const) {
      const e = anthropicUpstreamError(status, body(type, "invalid x-api-key sk-ant-api03-SECRET"));
      expect(seen(e)).toEqual({
        kind: "upstream",
        status: 502,
        message: "The upstream provider refused the request.",
      });
    }
  });

  it("an unknown type is an upstream error; an empty message is replaced", () => {
    expect(seen(anthropicUpstreamError(500, body("api_error", "Internal server error")))).toEqual({
      kind: "upstream",
      status: 502,
      message: "Internal server error",
    });
    expect(seen(anthropicUpstreamError(418, body("teapot_error", "I'm a teapot")))).toEqual({
      kind: "upstream",
      status: 502,
      message: "I'm a teapot",
    });
    expect(anthropicUpstreamError(500, body("api_error", "")).message).toBe(
      "The upstream provider reported an error.",
    );
  });

  it.each([
    [400, "invalid_request", 400],
    [401, "upstream", 502],
    [402, "upstream", 502],
    [403, "upstream", 502],
    [404, "not_found", 404],
    [409, "invalid_request", 400],
    [413, "request_too_large", 413],
    [429, "rate_limit", 429],
    [500, "upstream", 502],
    [502, "upstream", 502],
    [503, "upstream", 502],
    [504, "timeout", 504],
    [529, "overloaded", 529],
  ] as const)("a body that is not JSON: status %i → %s (%i)", (status, kind, ours) => {
    const e = anthropicUpstreamError(status, "<html><body>Bad gateway</body></html>");
    expect([e.kind, e.status]).toEqual([kind, ours]);
    expect(e.message).not.toContain("html");
  });

  it("a JSON body that names no error type is read by its status too", () => {
    expect(anthropicUpstreamError(429, '{"message":"slow down"}').kind).toBe("rate_limit");
    expect(anthropicUpstreamError(529, '{"error":{"type":5}}').kind).toBe("overloaded");
    expect(anthropicUpstreamError(500, "").kind).toBe("upstream");
  });

  it("passes the vendor's retry-after on, and none when it sent none", () => {
    expect(anthropicUpstreamError(429, body("rate_limit_error", "Slow down"), 7).retryAfterSeconds).toBe(7);
    expect(
      anthropicUpstreamError(429, body("rate_limit_error", "Slow down")).retryAfterSeconds,
    ).toBeUndefined();
    const rendered = renderAnthropicError(anthropicUpstreamError(529, "overloaded", 2.5), "req_9");
    expect(rendered.headers["retry-after"]).toBe("3");
  });
});
