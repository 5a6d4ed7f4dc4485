import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors.ts";
import { geminiUpstreamError, renderGeminiError, renderGeminiStreamError } from "./errors.ts";

describe("errors in Google's shape", () => {
  it("a 429 carries RetryInfo (Gemini CLI waits its retryDelay); a 400 the field at fault", () => {
    expect(
      renderGeminiError(new GatewayError("rate_limit", "slow down", { retryAfterSeconds: 2.2 }), "req_1"),
    ).toEqual({
      status: 429,
      headers: { "content-type": "application/json", "x-request-id": "req_1", "retry-after": "3" },
      body: {
        error: {
          code: 429,
          message: "slow down",
          status: "RESOURCE_EXHAUSTED",
          details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "3s" }],
        },
      },
    });
    const bad = renderGeminiError(new GatewayError("invalid_request", "model: no", { param: "model" }), "r");
    expect(bad.body).toMatchObject({
      error: { code: 400, status: "INVALID_ARGUMENT", details: [{ fieldViolations: [{ field: "model" }] }] },
    });
  });

  it("402 insufficient balance: FAILED_PRECONDITION, the product's code first in the message", () => {
    const r = renderGeminiError(new GatewayError("insufficient_balance", "Top up."), "r");
    expect(r.status).toBe(402);
    expect(r.body).toEqual({
      error: { code: 402, message: "insufficient_balance: Top up.", status: "FAILED_PRECONDITION" },
    });
  });

  it("after HTTP 200: Google's body in a data frame", () => {
    expect(renderGeminiStreamError(new GatewayError("upstream", "gone"))).toBe(
      'data: {"error":{"code":502,"message":"gone","status":"UNAVAILABLE"}}\n\n',
    );
  });

  it.each([
    [
      400,
      '{"error":{"code":400,"message":"API key not valid.","status":"INVALID_ARGUMENT","details":[{"reason":"API_KEY_INVALID"}]}}',
      "upstream",
      "The upstream provider refused the request.",
    ],
    [
      400,
      '{"error":{"code":400,"message":"The input token count (1048577) exceeds the maximum number of tokens allowed (1048576).","status":"INVALID_ARGUMENT"}}',
      "invalid_request",
      "prompt is too long: The input token count (1048577) exceeds the maximum number of tokens allowed (1048576).",
    ],
    [
      403,
      '{"error":{"code":403,"message":"Permission denied on project 123","status":"PERMISSION_DENIED"}}',
      "upstream",
      "The upstream provider refused the request.",
    ],
    [
      429,
      '{"error":{"code":429,"message":"Resource has been exhausted","status":"RESOURCE_EXHAUSTED"}}',
      "rate_limit",
      "Resource has been exhausted",
    ],
    [503, "<html>", "overloaded", "The upstream provider reported an error."],
  ])("upstream %i %s → %s", (status, text, kind, message) => {
    expect(geminiUpstreamError(status, text)).toMatchObject({ kind, message });
  });
});
