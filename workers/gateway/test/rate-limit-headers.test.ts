import { describe, expect, it } from "vitest";
import type { LimitSnapshot } from "../src/account/types.ts";
import { openAiDuration, rateLimitHeaders } from "../src/proxy/rate-limit-headers.ts";

const snapshot: LimitSnapshot = {
  rpm: 200,
  tpm: 1_000_000,
  requestsRemaining: 150,
  tokensRemaining: 990_000,
  requestsResetAt: Date.parse("2026-12-01T10:01:00.000Z"),
  tokensResetAt: Date.parse("2026-12-01T10:00:30.500Z"),
  now: Date.parse("2026-12-01T10:00:00.000Z"),
};

describe("rate-limit headers", () => {
  it("in Anthropic's style, with RFC 3339 reset times", () => {
    expect(rateLimitHeaders("anthropic-messages", snapshot)).toEqual({
      "anthropic-ratelimit-requests-limit": "200",
      "anthropic-ratelimit-requests-remaining": "150",
      "anthropic-ratelimit-requests-reset": "2026-12-01T10:01:00.000Z",
      "anthropic-ratelimit-tokens-limit": "1000000",
      "anthropic-ratelimit-tokens-remaining": "990000",
      "anthropic-ratelimit-tokens-reset": "2026-12-01T10:00:30.500Z",
    });
  });

  it("in OpenAI's style, with durations", () => {
    expect(rateLimitHeaders("openai-chat", snapshot)).toEqual({
      "x-ratelimit-limit-requests": "200",
      "x-ratelimit-remaining-requests": "150",
      "x-ratelimit-reset-requests": "1m0s",
      "x-ratelimit-limit-tokens": "1000000",
      "x-ratelimit-remaining-tokens": "990000",
      "x-ratelimit-reset-tokens": "30.5s",
    });
  });

  it.each([
    [0, "0ms"],
    [20, "20ms"],
    [1000, "1s"],
    [6_000, "6s"],
    [59_999, "59.999s"],
    [360_000, "6m0s"],
    [90_500, "1m30.5s"],
  ])("openAiDuration(%i) = %s", (ms, text) => {
    expect(openAiDuration(ms)).toBe(text);
  });
});
