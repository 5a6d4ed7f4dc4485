import { describe, expect, it } from "vitest";
import {
  expectGrammar,
  type MessageBody,
  parseSse,
  post,
  readChunks,
  request,
  tokens,
  user,
} from "./helpers.ts";

const body = request([user("please say something nice")], { system: "sys", stream: true });
const text = "Hello from mock. You said: please say something nice";

describe("SSE stream", () => {
  it("follows Anthropic's documented grammar exactly, one event per chunk", async () => {
    const res = await post("/v1/messages?beta=true", body);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("request-id")).toMatch(/^req_mock_\d+$/);
    const chunks = await readChunks(res);
    const frames = parseSse(chunks.join(""));
    expect(chunks.length).toBe(frames.length);
    expectGrammar(frames);
    expect(frames.map((f) => f.event)).toEqual([
      "message_start",
      "content_block_start",
      "ping",
      "content_block_delta",
      "content_block_delta",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
  });

  it("carries usage in message_start and cumulative usage in message_delta", async () => {
    const frames = parseSse(await (await post("/v1/messages", body)).text());
    const input = tokens("sys", "please say something nice");
    const start = frames[0]?.data.message;
    expect(start).toMatchObject({ role: "assistant", content: [], stop_reason: null, stop_sequence: null });
    expect(start?.usage).toMatchObject({
      input_tokens: input,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
      output_tokens: 1,
      service_tier: "standard",
    });
    const delta = frames.find((f) => f.event === "message_delta")?.data;
    expect(delta?.delta).toEqual({ stop_reason: "end_turn", stop_sequence: null, stop_details: null });
    expect(delta?.usage).toEqual({
      input_tokens: input,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: tokens(text),
      output_tokens_details: { thinking_tokens: 0 },
    });
  });

  it("streams the same content the JSON answer has, split on words", async () => {
    const frames = parseSse(await (await post("/v1/messages", body)).text());
    const deltas = frames
      .filter((f) => f.event === "content_block_delta")
      .map((f) => f.data.delta?.text ?? "");
    expect(deltas.length).toBeGreaterThanOrEqual(3);
    expect(deltas.length).toBeLessThanOrEqual(6);
    expect(deltas.join("")).toBe(text);
    const json = await (await post("/v1/messages", { ...body, stream: false })).json<MessageBody>();
    expect(json.content).toEqual([{ type: "text", text }]);
    expect(frames[1]?.data.content_block).toEqual({ type: "text", text: "" });
  });

  it("with max_tokens 0 streams no block, but a complete message", async () => {
    const frames = parseSse(await (await post("/v1/messages", { ...body, max_tokens: 0 })).text());
    expectGrammar(frames);
    expect(frames.map((f) => f.event)).toEqual(["message_start", "ping", "message_delta", "message_stop"]);
    expect(frames[2]?.data.delta?.stop_reason).toBe("max_tokens");
  });
});
