import { describe, expect, it } from "vitest";
import { call, type ErrorBody, nonce, post, request, user } from "./helpers.ts";
import { chatRequest, type OpenAiErrorBody, postOpenAi } from "./openai-helpers.ts";

const body = request([user("hi")]);

/** Scripts a channel with a fresh name; returns the name. */
async function channel(settings: Record<string, unknown>): Promise<string> {
  const name = `c-${nonce().slice(0, 8)}`;
  const res = await call(`/_mock/channels/${name}`, { method: "PUT", body: JSON.stringify(settings) });
  expect(res.status).toBe(200);
  return name;
}

const requestsOf = async (name: string): Promise<number> => {
  const list = (await (await call("/_mock/channels")).json()) as Array<{ name: string; requests: number }>;
  return list.find((c) => c.name === name)?.requests ?? -1;
};

describe("mock channels: independent upstreams under /ch/<name>", () => {
  it("each checks its own key, and the request log names the channel", async () => {
    const a = await channel({ key: "key-a" });
    const b = await channel({ key: "key-b" });
    const text = nonce();
    const ok = await post(`/ch/${a}/v1/messages`, request([user(text)]), { "x-api-key": "key-a" });
    expect(ok.status).toBe(200);
    expect((await ok.json<{ content: Array<{ text: string }> }>()).content[0]!.text).toContain(text);
    // a's key is not b's, nor the mock's own.
    expect((await post(`/ch/${b}/v1/messages`, body, { "x-api-key": "key-a" })).status).toBe(401);
    expect((await post(`/ch/${a}/v1/messages`, body)).status).toBe(401);
    const bearer = await postOpenAi(`/ch/${b}/v1/chat/completions`, chatRequest("hi"), {
      authorization: "Bearer key-b",
    });
    expect(bearer.status).toBe(200);
    const log = (await (await call("/_mock/requests")).json()) as Array<{
      path: string;
      channel: string | null;
      body: unknown;
    }>;
    const seen = log.find((r) => JSON.stringify(r.body).includes(text));
    expect(seen).toMatchObject({ path: "/v1/messages", channel: a });
    expect(await requestsOf(a)).toBe(2);
    expect(await requestsOf(b)).toBe(2);
  });

  it("a down channel fails the connection itself", async () => {
    const down = await channel({ key: "k", mode: "down" });
    await expect(post(`/ch/${down}/v1/messages`, body, { "x-api-key": "k" })).rejects.toThrow(
      /connection refused/,
    );
    expect(await requestsOf(down)).toBe(1);
  });

  it("overloaded: 529 overloaded_error (503 on the OpenAI routes)", async () => {
    const busy = await channel({ key: "k", mode: "overloaded" });
    const res = await post(`/ch/${busy}/v1/messages`, body, { "x-api-key": "k" });
    expect(res.status).toBe(529);
    expect((await res.json<ErrorBody>()).error.type).toBe("overloaded_error");
    const chat = await postOpenAi(`/ch/${busy}/v1/chat/completions`, chatRequest("hi"), {
      authorization: "Bearer k",
    });
    expect(chat.status).toBe(503);
  });

  it("rate-limited: 429 with the channel's retry-after", async () => {
    const limited = await channel({ key: "k", mode: "rate-limited", retry_after: 7 });
    const res = await post(`/ch/${limited}/v1/messages`, body, { "x-api-key": "k" });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
    expect((await res.json<ErrorBody>()).error.type).toBe("rate_limit_error");
  });

  it("unauthorized: 401 even with its own key; a mode can be changed at run time", async () => {
    const revoked = await channel({ key: "k", mode: "unauthorized" });
    const res = await postOpenAi(`/ch/${revoked}/v1/chat/completions`, chatRequest("hi"), {
      authorization: "Bearer k",
    });
    expect(res.status).toBe(401);
    expect((await res.json<OpenAiErrorBody>()).error.code).toBe("invalid_api_key");
    await call(`/_mock/channels/${revoked}`, { method: "PUT", body: JSON.stringify({ mode: "ok" }) });
    expect((await post(`/ch/${revoked}/v1/messages`, body, { "x-api-key": "k" })).status).toBe(200);
  });

  it("refuses an unknown channel and bad settings", async () => {
    const res = await post("/ch/never-made/v1/messages", body);
    expect(res.status).toBe(404);
    const bad = await call("/_mock/channels/x", {
      method: "PUT",
      body: JSON.stringify({ mode: "sideways" }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain("mode must be one of");
  });
});
