import { describe, expect, it } from "vitest";
import { type ErrorKind, GatewayError } from "../errors.ts";
import { SseDecoder } from "../sse/decoder.ts";
import { renderOpenAiChatError, renderOpenAiChatStreamError } from "./errors.ts";

const table: [ErrorKind, number, string, string | null][] = [
  ["invalid_request", 400, "invalid_request_error", null],
  ["authentication", 401, "invalid_request_error", "invalid_api_key"],
  ["insufficient_balance", 402, "insufficient_balance", "insufficient_balance"],
  ["permission", 403, "permission_error", null],
  ["not_found", 404, "invalid_request_error", null],
  ["request_too_large", 413, "invalid_request_error", "request_too_large"],
  ["rate_limit", 429, "rate_limit_error", "rate_limit_exceeded"],
  ["internal", 500, "server_error", "internal_error"],
  ["upstream", 502, "api_error", "upstream_error"],
  ["timeout", 504, "server_error", "timeout"],
  ["overloaded", 529, "server_error", "overloaded"],
];

describe("renderOpenAiChatError", () => {
  for (const [kind, status, type, code] of table) {
    it(`${kind} → ${status} ${type} / ${code}`, () => {
      expect(renderOpenAiChatError(new GatewayError(kind, "Something."), "req_1")).toEqual({
        status,
        headers: { "content-type": "application/json", "x-request-id": "req_1" },
        body: { error: { message: "Something.", type, param: null, code } },
      });
    });
  }

  it("renders param, and model_not_found for a not_found on the model", () => {
    const bad = new GatewayError("invalid_request", "n: only n=1 is supported", { param: "n" });
    expect(JSON.stringify(renderOpenAiChatError(bad, "r").body)).toBe(
      '{"error":{"message":"n: only n=1 is supported","type":"invalid_request_error","param":"n","code":null}}',
    );
    const model = new GatewayError("not_found", "The model `gpt-9` does not exist.", { param: "model" });
    expect(renderOpenAiChatError(model, "r").body.error).toMatchObject({
      param: "model",
      code: "model_not_found",
    });
  });

  it("sets retry-after (whole seconds, rounded up) and keeps extra headers", () => {
    const err = new GatewayError("rate_limit", "Slow down.", {
      retryAfterSeconds: 1.5,
      headers: { "X-RateLimit-Limit": "50" },
    });
    expect(renderOpenAiChatError(err, "req_2").headers).toEqual({
      "content-type": "application/json",
      "x-request-id": "req_2",
      "retry-after": "2",
      "x-ratelimit-limit": "50",
    });
  });
});

describe("renderOpenAiChatStreamError", () => {
  it("renders a data-only frame with a top-level error", () => {
    const frame = renderOpenAiChatStreamError(new GatewayError("overloaded", "Overloaded"));
    expect(frame).toBe(
      'data: {"error":{"message":"Overloaded","type":"server_error","param":null,"code":"overloaded"}}\n\n',
    );
    expect(new SseDecoder().push(new TextEncoder().encode(frame))).toHaveLength(1);
  });
});
