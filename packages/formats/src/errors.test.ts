import { describe, expect, it } from "vitest";
import { ERROR_STATUS, GatewayError, isGatewayError } from "./errors.ts";

describe("GatewayError", () => {
  it("has one status per kind", () => {
    expect(ERROR_STATUS).toEqual({
      invalid_request: 400,
      authentication: 401,
      insufficient_balance: 402,
      permission: 403,
      not_found: 404,
      request_too_large: 413,
      rate_limit: 429,
      internal: 500,
      upstream: 502,
      timeout: 504,
      overloaded: 529,
    });
  });

  it("carries kind, status, message and options", () => {
    const cause = new Error("socket closed");
    const e = new GatewayError("rate_limit", "Slow down.", {
      retryAfterSeconds: 3,
      headers: { "x-a": "1" },
      param: "model",
      cause,
    });
    expect(e).toBeInstanceOf(Error);
    expect(isGatewayError(e)).toBe(true);
    expect(isGatewayError(new Error("x"))).toBe(false);
    expect([e.name, e.kind, e.status, e.message, e.param, e.retryAfterSeconds]).toEqual([
      "GatewayError",
      "rate_limit",
      429,
      "Slow down.",
      "model",
      3,
    ]);
    expect(e.headers).toEqual({ "x-a": "1" });
    expect(e.cause).toBe(cause);
  });

  it("leaves options undefined when not given", () => {
    const e = new GatewayError("upstream", "Upstream failed.");
    expect([e.status, e.param, e.retryAfterSeconds, e.headers, e.cause]).toEqual([
      502,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
