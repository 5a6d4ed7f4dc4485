// Usage both ways: our record as Responses usage (Codex's meter), and OpenAI's usage (GPT
// upstream, Chat and Responses) as our record for billing.
import { describe, expect, it } from "vitest";
import { openAiChatUsageToRecord } from "../openai-chat/usage.ts";
import { openAiResponsesUsage, openAiResponsesUsageToRecord } from "./usage.ts";

describe("openAiResponsesUsage", () => {
  it("input_tokens include cache reads and writes; total is input + output", () => {
    const u = { input: 40, cacheWrite5m: 150, cacheWrite1h: 50, cacheRead: 1000, output: 85, thinking: 20 };
    expect(openAiResponsesUsage(u)).toEqual({
      input_tokens: 1240,
      input_tokens_details: { cached_tokens: 1000, cache_write_tokens: 200 },
      output_tokens: 85,
      output_tokens_details: { reasoning_tokens: 20 },
      total_tokens: 1325,
    });
  });
});

describe("OpenAI usage → usage record (GPT passthrough billing)", () => {
  it("Responses: input = input_tokens − cached, cached is a cache read, reasoning is thinking", () => {
    const usage = {
      input_tokens: 1200,
      input_tokens_details: { cached_tokens: 1024, cache_write_tokens: 100 },
      output_tokens: 80,
      output_tokens_details: { reasoning_tokens: 40 },
      total_tokens: 1280,
    };
    expect(openAiResponsesUsageToRecord(usage)).toEqual({
      input: 176,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      cacheRead: 1024,
      output: 80,
      thinking: 40,
    });
  });

  it("Chat: the same rule on prompt_tokens and completion_tokens", () => {
    const usage = {
      prompt_tokens: 120,
      completion_tokens: 30,
      total_tokens: 150,
      prompt_tokens_details: { cached_tokens: 100 },
      completion_tokens_details: { reasoning_tokens: 12 },
    };
    expect(openAiChatUsageToRecord(usage)).toEqual({
      input: 20,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      cacheRead: 100,
      output: 30,
      thinking: 12,
    });
  });

  it("anything unreadable counts 0; a cached count above the input is capped; fractions round up", () => {
    const zero = { input: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, output: 0, thinking: 0 };
    expect(openAiResponsesUsageToRecord(null)).toEqual(zero);
    expect(openAiChatUsageToRecord("x")).toEqual(zero);
    expect(
      openAiResponsesUsageToRecord({ input_tokens: 10, input_tokens_details: { cached_tokens: 50 } }),
    ).toMatchObject({
      input: 0,
      cacheRead: 10,
    });
    expect(openAiChatUsageToRecord({ prompt_tokens: 2.5, completion_tokens: -4 })).toMatchObject({
      input: 3,
      output: 0,
    });
  });
});
