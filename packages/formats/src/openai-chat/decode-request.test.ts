// OpenAI Chat request → IR → Anthropic Messages body, compared with the exact body we expect
// to send upstream (docs/wire-formats.md, "OpenAI Chat → Claude").
import { describe, expect, it } from "vitest";
import { encodeAnthropicRequest } from "../anthropic-messages/encode-request.ts";
import type { AnthropicRequestBody } from "../anthropic-messages/types.ts";
import { GatewayError } from "../errors.ts";
import { decodeOpenAiChatRequest, parseOpenAiChatRequest } from "./decode-request.ts";

/** The Anthropic body for an OpenAI body (validated the way the gateway does). */
const toAnthropic = (body: Record<string, unknown>): AnthropicRequestBody =>
  encodeAnthropicRequest(
    decodeOpenAiChatRequest(parseOpenAiChatRequest({ model: "claude-sonnet-4-6", ...body })),
  );

const user = (text: string) => ({ role: "user", content: text });
const base = { model: "claude-sonnet-4-6", max_tokens: 32768, stream: false };
const hi = [{ role: "user" as const, content: [{ type: "text" as const, text: "Hi" }] }];

/** Expect a 400 GatewayError naming `param`. */
function expect400(body: Record<string, unknown>, param: string): void {
  let caught: unknown;
  try {
    toAnthropic(body);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(GatewayError);
  expect(caught).toMatchObject({ kind: "invalid_request", status: 400, param });
}

describe("messages", () => {
  it("hoists system and developer messages into system blocks, in order", () => {
    const body = toAnthropic({
      messages: [
        { role: "system", content: "Be brief." },
        { role: "developer", content: [{ type: "text", text: "Answer in French." }] },
        user("Hi"),
      ],
    });
    expect(body).toEqual({
      ...base,
      system: [
        { type: "text", text: "Be brief." },
        { type: "text", text: "Answer in French." },
      ],
      messages: hi,
    });
  });

  it("maps data: images to base64, https images to url, and PDF data to a document", () => {
    const body = toAnthropic({
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "Compare" },
            { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=", detail: "high" } },
            { type: "image_url", image_url: { url: "https://example.com/cat.jpg" } },
            { type: "file", file: { filename: "a.pdf", file_data: "data:application/pdf;base64,JVBERi0x" } },
            { type: "image_url", image_url: { url: "data:application/pdf;base64,JVBERi0y" } },
          ],
        },
      ],
    });
    expect(body.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "Compare" },
          { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } },
          { type: "image", source: { type: "url", url: "https://example.com/cat.jpg" } },
          { type: "document", source: { type: "base64", media_type: "application/pdf", data: "JVBERi0x" } },
          { type: "document", source: { type: "base64", media_type: "application/pdf", data: "JVBERi0y" } },
        ],
      },
    ]);
  });

  it("rejects audio, file_id and non-http image URLs with a 400 naming the part", () => {
    const parts = (part: unknown) => ({ messages: [{ role: "user", content: [part] }] });
    expect400(
      parts({ type: "input_audio", input_audio: { data: "x", format: "wav" } }),
      "messages.0.content.0",
    );
    expect400(parts({ type: "file", file: { file_id: "file-1" } }), "messages.0.content.0.file");
    expect400(
      parts({ type: "image_url", image_url: { url: "ftp://x/y.png" } }),
      "messages.0.content.0.image_url.url",
    );
  });

  it("turns tool calls into tool_use (empty arguments → {}) and merges consecutive tool messages", () => {
    const body = toAnthropic({
      tools: [{ type: "function", function: { name: "get_weather" } }],
      messages: [
        user("Weather in Paris and Tokyo?"),
        {
          role: "assistant",
          content: null,
          tool_calls: [
            {
              id: "call_a",
              type: "function",
              function: { name: "get_weather", arguments: '{"city":"Paris"}' },
            },
            { id: "call_b", type: "function", function: { name: "get_weather", arguments: "" } },
          ],
        },
        { role: "tool", tool_call_id: "call_a", content: "18°C" },
        { role: "tool", tool_call_id: "call_b", content: [{ type: "text", text: "25°C" }] },
        user("Thanks. And Oslo?"),
      ],
    });
    expect(body.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "Weather in Paris and Tokyo?" }] },
      {
        role: "assistant",
        content: [
          { type: "tool_use", id: "call_a", name: "get_weather", input: { city: "Paris" } },
          { type: "tool_use", id: "call_b", name: "get_weather", input: {} },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "call_a", content: [{ type: "text", text: "18°C" }] },
          { type: "tool_result", tool_use_id: "call_b", content: [{ type: "text", text: "25°C" }] },
          { type: "text", text: "Thanks. And Oslo?" },
        ],
      },
    ]);
  });

  it("rejects tool call arguments that are not a JSON object, naming the field", () => {
    const call = (args: string) => ({
      messages: [
        user("x"),
        {
          role: "assistant",
          tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: args } }],
        },
      ],
    });
    expect400(call("{not json"), "messages.1.tool_calls.0.function.arguments");
    expect400(call("[1]"), "messages.1.tool_calls.0.function.arguments");
  });

  it("puts thinking_blocks (with signatures) first in the assistant turn, so a tool loop replays", () => {
    const body = toAnthropic({
      reasoning_effort: "medium",
      tools: [{ type: "function", function: { name: "get_weather", parameters: { type: "object" } } }],
      messages: [
        user("Weather in Oslo?"),
        {
          role: "assistant",
          content: "Let me check.",
          reasoning_content: "I should call the tool.",
          thinking_blocks: [
            { type: "thinking", thinking: "I should call the tool.", signature: "EqQBsig" },
            { type: "redacted_thinking", data: "EmwKAhgB" },
          ],
          tool_calls: [
            {
              id: "call_1",
              type: "function",
              function: { name: "get_weather", arguments: '{"city":"Oslo"}' },
            },
          ],
        },
        { role: "tool", tool_call_id: "call_1", content: "3°C" },
      ],
    });
    expect(body.messages[1]).toEqual({
      role: "assistant",
      content: [
        { type: "thinking", thinking: "I should call the tool.", signature: "EqQBsig" },
        { type: "redacted_thinking", data: "EmwKAhgB" },
        { type: "text", text: "Let me check." },
        { type: "tool_use", id: "call_1", name: "get_weather", input: { city: "Oslo" } },
      ],
    });
  });

  it("drops reasoning_content without thinking_blocks (it has no signature to replay)", () => {
    const body = toAnthropic({
      messages: [user("a"), { role: "assistant", content: "b", reasoning_content: "unsigned" }, user("c")],
    });
    expect(body.messages[1]).toEqual({ role: "assistant", content: [{ type: "text", text: "b" }] });
  });
});
