import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SseDecoder } from "../sse/decoder.ts";
import {
  AnthropicCountTokensRequestSchema,
  AnthropicMessagesRequestSchema,
  AnthropicStreamEventSchema,
  AnthropicUsageSchema,
} from "./schema.ts";

const FIXTURES = new URL("../../../../fixtures/recorded/", import.meta.url);

// A request using many documented fields plus ones from the future: all must pass untouched.
const request = {
  model: "claude-opus-4-7",
  max_tokens: 1024,
  system: [{ type: "text", text: "Be brief.", cache_control: { type: "ephemeral", ttl: "1h" } }],
  messages: [
    { role: "user", content: "Hi" },
    {
      role: "assistant",
      content: [
        { type: "thinking", thinking: "…", signature: "EsEC" },
        { type: "tool_use", id: "toolu_1", name: "get", input: { q: [1, null, { deep: true }] } },
      ],
    },
    {
      role: "user",
      content: [{ type: "tool_result", tool_use_id: "toolu_1", content: [{ type: "text", text: "ok" }] }],
    },
    { role: "system", content: "Mid-conversation system block." },
  ],
  tools: [
    { name: "get", description: "d", input_schema: { type: "object", properties: {} }, strict: true },
    { type: "web_search_20250305", name: "web_search", max_uses: 3 },
  ],
  tool_choice: { type: "auto", disable_parallel_tool_use: true },
  thinking: { type: "adaptive", display: "summarized" },
  output_config: { effort: "high" },
  cache_control: { type: "ephemeral" },
  metadata: { user_id: "u-1" },
  stream: true,
  context_management: { edits: [{ type: "clear_tool_uses_20250919" }] },
  some_field_from_2027: { nested: ["kept"] },
};

describe("AnthropicMessagesRequestSchema", () => {
  it("lets every unknown field through untouched", () => {
    const clone = structuredClone(request);
    expect(AnthropicMessagesRequestSchema.parse(clone)).toEqual(request);
    expect(clone).toEqual(request);
  });

  it("accepts max_tokens 0 (cache pre-warm) and a role:system message", () => {
    const body = { model: "m", max_tokens: 0, messages: [{ role: "system", content: "s" }] };
    expect(AnthropicMessagesRequestSchema.safeParse(body).success).toBe(true);
  });

  it("accepts a request without max_tokens (the gateway sends its default)", () => {
    const { max_tokens: _omitted, ...rest } = request;
    expect(AnthropicMessagesRequestSchema.safeParse(rest).success).toBe(true);
  });

  for (const field of ["model", "messages"] as const) {
    it(`rejects a request without ${field}, naming it in the issue path`, () => {
      const { [field]: _omitted, ...rest } = request;
      const r = AnthropicMessagesRequestSchema.safeParse(rest);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual([field]);
    });
  }

  it("rejects bad values with their path", () => {
    const bad = (patch: Record<string, unknown>) =>
      AnthropicMessagesRequestSchema.safeParse({ ...request, ...patch }).error?.issues[0]?.path;
    expect(bad({ model: "" })).toEqual(["model"]);
    expect(bad({ max_tokens: -1 })).toEqual(["max_tokens"]);
    expect(bad({ max_tokens: 1.5 })).toEqual(["max_tokens"]);
    expect(bad({ messages: [{ role: "tool", content: "x" }] })).toEqual(["messages", 0, "role"]);
    expect(bad({ messages: [{ role: "user", content: [{ text: "no type" }] }] })).toEqual([
      "messages",
      0,
      "content",
    ]);
    expect(bad({ stream: "yes" })).toEqual(["stream"]);
  });
});

describe("AnthropicCountTokensRequestSchema", () => {
  it("needs model and messages, not max_tokens", () => {
    const body = { model: "m", messages: [{ role: "user", content: "hi" }], tools: [], future: 1 };
    expect(AnthropicCountTokensRequestSchema.parse(body)).toEqual(body);
    expect(AnthropicCountTokensRequestSchema.safeParse({ model: "m" }).error?.issues[0]?.path).toEqual([
      "messages",
    ]);
    expect(AnthropicCountTokensRequestSchema.safeParse({ messages: [] }).error?.issues[0]?.path).toEqual([
      "model",
    ]);
  });
});

describe("AnthropicStreamEventSchema", () => {
  it("parses every event of the Anthropic fixtures, unknown fields kept", () => {
    for (const name of ["a-text.sse", "a-tool-no-args.sse", "a-thinking-summarized.sse", "a-refusal.sse"]) {
      const events = new SseDecoder().push(new Uint8Array(readFileSync(new URL(name, FIXTURES))));
      for (const ev of events) {
        const json: unknown = JSON.parse(ev.data);
        expect(AnthropicStreamEventSchema.parse(json)).toEqual(json);
      }
    }
  });

  it("parses an error event and rejects a malformed known event", () => {
    const err = { type: "error", error: { type: "overloaded_error", message: "Overloaded", details: null } };
    expect(AnthropicStreamEventSchema.parse(err)).toEqual(err);
    expect(AnthropicStreamEventSchema.safeParse({ type: "content_block_delta", index: 0 }).success).toBe(
      false,
    );
    expect(AnthropicStreamEventSchema.safeParse({ type: "brand_new_event" }).success).toBe(false);
  });
});

describe("AnthropicUsageSchema", () => {
  it("accepts nulls (message_delta) and keeps unknown fields", () => {
    const u = { input_tokens: null, output_tokens: 5, server_tool_use: { web_search_requests: 1 } };
    expect(AnthropicUsageSchema.parse(u)).toEqual(u);
  });
});
