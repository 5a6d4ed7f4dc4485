import { describe, expect, it } from "vitest";
import { call, KEY, post, request, user } from "./helpers.ts";
import {
  chat,
  chatRequest,
  type OpenAiErrorBody,
  postOpenAi,
  responses,
  responsesRequest,
} from "./openai-helpers.ts";

const ROUTES = ["/v1/chat/completions", "/v1/responses"] as const;
const bodyFor = (path: string) => (path === "/v1/responses" ? responsesRequest("hi") : chatRequest("hi"));

describe("OpenAI routes: auth", () => {
  it.each(ROUTES)("%s accepts Authorization: Bearer <MOCK_UPSTREAM_KEY>", async (path) => {
    expect((await postOpenAi(path, bodyFor(path))).status).toBe(200);
  });

  it.each(ROUTES)("%s answers a wrong key with 401 invalid_api_key, the key starred out", async (path) => {
    const res = await postOpenAi(path, bodyFor(path), { authorization: "Bearer sk-client-secret-1234" });
    expect(res.status).toBe(401);
    expect(res.headers.get("x-request-id")).toMatch(/^req_mock_\d+$/);
    const body = await res.json<OpenAiErrorBody>();
    expect(body).toEqual({
      error: {
        message: expect.any(String),
        type: "invalid_request_error",
        param: null,
        code: "invalid_api_key",
      },
    });
    expect(body.error.message).toMatch(/^Incorrect API key provided: sk-\*+1234\./);
    expect(body.error.message).not.toContain("client-secret");
  });

  it.each(ROUTES)(
    "%s: no key, an x-api-key alone, or a client key beside the right one → 401",
    async (path) => {
      const none = await call(path, { method: "POST", body: JSON.stringify(bodyFor(path)) });
      expect(none.status).toBe(401);
      expect((await none.json<OpenAiErrorBody>()).error.code).toBe("invalid_api_key");
      const apiKeyOnly = await call(path, {
        method: "POST",
        headers: { "x-api-key": KEY, "content-type": "application/json" },
        body: JSON.stringify(bodyFor(path)),
      });
      expect(apiKeyOnly.status).toBe(401);
      expect((await postOpenAi(path, bodyFor(path), { "x-api-key": "sk-client" })).status).toBe(401);
    },
  );

  it("the Anthropic route keeps its own rules and error shape", async () => {
    expect((await post("/v1/messages", request([user("hi")]))).status).toBe(200);
    const wrong = await post("/v1/messages", request([user("hi")]), { "x-api-key": "nope" });
    expect((await wrong.json<{ type: string }>()).type).toBe("error");
  });
});

describe("OpenAI routes: validation", () => {
  it("a body that is not JSON, a missing parameter, an empty messages array → 400 in OpenAI's shape", async () => {
    const notJson = await chat("{nope");
    expect(notJson.status).toBe(400);
    expect((await notJson.json<OpenAiErrorBody>()).error).toMatchObject({
      type: "invalid_request_error",
      param: null,
    });
    const missing = await chat({ model: "gpt-5.4" });
    expect(await missing.json()).toEqual({
      error: {
        message: "Missing required parameter: 'messages'.",
        type: "invalid_request_error",
        param: "messages",
        code: "missing_required_parameter",
      },
    });
    expect((await chat({ model: "gpt-5.4", messages: [] })).status).toBe(400);
    const noModel = await responses({ input: "hi" });
    expect((await noModel.json<OpenAiErrorBody>()).error.param).toBe("model");
    const badItem = await responses(
      responsesRequest([{ type: "function_call", call_id: "c", name: "f", arguments: {} }]),
    );
    expect((await badItem.json<OpenAiErrorBody>()).error.param).toBe("input[0].arguments");
  });

  it("an unknown OpenAI path is a 404 in OpenAI's shape", async () => {
    const res = await postOpenAi("/v1/responses/resp_1/cancel", {});
    expect(res.status).toBe(404);
    expect((await res.json<OpenAiErrorBody>()).error.type).toBe("invalid_request_error");
  });
});

describe("GET /v1/models", () => {
  it("without anthropic-version: OpenAI's list, GPT models included", async () => {
    const res = await call("/v1/models", { headers: { authorization: `Bearer ${KEY}` } });
    expect(res.status).toBe(200);
    const list = await res.json<{
      object: string;
      data: { id: string; object: string; created: number; owned_by: string }[];
    }>();
    expect(list.object).toBe("list");
    expect(list.data.map((m) => m.id)).toEqual(
      expect.arrayContaining(["gpt-5.5", "gpt-5.4", "gpt-5.4-mini", "gpt-5.3-codex", "claude-sonnet-4-6"]),
    );
    for (const m of list.data) {
      expect(m).toEqual({
        id: m.id,
        object: "model",
        created: expect.any(Number),
        owned_by: expect.any(String),
      });
    }
    expect(list.data.find((m) => m.id === "gpt-5.5")?.owned_by).toBe("openai");
    const one = await call("/v1/models/gpt-5.4-mini", { headers: { authorization: `Bearer ${KEY}` } });
    expect(await one.json()).toMatchObject({ id: "gpt-5.4-mini", object: "model" });
    const missing = await call("/v1/models/gpt-0", { headers: { authorization: `Bearer ${KEY}` } });
    expect(missing.status).toBe(404);
    expect((await missing.json<OpenAiErrorBody>()).error.code).toBe("model_not_found");
  });

  it("with anthropic-version: Anthropic's list of Claude models (x-api-key accepted)", async () => {
    const res = await call("/v1/models", {
      headers: { "x-api-key": KEY, "anthropic-version": "2023-06-01" },
    });
    const list = await res.json<{ data: { id: string; type: string }[]; has_more: boolean }>();
    expect(list).toMatchObject({ has_more: false, first_id: "claude-haiku-5-5" });
    for (const m of list.data) expect(m.type).toBe("model");
  });

  it("OpenAI style needs Bearer: an x-api-key alone is a 401 in OpenAI's shape", async () => {
    const res = await call("/v1/models", { headers: { "x-api-key": KEY } });
    expect(res.status).toBe(401);
    expect((await res.json<OpenAiErrorBody>()).error.code).toBe("invalid_api_key");
  });
});

describe("/_mock/requests records OpenAI requests too", () => {
  it("with the Bearer header and the parsed body", async () => {
    await call("/_mock/requests", { method: "DELETE" });
    const body = responsesRequest("hi", { client_metadata: { a: "b" } });
    await responses(body, { session_id: "s-1" });
    const list = await (await call("/_mock/requests")).json<
      { path: string; headers: Record<string, string>; body: unknown }[]
    >();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ path: "/v1/responses", body });
    expect(list[0]?.headers).toMatchObject({ authorization: `Bearer ${KEY}`, session_id: "s-1" });
  });
});
