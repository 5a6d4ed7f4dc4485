import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { callMessages, newAccountWithKey, type TestKey } from "./helpers.ts";

let caller: TestKey;
beforeAll(async () => {
  caller = await newAccountWithKey();
});

describe("GET /v1/models", () => {
  it("answers in Anthropic's shape for Anthropic clients", async () => {
    const res = await exports.default.fetch("https://gateway.test/api/proxy/v1/models?limit=1000", {
      headers: { "x-api-key": caller.key, "anthropic-version": "2023-06-01" },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: Array<{ type: string; id: string }>; has_more: boolean };
    expect(body.has_more).toBe(false);
    expect(body.data.map((m) => m.id)).toContain("claude-sonnet-4-6");
    expect(body.data[0]?.type).toBe("model");
  });

  it("answers in OpenAI's shape otherwise", async () => {
    const res = await exports.default.fetch("https://gateway.test/api/proxy/v1/models", {
      headers: { authorization: `Bearer ${caller.key}` },
    });
    const body = (await res.json()) as { object: string; data: Array<{ object: string; id: string }> };
    expect(body.object).toBe("list");
    expect(body.data.map((m) => m.id)).toEqual(expect.arrayContaining(["claude-opus-4-7", "gpt-5.5"]));
  });

  it("lists the models current clients use when none is configured", async () => {
    const res = await exports.default.fetch("https://gateway.test/api/proxy/v1/models", {
      headers: { "x-api-key": caller.key, "anthropic-version": "2023-06-01" },
    });
    const body = (await res.json()) as { data: Array<{ id: string; display_name: string }> };
    expect(body.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: "claude-opus-5-5", display_name: "Claude Opus 5.5" }),
        expect.objectContaining({ id: "claude-haiku-5-5", display_name: "Claude Haiku 5.5" }),
      ]),
    );
    const openai = await exports.default.fetch("https://gateway.test/api/proxy/v1/models", {
      headers: { authorization: `Bearer ${caller.key}` },
    });
    const list = (await openai.json()) as { data: Array<{ id: string; owned_by: string }> };
    expect(list.data).toContainEqual(expect.objectContaining({ id: "gpt-6.1-sol", owned_by: "openai" }));
  });

  it("requires a key", async () => {
    const res = await exports.default.fetch("https://gateway.test/api/proxy/v1/models", {
      headers: { "anthropic-version": "2023-06-01", "cf-connecting-ip": "192.0.2.77" },
    });
    expect(res.status).toBe(401);
  });
});

describe("POST /v1/messages/count_tokens", () => {
  it("relays the upstream count", async () => {
    const res = await callMessages({
      key: caller.key,
      path: "/api/proxy/v1/messages/count_tokens?beta=true",
      body: { model: "claude-sonnet-4-6", messages: [{ role: "user", content: "Count me" }] },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { input_tokens: number };
    expect(body.input_tokens).toBeGreaterThan(0);
  });
});

describe("unknown routes", () => {
  it("answer 404 in the caller's format", async () => {
    const anthropic = await exports.default.fetch("https://gateway.test/api/proxy/v1/messages/batches", {
      method: "POST",
    });
    expect(anthropic.status).toBe(404);
    expect(await anthropic.json()).toMatchObject({ type: "error", error: { type: "not_found_error" } });
    const openai = await exports.default.fetch("https://gateway.test/api/proxy/v1/chat/other", {
      method: "POST",
    });
    expect(openai.status).toBe(404);
    expect(((await openai.json()) as { error: { type: string; message: string } }).error.message).toContain(
      "/chat/other",
    );
  });
});
