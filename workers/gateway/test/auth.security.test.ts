import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import {
  adminFetch,
  basicMessage,
  callMessages,
  clearMockRequests,
  mockRequests,
  newAccountWithKey,
  type TestKey,
} from "./helpers.ts";

let caller: TestKey;
beforeAll(async () => {
  caller = await newAccountWithKey();
});

const expectAuthError = async (res: Response) => {
  expect(res.status).toBe(401);
  const body = (await res.json()) as {
    type: string;
    error: { type: string; message: string };
    request_id: string;
  };
  expect(body.type).toBe("error");
  expect(body.error.type).toBe("authentication_error");
  expect(body.request_id).toBe(res.headers.get("request-id"));
  return body;
};

// Each case gets its own client IP so the per-IP failure throttle does not interfere.
let ip = 0;
const fromNewIp = () => ({ "cf-connecting-ip": `198.51.100.${++ip}` });

describe("API key authentication", () => {
  it("accepts x-api-key", async () => {
    const res = await callMessages({ key: caller.key });
    expect(res.status).toBe(200);
  });

  it("accepts Authorization: Bearer", async () => {
    const res = await callMessages({
      key: "",
      headers: { "x-api-key": "", authorization: `Bearer ${caller.key}` },
    });
    expect(res.status).toBe(200);
  });

  it("refuses a missing key", async () => {
    const res = await exports.default.fetch("https://gateway.test/api/proxy/v1/messages", {
      method: "POST",
      headers: { "content-type": "application/json", ...fromNewIp() },
      body: JSON.stringify(basicMessage()),
    });
    expect((await expectAuthError(res)).error.message).toMatch(/missing/i);
  });

  it("refuses a malformed key", async () => {
    const res = await callMessages({ key: "sk-ant-api03-something", headers: fromNewIp() });
    expect((await expectAuthError(res)).error.message).toMatch(/malformed/i);
  });

  it("refuses an unknown key", async () => {
    const res = await callMessages({ key: `sk-cc-${"A".repeat(43)}`, headers: fromNewIp() });
    expect((await expectAuthError(res)).error.message).toMatch(/invalid/i);
  });

  it("refuses a revoked key at once", async () => {
    const victim = await newAccountWithKey();
    expect((await callMessages({ key: victim.key })).status).toBe(200);
    expect((await adminFetch(`/keys/${victim.keyId}/revoke`, { method: "POST" })).status).toBe(200);
    const res = await callMessages({ key: victim.key, headers: fromNewIp() });
    expect((await expectAuthError(res)).error.message).toMatch(/revoked/i);
  });

  it("never sends the client's key upstream", async () => {
    await clearMockRequests();
    await callMessages({ key: caller.key, headers: { authorization: `Bearer ${caller.key}` } });
    const seen = await mockRequests();
    expect(seen.length).toBeGreaterThan(0);
    for (const request of seen) {
      expect(JSON.stringify(request.headers)).not.toContain(caller.key);
      expect(request.headers["x-api-key"]).toBe(env.ANTHROPIC_UPSTREAM_KEY);
    }
  });

  it("does not call the upstream for a refused key", async () => {
    await clearMockRequests();
    await callMessages({ key: `sk-cc-${"B".repeat(43)}`, headers: fromNewIp() });
    expect(await mockRequests()).toEqual([]);
  });
});

describe("per-IP throttle on failed authentication", () => {
  it("answers 429 after 20 failures in a minute, even to a correct new guess from that IP", async () => {
    const headers = { "cf-connecting-ip": "203.0.113.7" };
    const guessed = await newAccountWithKey();
    for (let i = 0; i < 20; i++) {
      const res = await callMessages({ key: `sk-cc-${"C".repeat(43)}`, headers });
      expect(res.status).toBe(401);
    }
    const blocked = await callMessages({ key: guessed.key, headers });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = (await blocked.json()) as { error: { type: string } };
    expect(body.error.type).toBe("rate_limit_error");
    // Another address is unaffected.
    expect(
      (await callMessages({ key: caller.key, headers: { "cf-connecting-ip": "203.0.113.8" } })).status,
    ).toBe(200);
  });
});
