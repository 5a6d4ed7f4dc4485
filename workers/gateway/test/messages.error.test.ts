import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import app from "../src/index.ts";
import {
  basicMessage,
  callMessages,
  newAccountWithKey,
  sseFrames,
  type TestKey,
  usageRow,
} from "./helpers.ts";

let caller: TestKey;
beforeAll(async () => {
  caller = await newAccountWithKey();
});

describe("upstream errors reach the client with their status and Anthropic body", () => {
  const cases = [
    [400, "invalid_request_error"],
    [429, "rate_limit_error"],
    [500, "api_error"],
    [529, "overloaded_error"],
  ] as const;

  it.each(cases)("%i %s", async (status, type) => {
    const res = await callMessages({ key: caller.key, scenario: `error; status=${status}` });
    expect(res.status).toBe(status);
    const body = (await res.json()) as { type: string; error: { type: string } };
    expect(body.type).toBe("error");
    expect(body.error.type).toBe(type);
    if (status === 429) expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(res.headers.get("request-id")).toMatch(/^req_/);
  });
});

describe("the gateway's own upstream credential refused", () => {
  it.each([401, 403])("%i answers 502 with a neutral message, never the vendor's text", async (status) => {
    const res = await callMessages({ key: caller.key, scenario: `error; status=${status}` });
    expect(res.status).toBe(502);
    const body = (await res.json()) as { error: { type: string; message: string } };
    expect(body.error).toEqual({ type: "api_error", message: "The upstream provider refused the request." });
  });
});

describe("streams that go wrong", () => {
  it("relays an upstream `event: error` mid-stream", async () => {
    const res = await callMessages({
      key: caller.key,
      body: basicMessage({ stream: true }),
      scenario: "stream-error",
    });
    expect(res.status).toBe(200);
    const frames = sseFrames(await res.text());
    expect(frames.at(-1)?.event).toBe("error");
    expect(frames.some((f) => f.event === "message_stop")).toBe(false);
  });

  it("ends a cut stream with an error frame, never a fabricated message_stop", async () => {
    const res = await callMessages({
      key: caller.key,
      body: basicMessage({ stream: true }),
      scenario: "cut",
    });
    const frames = sseFrames(await res.text());
    expect(frames.at(-1)).toMatchObject({
      event: "error",
      data: { type: "error", error: { type: "api_error" } },
    });
    expect(frames.some((f) => f.event === "message_stop")).toBe(false);
    expect((await usageRow(res.headers.get("request-id"))).outcome).toBe("stream_error");
  });
});

describe("an unreachable upstream", () => {
  it("answers 502 api_error", async () => {
    const ctx = createExecutionContext();
    const res = await app.fetch(
      new Request("https://gateway.test/api/proxy/v1/messages", {
        method: "POST",
        headers: { "x-api-key": caller.key, "content-type": "application/json" },
        body: JSON.stringify(basicMessage()),
      }),
      { ...env, ANTHROPIC_UPSTREAM_URL: "http://127.0.0.1:9" },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(502);
    const body = (await res.json()) as { error: { type: string } };
    expect(body.error.type).toBe("api_error");
  });
});

describe("bad requests", () => {
  const bad = [
    ["no model", { max_tokens: 10, messages: [] }, "model"],
    ["no messages", { model: "claude-sonnet-4-6", max_tokens: 10 }, "messages"],
    // (No max_tokens is not an error: the gateway sends 4096, see messages.rewrites.test.ts.)
    ["a negative max_tokens", { model: "claude-sonnet-4-6", max_tokens: -1, messages: [] }, "max_tokens"],
  ] as const;

  it.each(bad)("400 for %s", async (_name, body, field) => {
    const res = await callMessages({ key: caller.key, body });
    expect(res.status).toBe(400);
    const payload = (await res.json()) as { error: { type: string; message: string } };
    expect(payload.error.type).toBe("invalid_request_error");
    expect(payload.error.message).toContain(field);
  });

  it("400 naming a model that is not in the price table", async () => {
    const res = await callMessages({ key: caller.key, body: basicMessage({ model: "claude-imaginary-9" }) });
    expect(res.status).toBe(400);
    const payload = (await res.json()) as { error: { message: string } };
    expect(payload.error.message).toContain("claude-imaginary-9");
  });

  it("400 for a body that is not JSON", async () => {
    const { exports } = await import("cloudflare:workers");
    const broken = await exports.default.fetch("https://gateway.test/api/proxy/v1/messages", {
      method: "POST",
      headers: { "x-api-key": caller.key, "content-type": "application/json" },
      body: "{not json",
    });
    expect(broken.status).toBe(400);
  });

  it("413 for a body over 32 MB", async () => {
    const { exports } = await import("cloudflare:workers");
    const huge = new Uint8Array(32 * 1024 * 1024 + 1).fill(0x20);
    const res = await exports.default.fetch("https://gateway.test/api/proxy/v1/messages", {
      method: "POST",
      headers: { "x-api-key": caller.key, "content-type": "application/json" },
      body: huge,
    });
    expect(res.status).toBe(413);
    const payload = (await res.json()) as { error: { type: string } };
    expect(payload.error.type).toBe("request_too_large");
  });

  it("403 for a model outside the key's allow-list", async () => {
    const limited = await newAccountWithKey({ models: ["claude-haiku-4-5"] });
    const res = await callMessages({ key: limited.key });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe("permission_error");
    expect(
      (await callMessages({ key: limited.key, body: basicMessage({ model: "claude-haiku-4-5" }) })).status,
    ).toBe(200);
  });
});
