/**
 * Routing across channels as a client sees it: weights over 1,000 requests, priorities, the
 * models a channel serves (and its name for them upstream), and operators' changes taking effect.
 */
import { env } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  addChannel,
  channelAction,
  listChannels,
  mockChannel,
  mockChannelHits,
  resetChannels,
  seenBy,
  withoutImplicitChannels,
} from "./channels.helpers.ts";
import { adminFetch, basicMessage, callMessages, newAccountWithKey, type TestKey } from "./helpers.ts";
import { callProxy, marker, requestBody, usageRow } from "./metering.helpers.ts";

let caller: TestKey;

beforeEach(async () => {
  await resetChannels();
  caller = await newAccountWithKey({ usd: "5", rpm: 100_000 });
});

afterEach(() => vi.restoreAllMocks());

/** mulberry32, seeded: the gateway's draws are the same every run, so this test cannot flake. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("weighted routing", () => {
  it("1,000 requests split within ±10% of the weights (3 : 1) among channels of one priority", async () => {
    await withoutImplicitChannels();
    const heavy = await mockChannel("ok");
    const light = await mockChannel("ok");
    await addChannel(heavy, { weight: 3 });
    await addChannel(light, { weight: 1 });
    vi.spyOn(Math, "random").mockImplementation(seeded(2024));
    const count = (i: number) =>
      callMessages({
        key: caller.key,
        path: "/api/proxy/v1/messages/count_tokens",
        body: { model: "claude-sonnet-4-6", messages: [{ role: "user", content: `hi ${i}` }] },
      }).then((res) => {
        expect(res.status).toBe(200);
        return res.arrayBuffer();
      });
    for (let i = 0; i < 1_000; i += 20) await Promise.all(Array.from({ length: 20 }, (_, j) => count(i + j)));
    const hits = { heavy: await mockChannelHits(heavy.name), light: await mockChannelHits(light.name) };
    expect(hits.heavy + hits.light).toBe(1_000);
    expect(Math.abs(hits.heavy - 750)).toBeLessThanOrEqual(75);
    expect(Math.abs(hits.light - 250)).toBeLessThanOrEqual(25);
  });
});

describe("priorities, models and upstream names", () => {
  it("a channel serves only its models, under its upstream name for each; others fall to the next channel", async () => {
    const pinned = await mockChannel("ok");
    const pinnedChannel = await addChannel(pinned, {
      priority: 50,
      models: { "claude-sonnet-4-6": "claude-sonnet-4-6-20260101" },
    });
    const sonnet = marker();
    const res = await callMessages({
      key: caller.key,
      body: basicMessage({ messages: [{ role: "user", content: `hi ${sonnet}` }] }),
    });
    expect(res.status).toBe(200);
    const seen = await seenBy(sonnet);
    expect(seen.channel).toBe(pinned.name);
    expect((seen.body as { model: string }).model).toBe("claude-sonnet-4-6-20260101");
    expect(await usageRow(res.headers.get("request-id"))).toMatchObject({
      channel_id: pinnedChannel.id,
      model: "claude-sonnet-4-6",
    });

    // Not one of its models: the implicit channel (the *_UPSTREAM_* settings) serves it.
    const haiku = marker();
    const other = await callMessages({
      key: caller.key,
      body: basicMessage({ model: "claude-haiku-4-5", messages: [{ role: "user", content: `hi ${haiku}` }] }),
    });
    expect(other.status).toBe(200);
    const seenHaiku = await seenBy(haiku);
    expect(seenHaiku.channel).toBeNull();
    expect((seenHaiku.body as { model: string }).model).toBe("claude-haiku-4-5");
    expect(await usageRow(other.headers.get("request-id"))).toMatchObject({ channel_id: "env-anthropic" });
  });

  it("a translated request (Chat caller, Claude model) goes through the Anthropic channels too", async () => {
    const claude = await mockChannel("ok");
    await addChannel(claude, { priority: 50 });
    const mark = marker();
    const res = await callProxy("chat", caller.key, requestBody("chat", "claude-sonnet-4-6", `hi ${mark}`));
    expect(res.status).toBe(200);
    const seen = await seenBy(mark);
    expect(seen).toMatchObject({ channel: claude.name, path: "/v1/messages" });
    expect(seen.headers["x-api-key"]).toBe(claude.key);
  });
});

describe("an operator's change takes effect at once", () => {
  it("disable, enable, re-prioritise, delete: the next request follows", async () => {
    const first = await mockChannel("ok");
    const second = await mockChannel("ok");
    const a = await addChannel(first, { priority: 20 });
    const b = await addChannel(second, { priority: 10 });
    const servedBy = async () => {
      const mark = marker();
      const res = await callMessages({
        key: caller.key,
        body: basicMessage({ messages: [{ role: "user", content: `hi ${mark}` }] }),
      });
      expect(res.status).toBe(200);
      return (await seenBy(mark)).channel;
    };
    expect(await servedBy()).toBe(first.name);
    expect((await channelAction(a.id, "disable")).status).toBe(200);
    expect(await servedBy()).toBe(second.name);
    expect((await channelAction(a.id, "enable")).status).toBe(200);
    expect(await servedBy()).toBe(first.name);
    const edit = await adminFetch(`/channels/${b.id}`, {
      method: "PATCH",
      body: JSON.stringify({ priority: 30 }),
    });
    expect(edit.status).toBe(200);
    expect(await servedBy()).toBe(second.name);
    expect((await adminFetch(`/channels/${b.id}`, { method: "DELETE" })).status).toBe(200);
    expect(await servedBy()).toBe(first.name);
    const disabledAll = await Promise.all(
      (await listChannels())
        .filter((c) => c.vendor === "anthropic")
        .map((c) => channelAction(c.id, "disable")),
    );
    expect(disabledAll.every((r) => r.status === 200)).toBe(true);
    const none = await callMessages({ key: caller.key });
    expect(none.status).toBe(502);
    expect(((await none.json()) as { error: { message: string } }).error.message).toContain(
      "temporarily unavailable",
    );
  });
});

describe("the implicit channels", () => {
  it("list the *_UPSTREAM_* settings as channels: URL, a hint of the key, health and traffic", async () => {
    await callMessages({ key: caller.key });
    const channels = await listChannels();
    const implicit = channels.find((c) => c.id === "env-anthropic")!;
    expect(implicit).toMatchObject({
      source: "env",
      vendor: "anthropic",
      base_url: env.ANTHROPIC_UPSTREAM_URL,
      credential_hint: `…${env.ANTHROPIC_UPSTREAM_KEY.slice(-4)}`,
      models: null,
      enabled: true,
      health: { status: "healthy", state: "closed" },
    });
    expect(implicit.last_hour.requests).toBeGreaterThan(0);
    expect(channels.find((c) => c.id === "env-openai")).toMatchObject({ source: "env", vendor: "openai" });
  });
});
