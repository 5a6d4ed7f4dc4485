// Usage both ways: our record as Responses usage (Codex's meter), and OpenAI's usage (GPT
// upstream, Chat and Responses) as our record for billing.
import { describe, expect, it } from "vitest";
import { openAiChatUsageToRecord } from "../openai-chat/usage.ts";
import {
  countHostedCall,
  hostedToolKind,
  hostedToolOf,
  openAiResponsesBodyUsage,
  openAiResponsesUsage,
  openAiResponsesUsageToRecord,
} from "./usage.ts";

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

describe("openAiResponsesBodyUsage (a non-streamed Response, or a terminal event's)", () => {
  const USAGE = {
    input_tokens: 1200,
    input_tokens_details: { cached_tokens: 1024 },
    output_tokens: 80,
    output_tokens_details: { reasoning_tokens: 40 },
    total_tokens: 1280,
  };
  const BILLED = { input: 176, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 1024, output: 80, thinking: 40 };
  const response = (extra: Record<string, unknown>) => ({
    id: "resp_1",
    object: "response",
    status: "completed",
    model: "gpt-5.5",
    output: [],
    ...extra,
  });

  it("is undefined without a usage object", () => {
    expect(openAiResponsesBodyUsage(response({}))).toBeUndefined();
    expect(openAiResponsesBodyUsage(response({ usage: null }))).toBeUndefined();
    expect(openAiResponsesBodyUsage(response({ usage: [] }))).toBeUndefined();
    expect(openAiResponsesBodyUsage(response({ usage: "1280" }))).toBeUndefined();
    expect(openAiResponsesBodyUsage(null)).toBeUndefined();
  });

  it("reads the usage, the tier and the hosted calls among the output items", () => {
    const output = [
      { type: "reasoning", id: "rs_1", summary: [] },
      { type: "web_search_call", id: "ws_1", status: "completed", action: { type: "search", query: "a" } },
      { type: "web_search_call", id: "ws_2", status: "completed" },
      { type: "file_search_call", id: "fs_1", status: "completed", queries: ["b"] },
      { type: "code_interpreter_call", id: "ci_1", status: "completed" },
      { type: "function_call", id: "fc_1", call_id: "call_1", name: "f", arguments: "{}" },
      { type: "custom_tool_call", id: "ct_1", call_id: "call_2", name: "apply_patch", input: "" },
      { type: "local_shell_call", id: "ls_1", call_id: "call_3" },
      { type: "computer_call", id: "cu_1", call_id: "call_4" },
      { type: "tool_search_call", id: "ts_1", execution: "client" },
      { type: "message", id: "msg_1", role: "assistant", content: [{ type: "output_text", text: "Hi" }] },
      null,
      "web_search_call",
    ];
    expect(openAiResponsesBodyUsage(response({ usage: USAGE, output, service_tier: "priority" }))).toEqual({
      ...BILLED,
      serviceTier: "priority",
      toolUses: { web_search: 2, file_search: 1, code_interpreter: 1 },
    });
  });

  it("has no tier or tools for a plain answer at the standard tier", () => {
    for (const tier of ["default", "auto", undefined]) {
      expect(openAiResponsesBodyUsage(response({ usage: USAGE, service_tier: tier }))).toEqual(BILLED);
    }
  });
});

describe("hosted tool naming", () => {
  it.each([
    ["web_search", "web_search"],
    ["web_search_preview", "web_search"],
    ["web_search_preview_2025_03_11", "web_search"],
    ["web_search_2025_08_26", "web_search"],
    ["web_search_call", "web_search"],
    ["file_search", "file_search"],
    ["file_search_call", "file_search"],
    ["code_interpreter", "code_interpreter"],
    ["code_interpreter_call", "code_interpreter"],
    ["image_generation_call", "image_generation"],
    ["mcp", "mcp"],
    ["mcp_call", "mcp"],
    ["tool_search", "tool_search"],
  ])("%s is the hosted tool %s", (type, kind) => {
    expect(hostedToolKind(type)).toBe(kind);
  });

  it.each([
    "function",
    "function_call",
    "custom",
    "custom_tool_call",
    "namespace",
    "local_shell",
    "local_shell_call",
    "shell",
    "shell_call",
    "apply_patch",
    "apply_patch_call",
    "computer_use_preview",
    "computer_call",
    "function_call_output",
    "message",
    "reasoning",
  ])("%s is the client's own", (type) => {
    expect(hostedToolKind(type)).toBeUndefined();
  });

  it("a tool the request has the client execute is not hosted, whatever its type", () => {
    expect(hostedToolOf({ type: "tool_search", execution: "client" })).toBeUndefined();
    expect(hostedToolOf({ type: "tool_search", execution: "server" })).toBe("tool_search");
    expect(hostedToolOf({ type: "tool_search" })).toBe("tool_search");
    expect(hostedToolOf({ type: "web_search_preview", search_context_size: "low" })).toBe("web_search");
    expect(hostedToolOf({ name: "no_type" })).toBeUndefined();
    expect(hostedToolOf(null)).toBeUndefined();
  });

  it("countHostedCall tallies call items only", () => {
    let tally = countHostedCall(undefined, { type: "web_search" });
    expect(tally).toBeUndefined();
    tally = countHostedCall(tally, { type: "web_search_call" });
    tally = countHostedCall(tally, { type: "function_call" });
    tally = countHostedCall(tally, { type: "web_search_call" });
    tally = countHostedCall(tally, { type: "tool_search_call", execution: "client" });
    tally = countHostedCall(tally, { type: "file_search_call" });
    expect(tally).toEqual({ web_search: 2, file_search: 1 });
  });
});
