import { describe, expect, it } from "vitest";
import { type ErrorKind, GatewayError } from "../errors.ts";
import { SseDecoder } from "../sse/decoder.ts";
import { renderAnthropicError, renderAnthropicStreamError } from "./error-renderer.ts";

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
