import OpenAI from "openai";
import { describe, expect, inject, it } from "vitest";

const openai = new OpenAI({
  baseURL: `${inject("baseUrl")}/api/proxy/v1`,
  apiKey: inject("demoKey"),
  maxRetries: 0,
});

const tools = [
  {
    type: "function" as const,
    function: {
      name: "lookup_order",
      description: "Find an order",
      parameters: { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] },
    },
  },
];

describe("the openai SDK against Claude models", () => {
  it("chat.completions.create, not streamed", async () => {
    const res = await openai.chat.completions.create({
      model: "claude-sonnet-4-6",
      messages: [{ role: "user", content: "Say hello to the SDK" }],
    });
    expect(res.choices[0]?.message.content).toContain("Say hello to the SDK");
    expect(res.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it.each([true, false])("chat.completions.create, streamed (include_usage %s)", async (includeUsage) => {
    const stream = await openai.chat.completions.create({
      model: "claude-haiku-4-5",
      stream: true,
      stream_options: { include_usage: includeUsage },
      messages: [{ role: "user", content: "Stream to the SDK" }],
    });
    let text = "";
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toContain("Stream to the SDK");
    if (includeUsage) expect(usage?.prompt_tokens).toBeGreaterThan(0);
    else expect(usage).toBeUndefined();
  });

  it("a tool round trip, streamed", async () => {
    const stream = openai.chat.completions.stream({
      model: "claude-sonnet-4-6",
      tools,
      tool_choice: { type: "function", function: { name: "lookup_order" } },
      messages: [{ role: "user", content: "Where is order 42?" }],
    });
    const first = await stream.finalChatCompletion();
    const call = first.choices[0]?.message.tool_calls?.[0];
    if (call?.type !== "function") throw new Error("no tool call");
    expect(call.function.name).toBe("lookup_order");
    const second = await openai.chat.completions.create({
      model: "claude-sonnet-4-6",
      tools,
      messages: [
        { role: "user", content: "Where is order 42?" },
        first.choices[0]!.message,
        { role: "tool", tool_call_id: call.id, content: "Shipped yesterday" },
      ],
    });
    expect(second.choices[0]?.message.content).toContain("Shipped yesterday");
  });

  it("an image", async () => {
    const res = await openai.chat.completions.create({
      model: "claude-sonnet-4-6",
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "Describe this image" },
            {
              type: "image_url",
              image_url: {
                url: "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
              },
            },
          ],
        },
      ],
    });
    expect(res.choices[0]?.message.content).toContain("Describe this image");
  });

  it("lists the models in OpenAI's shape", async () => {
    const ids: string[] = [];
    for await (const model of openai.models.list()) ids.push(model.id);
    expect(ids).toEqual(expect.arrayContaining(["claude-sonnet-4-6", "gpt-5.5"]));
  });
});
