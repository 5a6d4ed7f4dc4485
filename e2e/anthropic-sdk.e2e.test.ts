import Anthropic from "@anthropic-ai/sdk";
import Anthropic0 from "anthropic-sdk-0";
import { describe, expect, inject, it } from "vitest";

const baseURL = `${inject("baseUrl")}/api/proxy`;
const apiKey = inject("demoKey");

const weather = {
  name: "get_weather",
  description: "Current weather for a city",
  input_schema: {
    type: "object" as const,
    properties: { city: { type: "string" } },
    required: ["city"],
  },
};

// 1.x sends Authorization: Bearer + anthropic-version 2026-10-21; 0.x sends x-api-key + 2023-06-01.
// The 0.x client is typed as 1.x: the calls below have the same shape in both, and TypeScript
// cannot call through a union of the two clients' overloads.
const clients: Array<[string, Anthropic]> = [
  [
    "@anthropic-ai/sdk 1.x (Bearer)",
    new Anthropic({ baseURL, authToken: apiKey, apiKey: null, maxRetries: 0 }),
  ],
  ["@anthropic-ai/sdk 1.x (x-api-key)", new Anthropic({ baseURL, apiKey, maxRetries: 0 })],
  [
    "@anthropic-ai/sdk 0.x (x-api-key)",
    new Anthropic0({ baseURL, apiKey, maxRetries: 0 }) as unknown as Anthropic,
  ],
];

describe.each(clients)("%s", (_name, client) => {
  it("creates a message", async () => {
    const message = await client.messages.create({
      model: "claude-sonnet-4-6",
      max_tokens: 256,
      messages: [{ role: "user", content: "Hello there" }],
    });
    expect(message.type).toBe("message");
    expect(message.stop_reason).toBe("end_turn");
    const text = message.content.map((b) => (b.type === "text" ? b.text : "")).join("");
    expect(text).toContain("Hello there");
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  });

  it("streams with messages.stream()", async () => {
    const stream = client.messages.stream({
      model: "claude-sonnet-4-6",
      max_tokens: 256,
      messages: [{ role: "user", content: "Stream to me" }],
    });
    const deltas: string[] = [];
    stream.on("text", (t) => deltas.push(t));
    const final = await stream.finalMessage();
    expect(deltas.length).toBeGreaterThan(1);
    const text = final.content.map((b) => (b.type === "text" ? b.text : "")).join("");
    expect(deltas.join("")).toBe(text);
    expect(text).toContain("Stream to me");
  });

  it("streams with create({ stream: true })", async () => {
    const stream = await client.messages.create({
      model: "claude-haiku-4-5",
      max_tokens: 256,
      stream: true,
      messages: [{ role: "user", content: "Raw events please" }],
    });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types[0]).toBe("message_start");
    expect(types.at(-1)).toBe("message_stop");
    expect(types).toContain("content_block_delta");
  });

  it("completes a tool-use round trip", async () => {
    const first = await client.messages.create({
      model: "claude-sonnet-4-6",
      max_tokens: 512,
      tools: [weather],
      messages: [{ role: "user", content: "What is the weather in Paris? [[mock:tool]]" }],
    });
    expect(first.stop_reason).toBe("tool_use");
    const call = first.content.find((b) => b.type === "tool_use");
    if (call?.type !== "tool_use") throw new Error("no tool_use block");
    expect(call.name).toBe("get_weather");
    expect(typeof (call.input as { city?: unknown }).city).toBe("string");

    const second = await client.messages.create({
      model: "claude-sonnet-4-6",
      max_tokens: 512,
      tools: [weather],
      messages: [
        { role: "user", content: "What is the weather in Paris? [[mock:tool]]" },
        { role: "assistant", content: first.content },
        { role: "user", content: [{ type: "tool_result", tool_use_id: call.id, content: "18°C and sunny" }] },
      ],
    });
    expect(second.stop_reason).toBe("end_turn");
    const text = second.content.map((b) => (b.type === "text" ? b.text : "")).join("");
    expect(text).toContain("18°C and sunny");
  });

  it("counts tokens", async () => {
    const count = await client.messages.countTokens({
      model: "claude-sonnet-4-6",
      messages: [{ role: "user", content: "Count these words for me" }],
    });
    expect(count.input_tokens).toBeGreaterThan(0);
  });
});

it("refuses an unknown key with 401 authentication_error", async () => {
  const client = new Anthropic({ baseURL, apiKey: "sk-cc-wrong", maxRetries: 0 });
  const error = await client.messages
    .create({ model: "claude-sonnet-4-6", max_tokens: 16, messages: [{ role: "user", content: "hi" }] })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
  expect((error as InstanceType<typeof Anthropic.AuthenticationError>).status).toBe(401);
});
