// OpenAI Chat tools and tool_choice → Anthropic tools and tool_choice (docs/wire-formats.md, "OpenAI Chat → Claude").
import { describe, expect, it } from "vitest";
import { encodeAnthropicRequest } from "../anthropic-messages/encode-request.ts";
import type { AnthropicRequestBody } from "../anthropic-messages/types.ts";
import { decodeOpenAiChatRequest, parseOpenAiChatRequest } from "./decode-request.ts";

const toAnthropic = (body: Record<string, unknown>): AnthropicRequestBody =>
  encodeAnthropicRequest(
    decodeOpenAiChatRequest(parseOpenAiChatRequest({ model: "claude-sonnet-4-6", ...body })),
  );

const user = (text: string) => ({ role: "user", content: text });
const base = { model: "claude-sonnet-4-6", max_tokens: 32768, stream: false };
const hi = [{ role: "user" as const, content: [{ type: "text" as const, text: "Hi" }] }];

describe("tools and tool_choice", () => {
  const tools = [
    {
      type: "function",
      function: {
        name: "get_weather",
        description: "Weather for a city",
        parameters: {
          type: "object",
          properties: { city: { type: "string" } },
          required: ["city"],
          additionalProperties: false,
        },
        strict: true,
      },
    },
    { type: "function", function: { name: "now" } },
  ];
  const anthropicTools = [
    {
      name: "get_weather",
      description: "Weather for a city",
      input_schema: {
        type: "object",
        properties: { city: { type: "string" } },
        required: ["city"],
        additionalProperties: false,
      },
      strict: true,
    },
    { name: "now", input_schema: { type: "object", properties: {} } },
  ];

  const cases: [unknown, unknown][] = [
    ["auto", { type: "auto" }],
    ["none", { type: "none" }],
    ["required", { type: "any" }],
    [
      { type: "function", function: { name: "now" } },
      { type: "tool", name: "now" },
    ],
  ];
  for (const [choice, expected] of cases) {
    it(`maps tool_choice ${JSON.stringify(choice)}`, () => {
      const body = toAnthropic({ messages: [user("Hi")], tools, tool_choice: choice });
      expect(body).toEqual({ ...base, messages: hi, tools: anthropicTools, tool_choice: expected });
    });
  }

  it("maps parallel_tool_calls:false to disable_parallel_tool_use, creating auto when needed", () => {
    expect(toAnthropic({ messages: [user("Hi")], tools, parallel_tool_calls: false }).tool_choice).toEqual({
      type: "auto",
      disable_parallel_tool_use: true,
    });
    expect(
      toAnthropic({ messages: [user("Hi")], tools, parallel_tool_calls: false, tool_choice: "required" })
        .tool_choice,
    ).toEqual({ type: "any", disable_parallel_tool_use: true });
    // Never on `none`, and no tool_choice at all without tools.
    expect(
      toAnthropic({ messages: [user("Hi")], tools, parallel_tool_calls: false, tool_choice: "none" })
        .tool_choice,
    ).toEqual({ type: "none" });
    expect(toAnthropic({ messages: [user("Hi")], parallel_tool_calls: false, tool_choice: "auto" })).toEqual({
      ...base,
      messages: hi,
    });
  });

  it("turns forced tool use into auto when thinking is on (P13), keeping disable_parallel_tool_use", () => {
    const body = toAnthropic({
      messages: [user("Hi")],
      tools,
      tool_choice: "required",
      parallel_tool_calls: false,
      reasoning_effort: "high",
    });
    expect(body.tool_choice).toEqual({ type: "auto", disable_parallel_tool_use: true });
    expect(body.thinking).toEqual({ type: "adaptive" });
  });

  it("keeps cache_control on tools", () => {
    const body = toAnthropic({
      messages: [user("Hi")],
      tools: [
        { type: "function", function: { name: "now" }, cache_control: { type: "ephemeral", ttl: "1h" } },
      ],
    });
    expect(body.tools).toEqual([
      {
        name: "now",
        input_schema: { type: "object", properties: {} },
        cache_control: { type: "ephemeral", ttl: "1h" },
      },
    ]);
  });
});
