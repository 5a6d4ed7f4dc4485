import { describe, expect, it } from "vitest";
import oRespText from "../../../fixtures/recorded/o-resp-text.sse";
import { readChunks } from "./helpers.ts";
import {
  type ChatChunk,
  type ChatCompletion,
  chat,
  chatRequest,
  expectSequence,
  type OpenAiErrorBody,
  parseDataSse,
  parseEventSse,
  type ResponseBody,
  responses,
  responsesRequest,
} from "./openai-helpers.ts";

const ROUTES = [
  ["chat", chat, chatRequest],
  ["responses", responses, responsesRequest],
] as const;

describe.each(ROUTES)("%s: error scenario", (_name, send, request) => {
  it.each([
    [400, "invalid_request_error", null],
    [401, "invalid_request_error", "invalid_api_key"],
    [403, "request_forbidden", "unsupported_country_region_territory"],
    [404, "invalid_request_error", "model_not_found"],
    [429, "tokens", "rate_limit_exceeded"],
    [500, "server_error", null],
    [503, "server_error", null],
  ])("status=%i: OpenAI's error body, type %s, code %s", async (status, type, code) => {
    for (const res of [
      await send(request("hi", { stream: true }), { "x-mock-scenario": `error; status=${status}` }),
      await send(request(`hi [[mock:error status=${status}]]`)),
    ]) {
      expect(res.status).toBe(status);
      expect(res.headers.get("content-type")).toContain("application/json");
      expect(res.headers.get("x-request-id")).toMatch(/^req_mock_\d+$/);
      expect(await res.json()).toEqual({ error: { message: expect.any(String), type, param: null, code } });
    }
  });

  it("429 carries retry-after (default 1), retry-after-ms when asked, and exhausted x-ratelimit-* headers", async () => {
    const plain = await send(request("hi"), { "x-mock-scenario": "error; status=429" });
    expect(plain.headers.get("retry-after")).toBe("1");
    expect(plain.headers.get("retry-after-ms")).toBeNull();
    expect(plain.headers.get("x-ratelimit-remaining-tokens")).toBe("0");
    expect(plain.headers.get("x-ratelimit-reset-tokens")).toBe("1s");
    for (const h of [
      "x-ratelimit-limit-requests",
      "x-ratelimit-limit-tokens",
      "x-ratelimit-remaining-requests",
      "x-ratelimit-reset-requests",
    ]) {
      expect(plain.headers.get(h)).not.toBeNull();
    }
    expect((await plain.json<OpenAiErrorBody>()).error.message).toContain("Please try again in 1s.");
    const both = await send(request("[[mock:error status=429 retry-after=7 retry-after-ms=6500]]"));
    expect(both.headers.get("retry-after")).toBe("7");
    expect(both.headers.get("retry-after-ms")).toBe("6500");
    expect(both.headers.get("x-ratelimit-reset-tokens")).toBe("7s");
  });

  it("code=insufficient_quota turns the 429 into the quota error", async () => {
    const res = await send(request("[[mock:error status=429 code=insufficient_quota]]"));
    expect(res.status).toBe(429);
    expect((await res.json<OpenAiErrorBody>()).error).toMatchObject({
      type: "insufficient_quota",
      code: "insufficient_quota",
    });
  });

  it("defaults to 500; rejects a status it cannot shape and an unknown scenario, in OpenAI's shape", async () => {
    expect((await send(request("hi"), { "x-mock-scenario": "error" })).status).toBe(500);
    for (const scenario of [
      "error; status=418",
      "error; status=abc",
      "nope",
      "tool; count=99",
      "slow; delay=x",
    ]) {
      const res = await send(request("hi"), { "x-mock-scenario": scenario });
      expect(res.status).toBe(400);
      expect((await res.json<OpenAiErrorBody>()).error.type).toBe("invalid_request_error");
    }
  });

  it("stream-error without streaming is a 500 server_error; cut without streaming drops half the JSON", async () => {
    const failed = await send(request("hi [[mock:stream-error]]"));
    expect(failed.status).toBe(500);
    expect((await failed.json<OpenAiErrorBody>()).error.type).toBe("server_error");
    const cut = await send(request("hi"), { "x-mock-scenario": "cut" });
    expect(cut.status).toBe(200);
    await expect(cut.clone().json()).rejects.toThrow();
    expect((await cut.text()).startsWith('{"id":"')).toBe(true);
  });

  it("slow: the whole answer, with a delay between chunks (or before the JSON)", async () => {
    const streamed = await send(request("hi", { stream: true }), { "x-mock-scenario": "slow; delay=5" });
    expect(await streamed.text()).toMatch(/(data: \[DONE\]|event: response\.completed\n.*)\n\n$/);
    const whole = await send(request("[[mock:slow]] hi"));
    expect(JSON.stringify(await whole.json())).toContain("Hello from mock. You said: hi");
  });
});

describe("chat: stream-error and cut", () => {
  const streaming = chatRequest("tell me a long story about a cat", {
    stream: true,
    stream_options: { include_usage: true },
  });

  it("stream-error: the role chunk, two deltas, then a data: {error} frame and the end (no [DONE])", async () => {
    const res = await chat(streaming, { "x-mock-scenario": "stream-error" });
    expect(res.status).toBe(200);
    const frames = parseDataSse(await res.text());
    expect(frames).not.toContain("[DONE]");
    const chunks = frames as ChatChunk[];
    expect(chunks).toHaveLength(4);
    expect(chunks[0]?.choices[0]?.delta.role).toBe("assistant");
    for (const c of chunks.slice(1, 3)) expect(c.choices[0]?.delta.content).toEqual(expect.any(String));
    expect(chunks[3]).toEqual({
      error: { message: expect.any(String), type: "server_error", param: null, code: "server_error" },
    });
  });

  it("cut: the role chunk and two deltas, then the end: no finish_reason, no usage, no [DONE]", async () => {
    const frames = parseDataSse(await (await chat(streaming, { "x-mock-scenario": "cut" })).text());
    expect(frames).toHaveLength(3);
    expect(frames).not.toContain("[DONE]");
    for (const c of frames as ChatChunk[]) {
      expect(c.choices[0]?.finish_reason).toBeNull();
      expect(c.usage).toBeNull();
    }
  });

  it("cut on a forced tool call breaks inside the arguments", async () => {
    const tools = [
      {
        type: "function",
        function: {
          name: "f",
          parameters: { type: "object", properties: { query: { type: "string" } }, required: ["query"] },
        },
      },
    ];
    const frames = parseDataSse(
      await (
        await chat(chatRequest("[[mock:cut]]", { stream: true, tools, tool_choice: "required" }))
      ).text(),
    ) as ChatChunk[];
    expect(frames).toHaveLength(3);
    expect(frames[2]?.choices[0]?.delta.tool_calls?.[0]?.function.arguments).not.toBe("");
  });
});

describe("responses: stream-error, cut, replay", () => {
  const streaming = responsesRequest("tell me a long story about a cat", { stream: true });

  it("stream-error: a normal start, two deltas, then response.failed with response.error and the end", async () => {
    const events = parseEventSse(
      await (await responses(streaming, { "x-mock-scenario": "stream-error" })).text(),
    );
    expectSequence(events);
    expect(events.map((e) => e.type)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      "response.output_text.delta",
      "response.failed",
    ]);
    expect(events.at(-1)?.response).toMatchObject({
      id: events[0]?.response?.id,
      status: "failed",
      error: { code: "server_error", message: expect.any(String) },
    });
  });

  it("cut: the same start, then the stream just ends (no output_item.done, no terminal event)", async () => {
    const events = parseEventSse(
      await (await responses({ ...streaming, input: "[[mock:cut]] story" })).text(),
    );
    expectSequence(events);
    expect(events.map((e) => e.type)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      "response.output_text.delta",
    ]);
  });

  it("replay fixture=o-resp-text streams the file byte for byte, one event per chunk", async () => {
    for (const res of [
      await responses(streaming, { "x-mock-scenario": "replay; fixture=o-resp-text" }),
      await responses({ ...streaming, input: "[[mock:replay fixture=o-resp-text]]" }),
    ]) {
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      const chunks = await readChunks(res);
      expect(chunks.join("")).toBe(oRespText);
      expect(chunks.length).toBe(oRespText.split("\n\n").length - 1);
      for (const c of chunks) expect(c.endsWith("\n\n")).toBe(true);
    }
  });

  it("replay without streaming answers the recorded final response", async () => {
    const res = await responses(responsesRequest("[[mock:replay fixture=o-resp-text]]"));
    const body = await res.json<ResponseBody>();
    expect(body).toMatchObject({
      id: "resp_sanitized_streaming",
      status: "completed",
      usage: { total_tokens: 14 },
    });
    expect(body.output[0]?.content?.[0]?.text).toBe("OK");
  });

  it("rejects an unknown fixture, and replay on chat (there is no recorded chat stream)", async () => {
    expect((await responses(streaming, { "x-mock-scenario": "replay; fixture=a-text" })).status).toBe(400);
    const onChat = await chat(chatRequest("[[mock:replay fixture=o-resp-text]]"));
    expect(onChat.status).toBe(400);
    expect((await onChat.json<OpenAiErrorBody>()).error.message).toMatch(/no recorded fixture/);
  });
});

describe("the header wins over the directive", () => {
  it("on both routes", async () => {
    const c = await chat(chatRequest("[[mock:error status=500]] hi"), { "x-mock-scenario": "text" });
    expect((await c.json<ChatCompletion>()).choices[0]?.message.content).toBe(
      "Hello from mock. You said: hi",
    );
    const r = await responses(responsesRequest("[[mock:error status=500]] hi"), {
      "x-mock-scenario": "text",
    });
    expect((await r.json<ResponseBody>()).output[0]?.content?.[0]?.text).toBe(
      "Hello from mock. You said: hi",
    );
  });
});
