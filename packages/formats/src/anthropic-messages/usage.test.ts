import { describe, expect, it } from "vitest";
import { anthropicUsageToRecord } from "./usage.ts";

describe("anthropicUsageToRecord", () => {
  it("maps every token kind, cache writes by TTL from cache_creation", () => {
    expect(
      anthropicUsageToRecord({
        input_tokens: 10,
        cache_creation_input_tokens: 32435,
        cache_read_input_tokens: 66360,
        cache_creation: { ephemeral_5m_input_tokens: 435, ephemeral_1h_input_tokens: 32000 },
        output_tokens: 500,
        output_tokens_details: { thinking_tokens: 120 },
        service_tier: "standard",
      }),
    ).toEqual({
      input: 10,
      cacheWrite5m: 435,
      cacheWrite1h: 32000,
      cacheRead: 66360,
      output: 500,
      thinking: 120,
    });
  });

  it("counts all of cache_creation_input_tokens as 5m writes without a breakdown", () => {
    expect(
      anthropicUsageToRecord({ input_tokens: 1, cache_creation_input_tokens: 77, output_tokens: 2 }),
    ).toEqual({
      input: 1,
      cacheWrite5m: 77,
      cacheWrite1h: 0,
      cacheRead: 0,
      output: 2,
      thinking: 0,
    });
    expect(
      anthropicUsageToRecord({ cache_creation_input_tokens: 77, cache_creation: null }).cacheWrite5m,
    ).toBe(77);
  });

  it("bills a breakdown that falls short of the total at the 5m rate, never dropping tokens", () => {
    const r = anthropicUsageToRecord({
      cache_creation_input_tokens: 100,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 60 },
    });
    expect([r.cacheWrite5m, r.cacheWrite1h]).toEqual([40, 60]);
  });

  it("reads null, missing and malformed fields as 0", () => {
    const zero = { input: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, output: 0, thinking: 0 };
    expect(anthropicUsageToRecord(undefined)).toEqual(zero);
    expect(anthropicUsageToRecord(null)).toEqual(zero);
    expect(anthropicUsageToRecord("12")).toEqual(zero);
    expect(
      anthropicUsageToRecord({
        input_tokens: null,
        cache_read_input_tokens: -4,
        output_tokens: "9",
        output_tokens_details: null,
      }),
    ).toEqual(zero);
  });

  it("rounds a fractional count up", () => {
    expect(anthropicUsageToRecord({ output_tokens: 2.1 }).output).toBe(3);
  });
});
