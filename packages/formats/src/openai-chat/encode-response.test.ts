// Anthropic Message JSON → IR → ChatCompletion (docs/wire-formats.md, "Claude → OpenAI Chat").
import { describe, expect, it } from "vitest";
import { decodeAnthropicResponse } from "../anthropic-messages/decode-response.ts";
import { encodeOpenAiChatResponse } from "./encode-response.ts";

const message = (content: unknown[], extra: Record<string, unknown> = {}) => ({
  id: "msg_1",
  type: "message",
  role: "assistant",
  model: "claude-opus-4-7",
  content,
  stop_reason: "end_turn",
  stop_sequence: null,
  usage: { input_tokens: 10, output_tokens: 5 },
  ...extra,
});
const toChat = (msg: unknown) =>
  encodeOpenAiChatResponse(decodeAnthropicResponse(msg), { created: 1700000000 });

describe("encodeOpenAiChatResponse", () => {
  it("renders a text answer as a full ChatCompletion", () => {
    expect(toChat(message([{ type: "text", text: "OK", citations: null }]))).toEqual({
      id: "chatcmpl-msg_1",
      object: "chat.completion",
      created: 1700000000,
      model: "claude-opus-4-7",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: "OK", refusal: null },
          logprobs: null,
          finish_reason: "stop",
        },
      ],
      usage: {
        prompt_tokens: 10,
        completion_tokens: 5,
        total_tokens: 15,
        prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    });
  });

  it("joins text, keeps tool calls in order with JSON-string arguments, and carries thinking with signatures", () => {
    const chat = toChat(
      message(
        [
          { type: "thinking", thinking: "Plan: ", signature: "sig1" },
          { type: "redacted_thinking", data: "EmwK" },
          { type: "text", text: "Calling " },
          { type: "server_tool_use", id: "srvtoolu_1", name: "web_search", input: { query: "x" } },
          { type: "web_search_tool_result", tool_use_id: "srvtoolu_1", content: [] },
          { type: "text", text: "tools." },
          { type: "tool_use", id: "toolu_a", name: "get_weather", input: { city: "Paris", days: [1, 2] } },
          { type: "tool_use", id: "toolu_b", name: "now", input: {} },
        ],
        { stop_reason: "tool_use" },
      ),
    );
    expect(chat.choices[0]).toEqual({
      index: 0,
      logprobs: null,
      finish_reason: "tool_calls",
      message: {
        role: "assistant",
        content: "Calling tools.",
        refusal: null,
        reasoning_content: "Plan: ",
        thinking_blocks: [
          { type: "thinking", thinking: "Plan: ", signature: "sig1" },
          { type: "redacted_thinking", data: "EmwK" },
        ],
        tool_calls: [
          {
            id: "toolu_a",
            type: "function",
            function: { name: "get_weather", arguments: '{"city":"Paris","days":[1,2]}' },
          },
          { id: "toolu_b", type: "function", function: { name: "now", arguments: "{}" } },
        ],
      },
    });
  });

  it("sets content to null when there are only tool calls", () => {
    const chat = toChat(
      message([{ type: "tool_use", id: "t", name: "f", input: {} }], { stop_reason: "tool_use" }),
    );
    expect(chat.choices[0].message.content).toBeNull();
  });

  it("counts cache reads and writes (both TTLs) in prompt_tokens, thinking as reasoning_tokens", () => {
    const usage = {
      input_tokens: 10,
      cache_creation_input_tokens: 300,
      cache_read_input_tokens: 5000,
      cache_creation: { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 200 },
      output_tokens: 40,
      output_tokens_details: { thinking_tokens: 25 },
    };
    expect(toChat(message([{ type: "text", text: "x" }], { usage })).usage).toEqual({
      prompt_tokens: 5310,
      completion_tokens: 40,
      total_tokens: 5350,
      prompt_tokens_details: { cached_tokens: 5000, cache_write_tokens: 300 },
      completion_tokens_details: { reasoning_tokens: 25 },
    });
  });

  it("maps a refusal to content_filter with the explanation as refusal", () => {
    const chat = toChat(
      message([], {
        stop_reason: "refusal",
        stop_details: { type: "refusal", category: "cyber", explanation: "Blocked." },
      }),
    );
    expect(chat.choices[0]).toMatchObject({
      finish_reason: "content_filter",
      message: { content: null, refusal: "Blocked." },
    });
  });

  it("reports the caller's model name when given one", () => {
    const ir = decodeAnthropicResponse(message([{ type: "text", text: "x" }]));
    expect(encodeOpenAiChatResponse(ir, { model: "opus", created: 1 }).model).toBe("opus");
  });
});
