// Errors for Responses clients: HTTP bodies as Chat's, in-stream codes Codex acts on, and
// OpenAI upstream errors read into our kinds.
import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors.ts";
import { renderOpenAiChatError } from "../openai-chat/errors.ts";
import {
  openAiUpstreamError,
  renderOpenAiResponsesError,
  responsesError,
  upstreamErrorFromOpenAi,
} from "./errors.ts";

describe("Responses errors", () => {
  it("the HTTP error is Chat's renderer, with context_length_exceeded for an over-long prompt", () => {
    expect(renderOpenAiResponsesError).toBe(renderOpenAiChatError);
    const err = new GatewayError("invalid_request", "prompt is too long: 201234 tokens > 200000 maximum");
    expect(renderOpenAiResponsesError(err, "req_1").body.error).toMatchObject({
      type: "invalid_request_error",
      code: "context_length_exceeded",
    });
  });

  it("response.error codes: OpenAI's where one exists, never null", () => {
    expect(responsesError("rate_limit", "slow")).toEqual({ code: "rate_limit_exceeded", message: "slow" });
    expect(responsesError("overloaded", "Overloaded")).toEqual({ code: "overloaded", message: "Overloaded" });
    expect(responsesError("invalid_request", "bad")).toEqual({ code: "invalid_prompt", message: "bad" });
    expect(responsesError("invalid_request", "prompt is too long: 5 > 4").code).toBe(
      "context_length_exceeded",
    );
    expect(responsesError("upstream", "x").code).toBe("upstream_error");
  });

  it("upstream OpenAI codes: our account's trouble is not the client's, and its details stay hidden", () => {
    expect(upstreamErrorFromOpenAi("insufficient_quota", "You exceeded your quota, org-123")).toEqual({
      kind: "upstream",
      message: "The upstream provider refused the request.",
    });
    expect(upstreamErrorFromOpenAi("server_is_overloaded", "busy")).toEqual({
      kind: "overloaded",
      message: "busy",
    });
    expect(upstreamErrorFromOpenAi("something_new", null)).toEqual({
      kind: "upstream",
      message: "The upstream provider reported an error.",
    });
  });
});

describe("openAiUpstreamError (an OpenAI error answer, for a client of another format)", () => {
  const body = (code: unknown, message: string, type = "invalid_request_error") =>
    JSON.stringify({ error: { message, type, param: null, code } });
  const seen = (e: GatewayError) => ({ kind: e.kind, status: e.status, message: e.message });

  it("by code first: a context overflow reads as Anthropic's 'prompt is too long', whatever the status", () => {
    const text =
      "This model's maximum context length is 400000 tokens. However, your messages resulted in 410000 tokens.";
    const expected = { kind: "invalid_request", status: 400, message: `prompt is too long: ${text}` };
    expect(seen(openAiUpstreamError(400, body("context_length_exceeded", text)))).toEqual(expected);
    expect(seen(openAiUpstreamError(500, body("context_length_exceeded", text)))).toEqual(expected);
    // Which every OpenAI renderer turns back into context_length_exceeded.
    const rendered = renderOpenAiResponsesError(
      openAiUpstreamError(400, body("context_length_exceeded", text)),
      "r",
    );
    expect(rendered.body.error.code).toBe("context_length_exceeded");
  });

  it("quota and key errors concern the gateway's own account: neutral, never the vendor's text", () => {
    for (const [status, code] of [
      [429, "insufficient_quota"],
      [401, "invalid_api_key"],
      [400, "invalid_api_key"],
    ] as const) {
      const e = openAiUpstreamError(status, body(code, "Incorrect API key provided: sk-proj-SECRET"));
      expect(seen(e)).toEqual({
        kind: "upstream",
        status: 502,
        message: "The upstream provider refused the request.",
      });
    }
  });

  it("other known codes keep the vendor's message", () => {
    expect(
      seen(openAiUpstreamError(429, body("rate_limit_exceeded", "Rate limit reached for gpt-5.5"), 20)),
    ).toEqual({
      kind: "rate_limit",
      status: 429,
      message: "Rate limit reached for gpt-5.5",
    });
    expect(
      seen(openAiUpstreamError(404, body("model_not_found", "The model `gpt-9` does not exist"))),
    ).toEqual({
      kind: "not_found",
      status: 404,
      message: "The model `gpt-9` does not exist",
    });
    expect(openAiUpstreamError(503, body("server_is_overloaded", "busy")).kind).toBe("overloaded");
    expect(openAiUpstreamError(400, body("invalid_prompt", "bad prompt")).kind).toBe("invalid_request");
  });

  it.each([
    [429, "rate_limit", 429, "The upstream is rate limited."],
    [404, "not_found", 404, "The upstream found no such resource."],
    [400, "invalid_request", 400, "The upstream rejected the request."],
    [422, "invalid_request", 400, "The upstream rejected the request."],
    [503, "overloaded", 529, "The upstream is overloaded."],
    [401, "upstream", 502, "The upstream provider refused the request."],
    [403, "upstream", 502, "The upstream provider refused the request."],
    [500, "upstream", 502, "The upstream provider reported an error."],
    [502, "upstream", 502, "The upstream provider reported an error."],
    [504, "upstream", 502, "The upstream provider reported an error."],
  ] as const)("then by status: %i with a body that is not JSON → %s (%i)", (status, kind, ours, message) => {
    expect(seen(openAiUpstreamError(status, "<html>upstream connect error</html>"))).toEqual({
      kind,
      status: ours,
      message,
    });
  });

  it("an unknown or missing code goes by status, keeping the vendor's message except on 401 and 403", () => {
    expect(seen(openAiUpstreamError(400, body(null, "Invalid value for 'temperature'.")))).toEqual({
      kind: "invalid_request",
      status: 400,
      message: "Invalid value for 'temperature'.",
    });
    expect(
      seen(openAiUpstreamError(500, body("brand_new_code", "The server had an error.", "server_error"))),
    ).toEqual({ kind: "upstream", status: 502, message: "The server had an error." });
    expect(openAiUpstreamError(403, body(null, "Project proj_SECRET lacks access")).message).toBe(
      "The upstream provider refused the request.",
    );
    expect(openAiUpstreamError(401, body("brand_new_code", "key sk-SECRET revoked")).message).toBe(
      "The upstream provider refused the request.",
    );
    // A code that is not a string is no code.
    expect(openAiUpstreamError(429, body(42, "")).message).toBe("The upstream is rate limited.");
  });

  it("passes the vendor's retry-after on, and none when it sent none", () => {
    expect(openAiUpstreamError(429, body("rate_limit_exceeded", "slow"), 20).retryAfterSeconds).toBe(20);
    expect(openAiUpstreamError(503, "busy", 1.5).retryAfterSeconds).toBe(1.5);
    expect(openAiUpstreamError(429, body("rate_limit_exceeded", "slow")).retryAfterSeconds).toBeUndefined();
  });
});
