import { describe, expect, it } from "vitest";
import { type ErrorBody, expectGrammar, type MessageBody, parseSse, post, request, user } from "./helpers.ts";

const body = request([user("tell me a long story about a cat")]);
const streaming = { ...body, stream: true };

describe("error scenario", () => {
  it.each([
    [400, "invalid_request_error"],
    [401, "authentication_error"],
    [429, "rate_limit_error"],
    [500, "api_error"],
    [529, "overloaded_error"],
  ])("status=%i answers with error.type %s", async (status, type) => {
    for (const res of [
      await post("/v1/messages", streaming, { "x-mock-scenario": `error; status=${status}` }),
      await post("/v1/messages", request([user(`hi [[mock:error status=${status}]]`)])),
    ]) {
      expect(res.status).toBe(status);
      expect(res.headers.get("content-type")).toContain("application/json");
      const err = await res.json<ErrorBody>();
      expect(err).toEqual({
        type: "error",
        error: { type, message: expect.any(String) },
        request_id: expect.any(String),
      });
      expect(err.request_id).toBe(res.headers.get("request-id"));
    }
  });

  it("429 carries retry-after (default 1) and, when asked, retry-after-ms", async () => {
    const plain = await post("/v1/messages", body, { "x-mock-scenario": "error; status=429" });
    expect(plain.headers.get("retry-after")).toBe("1");
    expect(plain.headers.get("retry-after-ms")).toBeNull();
    const both = await post(
      "/v1/messages",
      request([user("[[mock:error status=429 retry-after=7 retry-after-ms=6500]]")]),
    );
    expect(both.headers.get("retry-after")).toBe("7");
    expect(both.headers.get("retry-after-ms")).toBe("6500");
  });

  it("rejects a status it cannot shape", async () => {
    expect((await post("/v1/messages", body, { "x-mock-scenario": "error; status=418" })).status).toBe(400);
    expect((await post("/v1/messages", body, { "x-mock-scenario": "error; status=abc" })).status).toBe(400);
    expect((await post("/v1/messages", body, { "x-mock-scenario": "error" })).status).toBe(500);
  });
});

describe("stream-error and cut", () => {
  it("stream-error: a normal start, two deltas, then event: error and the end", async () => {
    const res = await post("/v1/messages", streaming, { "x-mock-scenario": "stream-error" });
    expect(res.status).toBe(200);
    const frames = parseSse(await res.text());
    for (const f of frames) expect(f.event).toBe(f.data.type);
    expect(frames.map((f) => f.event)).toEqual([
      "message_start",
      "content_block_start",
      "ping",
      "content_block_delta",
      "content_block_delta",
      "error",
    ]);
    expect(frames.at(-1)?.data).toEqual({
      type: "error",
      error: { type: "overloaded_error", message: "Overloaded" },
    });
  });

  it("stream-error without streaming is a 529", async () => {
    const res = await post("/v1/messages", request([user("[[mock:stream-error]]")]));
    expect(res.status).toBe(529);
    expect((await res.json<ErrorBody>()).error.type).toBe("overloaded_error");
  });

  it("cut: the stream stops after some deltas, with no stop events", async () => {
    const res = await post("/v1/messages", request([user("[[mock:cut]] tell me a story")], { stream: true }));
    const frames = parseSse(await res.text());
    const events = frames.map((f) => f.event);
    expect(events).toEqual([
      "message_start",
      "content_block_start",
      "ping",
      "content_block_delta",
      "content_block_delta",
    ]);
    for (const missing of ["content_block_stop", "message_delta", "message_stop"])
      expect(events).not.toContain(missing);
  });

  it("cut without streaming drops the body halfway", async () => {
    const res = await post("/v1/messages", body, { "x-mock-scenario": "cut" });
    expect(res.status).toBe(200);
    await expect(res.clone().json()).rejects.toThrow();
    expect((await res.text()).startsWith('{"id":"msg_mock_')).toBe(true);
  });
});

describe("slow", () => {
  it("streams the complete message with a delay between chunks", async () => {
    const res = await post("/v1/messages", streaming, { "x-mock-scenario": "slow; delay=5" });
    const frames = parseSse(await res.text());
    expectGrammar(frames);
    expect(frames.at(-1)?.event).toBe("message_stop");
  });

  it("also works without streaming and with the default delay", async () => {
    const res = await post("/v1/messages", request([user("[[mock:slow]] hi")]));
    expect((await res.json<MessageBody>()).content[0]?.text).toBe("Hello from mock. You said: hi");
  });

  it("the directive is removed from the echoed text, and the header wins over it", async () => {
    const res = await post("/v1/messages", request([user("[[mock:error status=500]] hi")]), {
      "x-mock-scenario": "text",
    });
    expect(res.status).toBe(200);
    expect((await res.json<MessageBody>()).content[0]?.text).toBe("Hello from mock. You said: hi");
  });
});
