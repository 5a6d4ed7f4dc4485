import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import OpenAI from "openai";
import { beforeAll, describe, expect, it } from "vitest";
import {
  callMessages,
  clearMockRequests,
  mockRequests,
  newAccountWithKey,
  type TestKey,
  usageRow,
} from "./helpers.ts";

let caller: TestKey;
beforeAll(async () => {
  caller = await newAccountWithKey();
});

const chat = (key: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  exports.default.fetch("https://gateway.test/api/proxy/v1/chat/completions", {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

const client = (key: string) =>
  new OpenAI({
    apiKey: key,
    baseURL: "https://gateway.test/api/proxy/v1",
    maxRetries: 0,
    fetch: (input: RequestInfo | URL, init?: RequestInit) =>
      exports.default.fetch(input instanceof Request ? input : new Request(input, init)),
  });

const weather = {
  type: "function" as const,
  function: {
    name: "get_weather",
    description: "Weather for a city",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  },
};

describe("chat.completions for Claude models", () => {
  it("answers a non-streamed request in OpenAI's shape", async () => {
    const completion = await client(caller.key).chat.completions.create({
      model: "claude-sonnet-4-6",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hello from OpenAI land" },
      ],
    });
    expect(completion.object).toBe("chat.completion");
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.choices[0]?.message.content).toContain("Hello from OpenAI land");
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(completion.usage?.total_tokens).toBe(
      (completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0),
    );
  });

  it("streams with one id, role first, exactly one [DONE], and usage only when asked", async () => {
    for (const includeUsage of [false, true]) {
      const res = await chat(caller.key, {
        model: "claude-haiku-4-5",
        stream: true,
        ...(includeUsage ? { stream_options: { include_usage: true } } : {}),
        messages: [{ role: "user", content: "Stream please" }],
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/event-stream");
      const text = await res.text();
      const frames = text
        .split("\n\n")
        .filter((f) => f.startsWith("data: "))
        .map((f) => f.slice(6));
      expect(frames.filter((f) => f === "[DONE]")).toHaveLength(1);
      expect(frames.at(-1)).toBe("[DONE]");
      const chunks = frames
        .slice(0, -1)
        .map(
          (f) =>
            JSON.parse(f) as { id: string; choices: Array<{ delta: { role?: string } }>; usage?: unknown },
        );
      expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
      expect(chunks[0]?.choices[0]?.delta.role).toBe("assistant");
      const usageChunks = chunks.filter((c) => c.choices.length === 0);
      expect(usageChunks).toHaveLength(includeUsage ? 1 : 0);
    }
  });

  it("completes a tool round trip through the SDK", async () => {
    const openai = client(caller.key);
    const first = await openai.chat.completions.create({
      model: "claude-sonnet-4-6",
      tools: [weather],
      tool_choice: "required",
      messages: [{ role: "user", content: "Weather in Oslo?" }],
    });
    expect(first.choices[0]?.finish_reason).toBe("tool_calls");
    const call = first.choices[0]?.message.tool_calls?.[0];
    if (call?.type !== "function") throw new Error("no function call");
    expect(call.function.name).toBe("get_weather");
    expect(typeof (JSON.parse(call.function.arguments) as { city: unknown }).city).toBe("string");
    const second = await openai.chat.completions.create({
      model: "claude-sonnet-4-6",
      tools: [weather],
      messages: [
        { role: "user", content: "Weather in Oslo?" },
        first.choices[0]!.message,
        { role: "tool", tool_call_id: call.id, content: "-3°C and snowing" },
      ],
    });
    expect(second.choices[0]?.finish_reason).toBe("stop");
    expect(second.choices[0]?.message.content).toContain("-3°C and snowing");
  });

  it("translates the request for the upstream (images, stop, max tokens)", async () => {
    await clearMockRequests();
    const res = await chat(caller.key, {
      model: "claude-sonnet-4-6",
      max_completion_tokens: 300,
      stop: ["END", "  "],
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "What is in this picture?" },
            { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
          ],
        },
      ],
    });
    expect(res.status).toBe(200);
    const [seen] = (await mockRequests()).filter((r) => r.path === "/v1/messages");
    expect(seen?.headers["x-api-key"]).toBe(env.ANTHROPIC_UPSTREAM_KEY);
    expect(seen?.body).toMatchObject({
      model: "claude-sonnet-4-6",
      max_tokens: 300,
      stop_sequences: ["END"],
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "What is in this picture?" },
            { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } },
          ],
        },
      ],
    });
  });

  it("bills a translated request exactly like the same request sent in Anthropic format", async () => {
    await clearMockRequests();
    const viaChat = await chat(caller.key, {
      model: "claude-opus-4-7",
      messages: [{ role: "user", content: "Bill me fairly" }],
    });
    expect(viaChat.status).toBe(200);
    const [seen] = (await mockRequests()).filter((r) => r.path === "/v1/messages");
    const viaMessages = await callMessages({ key: caller.key, body: seen!.body as Record<string, unknown> });
    expect(viaMessages.status).toBe(200);
    const chatCost = Number(viaChat.headers.get("x-cc-cost-nano-usd"));
    expect(chatCost).toBeGreaterThan(0);
    expect(chatCost).toBe(Number(viaMessages.headers.get("x-cc-cost-nano-usd")));
    const rows = [
      await usageRow(viaMessages.headers.get("request-id")),
      await usageRow(viaChat.headers.get("request-id")),
    ].map((r) => ({ format: r.format, cost_nano: r.cost_nano }));
    expect(rows).toEqual([
      { format: "anthropic-messages", cost_nano: chatCost },
      { format: "openai-chat", cost_nano: chatCost },
    ]);
  });
});

describe("errors in OpenAI's shape", () => {
  const errorOf = async (res: Response) =>
    (await res.json()) as {
      error: { message: string; type: string; param: string | null; code: string | null };
    };

  it("401 for a bad key", async () => {
    const res = await chat(
      `sk-cc-${"Z".repeat(43)}`,
      { model: "claude-sonnet-4-6", messages: [] },
      { "cf-connecting-ip": "192.0.2.200" },
    );
    expect(res.status).toBe(401);
    expect((await errorOf(res)).error.code).toBe("invalid_api_key");
  });

  it("402 at $0 before any upstream call", async () => {
    const poor = await newAccountWithKey({ usd: "0" });
    await clearMockRequests();
    const res = await chat(poor.key, {
      model: "claude-sonnet-4-6",
      messages: [{ role: "user", content: "hi" }],
    });
    expect(res.status).toBe(402);
    const body = await errorOf(res);
    expect(body.error.code).toBe("insufficient_balance");
    expect(res.headers.get("x-ratelimit-limit-requests")).toBe("200");
    expect(await mockRequests()).toEqual([]);
  });

  it("429 with OpenAI's rate-limit headers", async () => {
    const limited = await newAccountWithKey({ rpm: 1 });
    const ok = await chat(limited.key, {
      model: "claude-sonnet-4-6",
      messages: [{ role: "user", content: "one" }],
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    expect(ok.headers.get("x-ratelimit-reset-requests")).toMatch(/^(\d+m)?\d+(\.\d+)?s$/);
    const res = await chat(limited.key, {
      model: "claude-sonnet-4-6",
      messages: [{ role: "user", content: "two" }],
    });
    expect(res.status).toBe(429);
    const body = await errorOf(res);
    expect(body.error).toMatchObject({ type: "rate_limit_error", code: "rate_limit_exceeded" });
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("400 for n > 1 and for a missing model", async () => {
    const many = await chat(caller.key, {
      model: "claude-sonnet-4-6",
      n: 2,
      messages: [{ role: "user", content: "x" }],
    });
    expect(many.status).toBe(400);
    expect((await errorOf(many)).error).toMatchObject({ type: "invalid_request_error", param: "n" });
    const none = await chat(caller.key, { messages: [{ role: "user", content: "x" }] });
    expect(none.status).toBe(400);
  });

  it("upstream 529 and 500 keep their meaning", async () => {
    const overloaded = await chat(
      caller.key,
      { model: "claude-sonnet-4-6", messages: [{ role: "user", content: "x" }] },
      { "x-mock-scenario": "error; status=529" },
    );
    expect(overloaded.status).toBe(529);
    const failed = await chat(
      caller.key,
      { model: "claude-sonnet-4-6", messages: [{ role: "user", content: "x" }] },
      { "x-mock-scenario": "error; status=500" },
    );
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect((await errorOf(failed)).error.type).toBeTruthy();
  });

  it("a mid-stream upstream error becomes a data: {error} frame, never a fake finish", async () => {
    const res = await chat(
      caller.key,
      { model: "claude-sonnet-4-6", stream: true, messages: [{ role: "user", content: "x" }] },
      { "x-mock-scenario": "stream-error" },
    );
    const text = await res.text();
    const frames = text
      .split("\n\n")
      .filter((f) => f.startsWith("data: "))
      .map((f) => f.slice(6));
    expect(JSON.parse(frames.at(-1)!)).toHaveProperty("error");
    expect(text).not.toContain('"finish_reason":"stop"');
    expect(text).not.toContain("[DONE]");
  });
});
