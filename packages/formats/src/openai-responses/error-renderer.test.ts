// Errors for Responses clients: HTTP bodies as Chat's, in-stream codes Codex acts on, and
// OpenAI upstream errors read into our kinds.
import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors.ts";
import { renderOpenAiChatError } from "../openai-chat/error-renderer.ts";
import { renderOpenAiResponsesError, responsesError, upstreamErrorFromOpenAi } from "./error-renderer.ts";

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
