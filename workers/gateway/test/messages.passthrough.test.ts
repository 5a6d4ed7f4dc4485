import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import aText from "../../../fixtures/recorded/a-text.sse?raw";
import aThinking from "../../../fixtures/recorded/a-thinking-summarized.sse?raw";
import aTool from "../../../fixtures/recorded/a-tool-no-args.sse?raw";
import {
  basicMessage,
  callMessages,
  clearMockRequests,
  mockRequests,
  newAccountWithKey,
  sseFrames,
  type TestKey,
  usageRow,
} from "./helpers.ts";

let caller: TestKey;
beforeAll(async () => {
  caller = await newAccountWithKey();
});

describe("recorded streams pass through byte for byte", () => {
  // Each recorded vendor stream, replayed by the mock one event per chunk.
  const fixtures = [
    // id, bytes, expected usage read off the file: input, cache5m, cache1h, read, output, thinking
    ["a-text", aText, [12, 0, 0, 0, 30, 0]],
    ["a-tool-no-args", aTool, [565, 0, 0, 0, 48, 0]],
    ["a-thinking-summarized", aThinking, [47, 0, 0, 0, 373, 62]],
  ] as const;

  it.each(fixtures)("%s", async (id, bytes, expected) => {
    const res = await callMessages({
      key: caller.key,
      body: basicMessage({ stream: true }),
      scenario: `replay; fixture=${id}`,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    expect(await res.text()).toBe(bytes);

    const row = await usageRow(res.headers.get("request-id")!);
    const [input, w5, w1, read, output, thinking] = expected;
    expect(row).toMatchObject({
      input_tokens: input,
      cache_write_5m_tokens: w5,
      cache_write_1h_tokens: w1,
      cache_read_tokens: read,
      output_tokens: output,
      thinking_tokens: thinking,
      status: 200,
      outcome: "ok",
      stream: 1,
      format: "anthropic-messages",
      key_id: caller.keyId,
    });
  });
});

describe("streams", () => {
  it("delivers the first event before the upstream has finished", async () => {
    const res = await callMessages({
      key: caller.key,
      body: basicMessage({ stream: true }),
      scenario: "slow; delay=100",
    });
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain("event: message_start");
    expect(first).not.toContain("message_stop");
    await reader.cancel();
  });

  it("records the mock's usage for a generated stream, thinking and tools included", async () => {
    const body = basicMessage({
      stream: true,
      thinking: { type: "adaptive" },
      tools: [{ name: "lookup", input_schema: { type: "object", properties: { q: { type: "string" } } } }],
      messages: [{ role: "user", content: "Look it up [[mock:tool]]" }],
    });
    const res = await callMessages({ key: caller.key, body });
    const frames = sseFrames(await res.text());
    for (const f of frames) expect(f.event).toBe(f.data.type);
    const delta = frames.find((f) => f.data.type === "message_delta")!.data as unknown as {
      usage: {
        input_tokens: number;
        output_tokens: number;
        output_tokens_details: { thinking_tokens: number };
      };
    };
    const row = await usageRow(res.headers.get("request-id")!);
    expect(row.output_tokens).toBe(delta.usage.output_tokens);
    expect(row.thinking_tokens).toBe(delta.usage.output_tokens_details.thinking_tokens);
    expect(row.thinking_tokens).toBeGreaterThan(0);
    expect(row.input_tokens).toBeGreaterThan(0);
  });
});

describe("non-streamed", () => {
  it("relays the upstream JSON and logs its usage", async () => {
    const res = await callMessages({ key: caller.key });
    expect(res.status).toBe(200);
    const message = (await res.json()) as { usage: { input_tokens: number; output_tokens: number } };
    const row = await usageRow(res.headers.get("request-id")!);
    expect(row.input_tokens).toBe(message.usage.input_tokens);
    expect(row.output_tokens).toBe(message.usage.output_tokens);
    expect(row.stream).toBe(0);
  });
});

describe("what the upstream receives", () => {
  it("gets the body with unknown fields, the version and beta headers unchanged, and the query string", async () => {
    await clearMockRequests();
    const raw =
      '{"model":"claude-sonnet-4-6","max_tokens":64,  "messages":[{"role":"user","content":"hi"}],"x_unknown":{"a":1}}';
    const { exports } = await import("cloudflare:workers");
    const res = await exports.default.fetch("https://gateway.test/api/proxy/v1/messages?beta=true", {
      method: "POST",
      headers: {
        authorization: `Bearer ${caller.key}`,
        "anthropic-version": "2026-10-21",
        "anthropic-beta": "interleaved-thinking-2025-05-14, context-1m-2025-08-07",
        "content-type": "application/json",
      },
      body: raw,
    });
    expect(res.status).toBe(200);
    const [seen] = (await mockRequests()).filter((r) => r.path === "/v1/messages");
    expect(seen?.search).toBe("?beta=true");
    expect(seen?.headers["anthropic-version"]).toBe("2026-10-21");
    expect(seen?.headers["anthropic-beta"]).toBe("interleaved-thinking-2025-05-14, context-1m-2025-08-07");
    expect(seen?.body).toEqual(JSON.parse(raw));
    expect(seen?.headers["x-api-key"]).toBe(env.ANTHROPIC_UPSTREAM_KEY);
    expect(seen?.headers.authorization).toBeUndefined();
    expect(JSON.stringify(seen?.headers)).not.toContain(caller.key);
  });
});
