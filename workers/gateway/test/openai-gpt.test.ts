import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { beforeAll, describe, expect, it } from "vitest";
import oRespText from "../../../fixtures/recorded/o-resp-text.sse?raw";
import { clearMockRequests, mockRequests, newAccountWithKey, type TestKey, usageRow } from "./helpers.ts";

let caller: TestKey;
beforeAll(async () => {
  caller = await newAccountWithKey();
});

const gatewayFetch = (input: RequestInfo | URL, init?: RequestInit) =>
  exports.default.fetch(input instanceof Request ? input : new Request(input, init));
const openai = () =>
  new OpenAI({
    apiKey: caller.key,
    baseURL: "https://gateway.test/api/proxy/v1",
    maxRetries: 0,
    fetch: gatewayFetch,
  });
const anthropic = () =>
  new Anthropic({
    apiKey: caller.key,
    baseURL: "https://gateway.test/api/proxy",
    maxRetries: 0,
    fetch: gatewayFetch,
  });

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  exports.default.fetch(`https://gateway.test/api/proxy/v1${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${caller.key}`, "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

describe("Responses for GPT models: passthrough", () => {
  it("forwards the body untouched and relays the stream byte for byte, billed from response.completed", async () => {
    await clearMockRequests();
    const raw =
      '{"model":"gpt-5.5","stream":true,"store":false,"include":["reasoning.encrypted_content"],"prompt_cache_key":"k1","client_metadata":{"x":"1"},"input":"hi"}';
    const res = await post("/responses", raw, { "x-mock-scenario": "replay; fixture=o-resp-text" });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(oRespText);
    const [seen] = (await mockRequests()).filter((r) => r.path === "/v1/responses");
    expect(seen?.body).toEqual(JSON.parse(raw));
    expect(seen?.headers.authorization).toBe(`Bearer ${env.OPENAI_UPSTREAM_KEY}`);
    const row = await usageRow(res.headers.get("request-id"));
    // The fixture's usage: 12 input (0 cached), 2 output.
    expect(row).toMatchObject({
      input_tokens: 12,
      cache_read_tokens: 0,
      output_tokens: 2,
      format: "openai-responses",
      outcome: "ok",
    });
    // gpt-5.5 on Basic: $2.50 / $15 per million → 12 × 2500 + 2 × 15000 nano.
    expect(row.cost_nano).toBe(12 * 2500 + 2 * 15000);
  });

  it("works with the openai SDK, streamed and not", async () => {
    const res = await openai().responses.create({ model: "gpt-5.5", input: "Hello GPT" });
    expect(res.output_text).toContain("Hello GPT");
    const stream = await openai().responses.create({
      model: "gpt-5.4-mini",
      input: "Stream GPT",
      stream: true,
    });
    let text = "";
    let completed = false;
    for await (const event of stream) {
      if (event.type === "response.output_text.delta") text += event.delta;
      if (event.type === "response.completed") completed = true;
    }
    expect(text).toContain("Stream GPT");
    expect(completed).toBe(true);
  });
});

describe("Chat Completions for GPT models: passthrough", () => {
  it("asks the upstream for usage but hides the usage chunk from a client that did not ask", async () => {
    await clearMockRequests();
    const res = await post("/chat/completions", {
      model: "gpt-5.4",
      stream: true,
      messages: [{ role: "user", content: "hi" }],
    });
    const text = await res.text();
    const [seen] = (await mockRequests()).filter((r) => r.path === "/v1/chat/completions");
    expect(seen?.body).toMatchObject({ stream_options: { include_usage: true } });
    const frames = text
      .split("\n\n")
      .filter((f) => f.startsWith("data: "))
      .map((f) => f.slice(6));
    expect(frames.filter((f) => f === "[DONE]")).toHaveLength(1);
    const chunks = frames.filter((f) => f !== "[DONE]").map((f) => JSON.parse(f) as { choices: unknown[] });
    expect(chunks.some((c) => c.choices.length === 0)).toBe(false);
    const row = await usageRow(res.headers.get("request-id"));
    expect(Number(row.output_tokens)).toBeGreaterThan(0);
    expect(Number(row.cost_nano)).toBeGreaterThan(0);
  });

  it("passes the usage chunk to a client that asked for it, byte for byte", async () => {
    const stream = await openai().chat.completions.create({
      model: "gpt-5.4",
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: "user", content: "usage please" }],
    });
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) if (chunk.usage) usage = chunk.usage;
    expect(usage?.prompt_tokens).toBeGreaterThan(0);
  });
});

describe("Responses for Claude models: translated", () => {
  it("streams the full event grammar with contiguous sequence numbers and integer usage", async () => {
    const res = await post("/responses", {
      model: "claude-sonnet-4-6",
      stream: true,
      input: "Codex on Claude",
    });
    expect(res.status).toBe(200);
    const events = (await res.text())
      .split("\n\n")
      .filter((f) => f.includes("data: "))
      .map((f) => {
        const event = f
          .split("\n")
          .find((l) => l.startsWith("event: "))
          ?.slice(7);
        const data = JSON.parse(
          f
            .split("\n")
            .find((l) => l.startsWith("data: "))!
            .slice(6),
        ) as {
          type: string;
          sequence_number: number;
          response?: { id: string; usage: { input_tokens: number; output_tokens: number } };
        };
        return { event, data };
      });
    for (const [i, e] of events.entries()) {
      expect(e.event).toBe(e.data.type);
      expect(e.data.sequence_number).toBe(i);
    }
    const types = events.map((e) => e.data.type);
    expect(types[0]).toBe("response.created");
    expect(types).toContain("response.output_item.done");
    expect(types.at(-1)).toBe("response.completed");
    const completed = events.at(-1)!.data.response!;
    expect(typeof completed.id).toBe("string");
    expect(Number.isInteger(completed.usage.input_tokens)).toBe(true);
    const row = await usageRow(res.headers.get("request-id"));
    expect(row.format).toBe("openai-responses");
    expect(Number(row.cost_nano)).toBeGreaterThan(0);
  });

  it("works with the openai SDK, streamed and not", async () => {
    const res = await openai().responses.create({ model: "claude-haiku-4-5", input: "Plain Claude" });
    expect(res.output_text).toContain("Plain Claude");
    const stream = openai().responses.stream({ model: "claude-haiku-4-5", input: "Streamed Claude" });
    const final = await stream.finalResponse();
    expect(final.output_text).toContain("Streamed Claude");
  });

  it("refuses previous_response_id: the gateway keeps no conversation state", async () => {
    const res = await post("/responses", {
      model: "claude-sonnet-4-6",
      input: "x",
      previous_response_id: "resp_1",
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { param: string } };
    expect(body.error.param).toBe("previous_response_id");
  });
});

describe("Messages for GPT models (Claude Code on GPT)", () => {
  it("answers the Anthropic SDK, streamed and not, with tool use", async () => {
    const message = await anthropic().messages.create({
      model: "gpt-5.5",
      max_tokens: 256,
      messages: [{ role: "user", content: "Claude Code on GPT" }],
    });
    expect(message.content.map((b) => (b.type === "text" ? b.text : "")).join("")).toContain(
      "Claude Code on GPT",
    );
    const stream = anthropic().messages.stream({
      model: "gpt-5.5",
      max_tokens: 256,
      tools: [
        {
          name: "read_file",
          input_schema: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
        },
      ],
      messages: [{ role: "user", content: "Read it [[mock:tool]]" }],
    });
    const final = await stream.finalMessage();
    expect(final.stop_reason).toBe("tool_use");
    const call = final.content.find((b) => b.type === "tool_use");
    expect(call?.type === "tool_use" && call.name).toBe("read_file");
  });
});

describe("custom tools (apply_patch) on Claude through Responses", () => {
  it("wraps the free-form input for Claude and unwraps the call into a custom_tool_call item", async () => {
    await clearMockRequests();
    const res = await post("/responses", {
      model: "claude-sonnet-4-6",
      input: [
        {
          role: "user",
          content: [{ type: "input_text", text: "Patch the file [[mock:tool name=apply_patch]]" }],
        },
      ],
      tools: [
        {
          type: "custom",
          name: "apply_patch",
          description: "Apply a patch",
          format: { type: "grammar", syntax: "lark", definition: "start: /.+/" },
        },
      ],
    });
    expect(res.status).toBe(200);
    const [seen] = (await mockRequests()).filter((r) => r.path === "/v1/messages");
    const sent = seen!.body as {
      tools: Array<{ name: string; input_schema: { properties: Record<string, unknown> } }>;
    };
    const tool = sent.tools[0];
    expect(tool?.name).toBe("apply_patch");
    expect(Object.keys(tool?.input_schema.properties ?? {})).toEqual(["input"]);
    const body = (await res.json()) as {
      output: Array<{ type: string; name?: string; input?: unknown; call_id?: string }>;
    };
    const call = body.output.find((o) => o.type === "custom_tool_call");
    expect(call).toMatchObject({ name: "apply_patch" });
    expect(typeof call?.input).toBe("string");

    // The tool's output goes back as a tool_result for that call.
    await clearMockRequests();
    const second = await post("/responses", {
      model: "claude-sonnet-4-6",
      input: [
        { role: "user", content: [{ type: "input_text", text: "Patch the file" }] },
        call,
        { type: "custom_tool_call_output", call_id: call?.call_id, output: "patch applied" },
      ],
      tools: [{ type: "custom", name: "apply_patch", description: "Apply a patch" }],
    });
    expect(second.status).toBe(200);
    const text = (
      (await second.json()) as { output: Array<{ type: string; content?: Array<{ text: string }> }> }
    ).output
      .filter((o) => o.type === "message")
      .flatMap((o) => o.content ?? [])
      .map((p) => p.text)
      .join("");
    expect(text).toContain("patch applied");
  });
});
