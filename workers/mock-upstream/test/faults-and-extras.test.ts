/**
 * The scenarios the gateway's metering tests need: server-tool use and service tiers reported as
 * the vendors report them (`extras`), and 200 bodies that go wrong (`reset`, `garbled`), plus
 * OpenAI's input-token counter.
 */
import { describe, expect, it } from "vitest";
import { post } from "./helpers.ts";
import { chat, parseEventSse, postOpenAi, responses, responsesRequest } from "./openai-helpers.ts";

const message = (extra: Record<string, unknown> = {}) => ({
  model: "claude-sonnet-4-6",
  max_tokens: 200,
  messages: [{ role: "user", content: "find something" }],
  ...extra,
});

/** Reads a body until it ends or fails; says which. */
async function drain(res: Response): Promise<{ text: string; failed: boolean }> {
  const reader = res.body!.getReader();
  let text = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text, failed: false };
      text += new TextDecoder().decode(value);
    }
  } catch {
    return { text, failed: true };
  }
}

describe("extras: Anthropic server tools and tiers", () => {
  it("reports server_tool_use counters, blocks before the answer, and the tier", async () => {
    const res = await post("/v1/messages", message(), {
      "x-mock-scenario": "extras; web_search=2; code_execution=1; tier=priority",
    });
    const body = (await res.json()) as {
      content: Array<{ type: string; name?: string }>;
      usage: { server_tool_use: unknown; service_tier: string };
    };
    expect(body.content.map((b) => b.type)).toEqual([
      "server_tool_use",
      "web_search_tool_result",
      "server_tool_use",
      "web_search_tool_result",
      "server_tool_use",
      "code_execution_tool_result",
      "text",
    ]);
    // Code execution has no usage counter (it is billed by container time).
    expect(body.usage.server_tool_use).toEqual({ web_search_requests: 2, web_fetch_requests: 0 });
    expect(body.usage.service_tier).toBe("priority");
  });

  it("streams the server tool blocks and the counters in message_delta", async () => {
    const res = await post("/v1/messages", message({ stream: true }), {
      "x-mock-scenario": "extras; web_fetch=1",
    });
    const text = await res.text();
    expect(text).toContain('"content_block":{"type":"server_tool_use"');
    expect(text).toContain('"type":"web_fetch_tool_result"');
    const delta = text.split("\n").find((l) => l.startsWith("data:") && l.includes('"message_delta"'))!;
    expect(JSON.parse(delta.slice(5)).usage.server_tool_use).toEqual({
      web_search_requests: 0,
      web_fetch_requests: 1,
    });
  });

  it("reports the standard tier and no counters without the scenario", async () => {
    const body = (await (await post("/v1/messages", message())).json()) as { usage: Record<string, unknown> };
    expect(body.usage).toMatchObject({ server_tool_use: null, service_tier: "standard" });
  });
});

describe("extras: OpenAI hosted tools and tiers", () => {
  it("adds web_search_call items and reports the tier served", async () => {
    const res = await responses(responsesRequest("look up", { stream: true }), {
      "x-mock-scenario": "extras; web_search=2; tier=priority",
    });
    const events = parseEventSse(await res.text());
    const added = events
      .filter((e) => e.type === "response.output_item.added")
      .map((e) => (e as { item: { type: string } }).item.type);
    expect(added.slice(0, 2)).toEqual(["web_search_call", "web_search_call"]);
    const done = events.at(-1) as unknown as {
      response: { service_tier: string; output: Array<{ type: string }> };
    };
    expect(done.response.service_tier).toBe("priority");
    expect(done.response.output.filter((i) => i.type === "web_search_call")).toHaveLength(2);
  });

  it("echoes a requested priority or flex tier on Chat", async () => {
    const res = await chat({
      model: "gpt-5.4",
      messages: [{ role: "user", content: "x" }],
      service_tier: "flex",
    });
    expect(((await res.json()) as { service_tier: string }).service_tier).toBe("flex");
  });
});

describe("bodies that go wrong after a 200", () => {
  it.each([
    ["anthropic", () => post("/v1/messages", message(), { "x-mock-scenario": "reset" })],
    ["openai", () => responses(responsesRequest("x"), { "x-mock-scenario": "reset" })],
  ])("reset (%s JSON): half a body, then the connection fails", async (_vendor, send) => {
    const res = await send();
    expect(res.status).toBe(200);
    const { text, failed } = await drain(res);
    expect(failed).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
  });

  it("reset (stream): the events up to the break, then the connection fails", async () => {
    const res = await post("/v1/messages", message({ stream: true }), { "x-mock-scenario": "reset" });
    const { text, failed } = await drain(res);
    expect(failed).toBe(true);
    expect(text).toContain("content_block_delta");
    expect(text).not.toContain("message_stop");
  });

  it("garbled: a 200 that is not JSON, or an SSE frame that is not JSON", async () => {
    const json = await post("/v1/messages", message(), { "x-mock-scenario": "garbled" });
    expect(json.status).toBe(200);
    const page = await json.text();
    expect(() => JSON.parse(page)).toThrow();
    const stream = await chat(
      { model: "gpt-5.4", stream: true, messages: [{ role: "user", content: "x" }] },
      { "x-mock-scenario": "garbled" },
    );
    const text = await stream.text();
    expect(text).toContain('data: {"type": garbled');
    expect(text).not.toContain("[DONE]");
  });
});

describe("POST /v1/responses/input_tokens", () => {
  it("counts the input as a Response's usage would", async () => {
    const body = responsesRequest("count me please");
    const counted = (await (await postOpenAi("/v1/responses/input_tokens", body)).json()) as {
      object: string;
      input_tokens: number;
    };
    const answered = (await (await responses(body)).json()) as { usage: { input_tokens: number } };
    expect(counted).toEqual({ object: "response.input_tokens", input_tokens: answered.usage.input_tokens });
  });
});
