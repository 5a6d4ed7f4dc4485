import { describe, expect, it } from "vitest";
import { anthropicMessageUsage, anthropicUsageToRecord, serverToolKind } from "./usage.ts";

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

describe("anthropicMessageUsage (a non-streamed Message)", () => {
  const message = (extra: Record<string, unknown>) => ({
    id: "msg_1",
    type: "message",
    role: "assistant",
    model: "claude-sonnet-4-5",
    content: [{ type: "text", text: "Hi" }],
    stop_reason: "end_turn",
    ...extra,
  });

  it("is undefined without a usage object", () => {
    expect(anthropicMessageUsage(message({}))).toBeUndefined();
    expect(anthropicMessageUsage(message({ usage: null }))).toBeUndefined();
    expect(anthropicMessageUsage(message({ usage: [] }))).toBeUndefined();
    expect(anthropicMessageUsage(message({ usage: "12" }))).toBeUndefined();
    expect(anthropicMessageUsage(null)).toBeUndefined();
    expect(anthropicMessageUsage("{}")).toBeUndefined();
  });

  it("reads every token kind, the tier, and server tools from blocks and counters (per tool the larger)", () => {
    const body = message({
      content: [
        { type: "text", text: "Searching." },
        { type: "server_tool_use", id: "srvtoolu_1", name: "web_search", input: { query: "a" } },
        { type: "web_search_tool_result", tool_use_id: "srvtoolu_1", content: [] },
        { type: "server_tool_use", id: "srvtoolu_2", name: "web_search", input: { query: "b" } },
        { type: "server_tool_use", id: "srvtoolu_3", name: "bash_code_execution", input: {} },
        { type: "server_tool_use", id: "srvtoolu_4", name: "web_fetch", input: {} },
        { type: "tool_use", id: "toolu_1", name: "get_weather", input: {} },
      ],
      usage: {
        input_tokens: 50,
        cache_creation_input_tokens: 30,
        cache_creation: { ephemeral_5m_input_tokens: 10, ephemeral_1h_input_tokens: 20 },
        cache_read_input_tokens: 5,
        output_tokens: 80,
        output_tokens_details: { thinking_tokens: 12 },
        service_tier: "priority",
        server_tool_use: { web_search_requests: 1, web_fetch_requests: 2 },
      },
    });
    // web_search: 2 blocks > 1 counted; web_fetch: 2 counted > 1 block; code execution: 1 block.
    expect(anthropicMessageUsage(body)).toEqual({
      input: 50,
      cacheWrite5m: 10,
      cacheWrite1h: 20,
      cacheRead: 5,
      output: 80,
      thinking: 12,
      serviceTier: "priority",
      toolUses: { web_search: 2, web_fetch: 2, code_execution: 1 },
    });
  });

  it("has no tier or tools when the standard tier served it and no server tool ran", () => {
    const body = message({ usage: { input_tokens: 7, output_tokens: 3, service_tier: "standard" } });
    expect(anthropicMessageUsage(body)).toEqual({
      input: 7,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      cacheRead: 0,
      output: 3,
      thinking: 0,
    });
  });

  it("counts server tools from counters alone when the content is not a list", () => {
    const body = message({
      content: null,
      usage: { input_tokens: 1, output_tokens: 1, server_tool_use: { web_search_requests: 3 } },
    });
    expect(anthropicMessageUsage(body)?.toolUses).toEqual({ web_search: 3 });
  });
});

describe("serverToolKind", () => {
  it.each([
    ["web_search_20250305", "web_search"],
    ["web_search_20260209", "web_search"],
    ["web_fetch_20250910", "web_fetch"],
    ["code_execution_20250825", "code_execution"],
    ["bash_code_execution", "code_execution"],
    ["text_editor_code_execution", "code_execution"],
    ["web_search", "web_search"],
    ["bash_20250124", "bash"],
    ["text_editor_20250728", "text_editor"],
    ["computer_20250124", "computer"],
    ["memory_20250818", "memory"],
    // Only an 8-digit date is a version suffix.
    ["tool_2025", "tool_2025"],
  ])("%s → %s", (name, kind) => {
    expect(serverToolKind(name)).toBe(kind);
  });
});
