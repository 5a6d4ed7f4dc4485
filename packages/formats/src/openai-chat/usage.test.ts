import { describe, expect, it } from "vitest";
import { openAiChatBodyUsage } from "./usage.ts";

describe("openAiChatBodyUsage (a non-streamed ChatCompletion)", () => {
  const completion = (extra: Record<string, unknown>) => ({
    id: "chatcmpl-1",
    object: "chat.completion",
    model: "gpt-5.5",
    choices: [{ index: 0, message: { role: "assistant", content: "Hi" }, finish_reason: "stop" }],
    ...extra,
  });
  // 1200 prompt tokens of which 1024 cached; 80 completion tokens of which 40 reasoning.
  const USAGE = {
    prompt_tokens: 1200,
    completion_tokens: 80,
    total_tokens: 1280,
    prompt_tokens_details: { cached_tokens: 1024, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 40, audio_tokens: 0 },
  };
  const BILLED = { input: 176, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 1024, output: 80, thinking: 40 };

  it("is undefined without a usage object", () => {
    expect(openAiChatBodyUsage(completion({}))).toBeUndefined();
    expect(openAiChatBodyUsage(completion({ usage: null }))).toBeUndefined();
    expect(openAiChatBodyUsage(completion({ usage: [] }))).toBeUndefined();
    expect(openAiChatBodyUsage(completion({ usage: 1280 }))).toBeUndefined();
    expect(openAiChatBodyUsage(undefined)).toBeUndefined();
    expect(openAiChatBodyUsage([{ usage: USAGE }])).toBeUndefined();
  });

  it("reads the usage, cached prompt tokens as cache reads", () => {
    expect(openAiChatBodyUsage(completion({ usage: USAGE, service_tier: "default" }))).toEqual(BILLED);
  });

  it("adds the tier it was served at when it is not the standard one", () => {
    expect(openAiChatBodyUsage(completion({ usage: USAGE, service_tier: "priority" }))).toEqual({
      ...BILLED,
      serviceTier: "priority",
    });
    expect(openAiChatBodyUsage(completion({ usage: USAGE, service_tier: "flex" }))?.serviceTier).toBe("flex");
    expect(
      openAiChatBodyUsage(completion({ usage: USAGE, service_tier: "auto" }))?.serviceTier,
    ).toBeUndefined();
    expect(openAiChatBodyUsage(completion({ usage: USAGE, service_tier: 3 }))?.serviceTier).toBeUndefined();
  });

  it("an empty usage object is a report of zero", () => {
    expect(openAiChatBodyUsage(completion({ usage: {} }))).toEqual({
      input: 0,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      cacheRead: 0,
      output: 0,
      thinking: 0,
    });
  });
});
