import { describe, expect, it } from "vitest";
import { call, KEY, type MessageBody, nonce, post, request, tokens, user } from "./helpers.ts";

describe("POST /v1/messages (JSON)", () => {
  it("answers a deterministic text message with the Message's usage computed by the estimator rule", async () => {
    const res = await post("/v1/messages", request([user("Hi there")], { system: "Be brief." }));
    expect(res.status).toBe(200);
    expect(res.headers.get("request-id")).toMatch(/^req_mock_\d+$/);
    const msg = await res.json<MessageBody>();
    const text = "Hello from mock. You said: Hi there";
    expect(msg).toMatchObject({
      type: "message",
      role: "assistant",
      model: "claude-sonnet-4-6",
      content: [{ type: "text", text }],
      stop_reason: "end_turn",
      stop_sequence: null,
    });
    expect(msg.id).toMatch(/^msg_mock_\d+$/);
    expect(msg.usage).toEqual({
      input_tokens: tokens("Be brief.", "Hi there"),
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
      output_tokens: tokens(text),
      output_tokens_details: { thinking_tokens: 0 },
      server_tool_use: null,
      service_tier: "standard",
      inference_geo: "global",
    });
  });

  it("echoes only the first 60 characters of the last user text", async () => {
    const long = "x".repeat(100);
    const msg = await (
      await post("/v1/messages", request([user("first"), user([{ type: "text", text: long }])]))
    ).json<MessageBody>();
    expect(msg.content[0]?.text).toBe(`Hello from mock. You said: ${"x".repeat(60)}`);
  });

  it("ignores the query string (?beta=true) and accepts unknown fields", async () => {
    const body = request(
      [
        { role: "system", content: "mid-conversation system block" },
        user([{ type: "text", text: "hello", cache_control: { type: "ephemeral" } }]),
      ],
      {
        thinking: { type: "disabled" },
        context_management: { edits: [{ type: "clear_thinking_20251015", keep: "all" }] },
        output_config: { effort: "medium" },
        metadata: { user_id: "user_x" },
        tools: [{ name: "t", input_schema: { type: "object" }, defer_loading: true }],
        some_future_field: { a: 1 },
      },
    );
    const res = await post("/v1/messages?beta=true", body, { "anthropic-beta": "claude-code-20250219" });
    expect(res.status).toBe(200);
    expect((await res.json<MessageBody>()).content[0]?.text).toBe("Hello from mock. You said: hello");
  });

  it("accepts a 100 KB+ body and counts all of it", async () => {
    const big = `${nonce()} ${"lorem ipsum ".repeat(10_000)}`;
    const body = request([user(big)]);
    expect(JSON.stringify(body).length).toBeGreaterThan(100_000);
    const msg = await (await post("/v1/messages", body)).json<MessageBody>();
    expect(msg.usage.input_tokens).toBe(tokens(big));
  });

  it("truncates at max_tokens with stop_reason max_tokens", async () => {
    const msg = await (
      await post("/v1/messages", request([user("hello")], { max_tokens: 2 }))
    ).json<MessageBody>();
    expect(msg.stop_reason).toBe("max_tokens");
    expect(msg.content).toEqual([{ type: "text", text: "Hello fr" }]);
    expect(msg.usage.output_tokens).toBe(2);
  });
});

describe("POST /v1/messages/count_tokens", () => {
  it("returns the same input total /v1/messages reports", async () => {
    const tool = {
      name: "get_weather",
      description: "Weather",
      input_schema: { type: "object", properties: {} },
    };
    const body = request(
      [
        user("What is the weather?"),
        {
          role: "assistant",
          content: [{ type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } }],
        },
        user([
          { type: "tool_result", tool_use_id: "toolu_1", content: [{ type: "text", text: "sunny" }] },
          { type: "image", source: { type: "base64", media_type: "image/png", data: "AAAA" } },
        ]),
      ],
      { system: [{ type: "text", text: "You are terse." }], tools: [tool] },
    );
    const expected = tokens(
      JSON.stringify(tool),
      "You are terse.",
      "What is the weather?",
      '{"city":"Paris"}',
      "sunny",
    );
    const counted = await post("/v1/messages/count_tokens?beta=true", { ...body, max_tokens: undefined });
    expect(counted.status).toBe(200);
    expect(await counted.json()).toEqual({ input_tokens: expected });
    const u = (await (await post("/v1/messages", body)).json<MessageBody>()).usage;
    expect(u.input_tokens + u.cache_creation_input_tokens + u.cache_read_input_tokens).toBe(expected);
  });
});

describe("GET /v1/models", () => {
  it("lists the Claude models, newest first, in Anthropic's list shape", async () => {
    const res = await call("/v1/models?limit=1000", {
      headers: { "x-api-key": KEY, "anthropic-version": "2023-06-01" },
    });
    expect(res.status).toBe(200);
    const list = await res.json<{ data: { id: string; type: string }[]; has_more: boolean }>();
    expect(list).toMatchObject({
      has_more: false,
      first_id: "claude-haiku-5-5",
      last_id: "claude-haiku-4-5",
    });
    expect(list.data.map((m) => m.id)).toEqual([
      "claude-haiku-5-5",
      "claude-opus-5-5",
      "claude-opus-4-7",
      "claude-sonnet-4-6",
      "claude-haiku-4-5",
    ]);
    for (const m of list.data) {
      expect(m).toEqual({
        type: "model",
        id: m.id,
        display_name: expect.any(String),
        created_at: expect.any(String),
      });
    }
  });
});
