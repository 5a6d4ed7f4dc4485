// Anthropic requests (Claude Code) → the Responses body sent to a GPT upstream.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { anthropicMessageFromEvents, sseEvents } from "../../test-fixtures/replay.ts";
import { responsesToAnthropic } from "../../test-fixtures/responses-replay.ts";
import { decodeAnthropicRequest } from "../anthropic-messages/decode-request.ts";
import { AnthropicMessagesRequestSchema } from "../anthropic-messages/schema.ts";
import type { IrRequest } from "../ir/request.ts";
import { encodeOpenAiResponsesRequest } from "./encode-request.ts";

const toGpt = (body: Record<string, unknown>) =>
  encodeOpenAiResponsesRequest(decodeAnthropicRequest(AnthropicMessagesRequestSchema.parse(body)));

/** A Claude Code turn (https://code.claude.com/docs/en/llm-gateway), the model a GPT alias. */
const claudeCode = (messages: unknown[], extra: Record<string, unknown> = {}) => ({
  model: "gpt-5.5",
  max_tokens: 32000,
  stream: true,
  system: [
    { type: "text", text: "x-anthropic-billing-header: cc_version=2.1.69; cc_entrypoint=cli; cch=1a2b3;" },
    { type: "text", text: "You are Claude Code." },
    { type: "text", text: "Be careful.", cache_control: { type: "ephemeral" } },
  ],
  messages,
  tools: [
    {
      name: "Bash",
      description: "Run a command",
      input_schema: { type: "object", properties: { command: { type: "string" } }, required: ["command"] },
      cache_control: { type: "ephemeral" },
    },
  ],
  thinking: { type: "adaptive" },
  output_config: { effort: "medium" },
  metadata: { user_id: "user_x_account_y_session_z" },
  context_management: { edits: [{ type: "clear_thinking_20251015", keep: "all" }] },
  ...extra,
});

describe("a Claude Code request → GPT", () => {
  it("system text becomes instructions without the attribution block; stateless, with encrypted reasoning", () => {
    const body = toGpt(claudeCode([{ role: "user", content: "hi" }]));
    expect(body).toEqual({
      model: "gpt-5.5",
      instructions: "You are Claude Code.\n\nBe careful.",
      input: [{ type: "message", role: "user", content: [{ type: "input_text", text: "hi" }] }],
      tools: [
        {
          type: "function",
          name: "Bash",
          description: "Run a command",
          parameters: { type: "object", properties: { command: { type: "string" } }, required: ["command"] },
          strict: false,
        },
      ],
      max_output_tokens: 32000,
      reasoning: { effort: "medium", summary: "auto" },
      store: false,
      include: ["reasoning.encrypted_content"],
      stream: true,
    });
  });

  it("a tool loop: calls, results (images too), and GPT's own reasoning restored from the thinking signature", () => {
    // The assistant turn Claude Code sends back: the Anthropic stream we made from GPT's answer.
    const file = new URL("../../test-fixtures/o-resp-reasoning-tool.sse", import.meta.url);
    const events = responsesToAnthropic(sseEvents(new Uint8Array(readFileSync(file))));
    const message = anthropicMessageFromEvents(
      events.map((e) => ({ event: e.type, data: JSON.stringify(e) })),
    );
    const blocks = message.content;
    const body = toGpt(
      claudeCode([
        { role: "user", content: "Weather in Oslo?" },
        {
          role: "assistant",
          content: [
            { type: "thinking", thinking: "Claude's own", signature: "EqQB..." },
            { type: "text", text: "Earlier." },
          ],
        },
        { role: "user", content: "Go on." },
        { role: "assistant", content: blocks },
        {
          role: "user",
          content: [
            {
              type: "tool_result",
              tool_use_id: "call_HandMade0001",
              content: [
                { type: "text", text: "12°C" },
                { type: "image", source: { type: "base64", media_type: "image/png", data: "AAA=" } },
              ],
            },
            { type: "text", text: "Thanks" },
          ],
        },
      ]),
    );
    expect(body.input).toEqual([
      { type: "message", role: "user", content: [{ type: "input_text", text: "Weather in Oslo?" }] },
      // Claude's signed thinking means nothing to GPT: dropped.
      { type: "message", role: "assistant", content: "Earlier." },
      { type: "message", role: "user", content: [{ type: "input_text", text: "Go on." }] },
      {
        type: "reasoning",
        id: "rs_handmade_1",
        summary: [{ type: "summary_text", text: "**Checking the weather**\n\nThe user wants Oslo." }],
        encrypted_content: "gAAAAABoHandMadeOpenAiCiphertext0001==",
      },
      { type: "message", role: "assistant", content: "Let me check." },
      {
        type: "function_call",
        call_id: "call_HandMade0001",
        name: "get_weather",
        arguments: '{"city":"Oslo"}',
      },
      {
        type: "function_call_output",
        call_id: "call_HandMade0001",
        output: [
          { type: "input_text", text: "12°C" },
          { type: "input_image", image_url: "data:image/png;base64,AAA=", detail: "auto" },
        ],
      },
      { type: "message", role: "user", content: [{ type: "input_text", text: "Thanks" }] },
    ]);
  });

  it("tool choice, parallel calls, budget-only thinking, structured output", () => {
    const body = toGpt(
      claudeCode([{ role: "user", content: "hi" }], {
        tool_choice: { type: "tool", name: "Bash", disable_parallel_tool_use: true },
        thinking: { type: "enabled", budget_tokens: 10000, display: "omitted" },
        output_config: { format: { type: "json_schema", schema: { type: "object" } } },
      }),
    );
    expect(body).toMatchObject({
      tool_choice: { type: "function", name: "Bash" },
      parallel_tool_calls: false,
      reasoning: { effort: "medium" },
      text: { format: { type: "json_schema", name: "response", schema: { type: "object" } } },
    });
    expect(body.reasoning).not.toHaveProperty("summary");
  });

  it("custom (free-text) tools from IR go to GPT as custom tools and calls", () => {
    const ir: IrRequest = {
      model: "gpt-5.5",
      system: [],
      messages: [
        { role: "user", content: [{ type: "text", text: "patch" }] },
        {
          role: "assistant",
          content: [{ type: "tool_call", id: "c1", name: "apply_patch", input: { input: "P" } }],
        },
        {
          role: "user",
          content: [{ type: "tool_result", toolCallId: "c1", content: [{ type: "text", text: "ok" }] }],
        },
      ],
      tools: [{ name: "apply_patch", inputSchema: {}, custom: { format: { type: "text" } } }],
      toolChoice: { type: "tool", name: "apply_patch" },
      maxOutputTokens: 100,
      stopSequences: [],
      metadata: {},
      stream: false,
      extra: {},
    };
    const body = encodeOpenAiResponsesRequest(ir);
    expect(body.tools).toEqual([{ type: "custom", name: "apply_patch", format: { type: "text" } }]);
    expect(body.tool_choice).toEqual({ type: "custom", name: "apply_patch" });
    expect(body.input.slice(1)).toEqual([
      { type: "custom_tool_call", call_id: "c1", name: "apply_patch", input: "P" },
      { type: "custom_tool_call_output", call_id: "c1", output: "ok" },
    ]);
  });
});
