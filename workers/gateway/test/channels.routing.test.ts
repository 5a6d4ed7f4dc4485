/**
 * Routing across channels as a client sees it: weights over 1,000 requests, priorities, the
 * models a channel serves (and its name for them upstream), and operators' changes taking effect.
 */
import { env } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { accountStub } from "../src/account/client.ts";
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
import {
  adminFetch,
  basicMessage,
  callMessages,
  newAccountWithKey,
  seeded,
  type TestKey,
} from "./helpers.ts";
import { callProxy, marker, requestBody, usageRow } from "./metering.helpers.ts";

let caller: TestKey;

beforeEach(async () => {
  await resetChannels();
  caller = await newAccountWithKey({ usd: "5", rpm: 100_000 });
});

afterEach(() => vi.restoreAllMocks());

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
      channel: pinnedChannel.id,
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
    expect(await usageRow(other.headers.get("request-id"))).toMatchObject({ channel: "env-anthropic" });
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
    const res = await callMessages({ key: caller.key });
    // Traffic is read from usage_hourly, which the account's object flushes (here, at once).
    await usageRow(res.headers.get("request-id"));
    await accountStub(env, caller.accountId).flush();
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
    // Migration 0006: Gemini's, from GEMINI_UPSTREAM_URL / _KEY.
    expect(channels.find((c) => c.id === "env-gemini")).toMatchObject({ source: "env", vendor: "gemini" });
  });
});

describe("the admin API", () => {
  const post = (body: Record<string, unknown>) =>
    adminFetch("/channels", { method: "POST", body: JSON.stringify(body) });
  const valid = {
    name: "api-test",
    vendor: "anthropic",
    base_url: "https://api.example.com/",
    credential: "sk-ant-x",
  };

  it("refuses what would not work, naming the field", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...valid, base_url: "ftp://example.com" }, "base_url: must be an http(s) URL"],
      [{ ...valid, base_url: "https://u:p@example.com" }, "base_url: must not hold a credential"],
      [
        { ...valid, base_url: "https://example.com/?key=1" },
        "base_url: must have no query string or fragment",
      ],
      [{ ...valid, base_url: "mock:Not Valid" }, "base_url: mock:<name>"],
      [{ ...valid, models: { "gpt-5.4": null } }, "models: not anthropic models of the price table: gpt-5.4"],
      [{ ...valid, models: {} }, "models: name at least one model"],
      [{ ...valid, weight: 0 }, "weight"],
      [{ ...valid, name: "env-anthropic" }, "name: another channel has this name"],
      [{ ...valid, vendor: "mistral" }, "vendor"],
    ];
    for (const [body, message] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain(message);
    }
  });

  it("adds, shows by id or name, edits and deletes; an implicit channel keeps its URL and key from the settings", async () => {
    const created = await post({
      ...valid,
      models: { "claude-opus-4-7": null },
      priority: -5,
      enabled: false,
    });
    expect(created.status).toBe(201);
    const { channel } = (await created.json()) as { channel: Record<string, unknown> };
    expect(channel).toMatchObject({
      name: "api-test",
      base_url: "https://api.example.com",
      credential_hint: "sk-ant-…",
      priority: -5,
      weight: 1,
      enabled: false,
      disabled_reason: "disabled by an operator",
      source: "stored",
    });
    const byName = (await (await adminFetch("/channels/api-test")).json()) as { channel: { id: string } };
    expect(byName.channel.id).toBe(channel.id);
    const edited = await adminFetch("/channels/api-test", {
      method: "PATCH",
      body: JSON.stringify({ name: "api-test-2", models: null, weight: 7 }),
    });
    expect(((await edited.json()) as { channel: unknown }).channel).toMatchObject({
      name: "api-test-2",
      models: null,
      weight: 7,
    });
    const envEdit = await adminFetch("/channels/env-anthropic", {
      method: "PATCH",
      body: JSON.stringify({ credential: "sk-ant-new" }),
    });
    expect(envEdit.status).toBe(400);
    expect(((await envEdit.json()) as { error: { message: string } }).error.message).toContain(
      "ANTHROPIC_UPSTREAM_URL / _KEY",
    );
    expect(
      (
        await adminFetch("/channels/env-anthropic", {
          method: "PATCH",
          body: JSON.stringify({ priority: 3 }),
        })
      ).status,
    ).toBe(200);
    expect((await adminFetch("/channels/api-test-2", { method: "DELETE" })).status).toBe(200);
    expect((await adminFetch("/channels/api-test-2")).status).toBe(404);
    expect((await adminFetch("/channels/nope/enable", { method: "POST" })).status).toBe(404);
  });
});
