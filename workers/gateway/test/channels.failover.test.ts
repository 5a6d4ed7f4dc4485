/**
 * Issue "Upstream channels": failover before the first byte, with two and three mock channels
 * (one down, one 529, one 429 with retry-after, one with a broken credential), circuits that
 * open and close as traffic proves them, one reservation and one charge per request.
 */

import { estimateTokens } from "@cc/formats";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  addChannel,
  attemptsOf,
  channelAction,
  channelView,
  channelWhen,
  mockChannel,
  mockChannelHits,
  resetChannels,
  seenBy,
  setMockChannel,
  withoutImplicitChannels,
} from "./channels.helpers.ts";
import { basicMessage, callMessages, newAccountWithKey, type TestKey } from "./helpers.ts";
import {
  callProxy,
  costOf,
  estimateOf,
  expectBooksBalance,
  marker,
  mockInputTokens,
  readSse,
  requestBody,
  usageRow,
  usageRows,
} from "./metering.helpers.ts";

const CLAUDE = "claude-sonnet-4-6";

let caller: TestKey;

beforeEach(async () => {
  await resetChannels();
  await withoutImplicitChannels();
  caller = await newAccountWithKey({ usd: "5", rpm: 10_000 });
});

afterEach(() => vi.restoreAllMocks());

/** A text request to Claude whose body carries `mark`; the served answer's exact cost. */
async function served(mark: string, options: { stream?: boolean } = {}) {
  const res = await callProxy(
    "messages",
    caller.key,
    requestBody("messages", CLAUDE, `hello ${mark}`, options),
  );
  const id = res.headers.get("request-id")!;
  const text = options.stream ? (await readSse("messages", res)).text : "";
  const body = options.stream ? undefined : ((await res.json()) as { content?: Array<{ text: string }> });
  return { res, id, text, body };
}

describe("two channels, one down", () => {
  it("every request succeeds through the healthy one; the down channel's circuit opens and it is left alone", async () => {
    const down = await mockChannel("down");
    const healthy = await mockChannel("ok");
    const a = await addChannel(down, { priority: 20 });
    const b = await addChannel(healthy, { priority: 10 });

    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const mark = marker();
      const { res, id, body } = await served(mark);
      expect(res.status).toBe(200);
      expect(body?.content?.[0]?.text).toContain(mark);
      expect((await seenBy(mark)).channel).toBe(healthy.name);
      expect(await usageRow(id)).toMatchObject({ channel: b.id, outcome: "ok", status: 200 });
      ids.push(id);
    }
    expect(await mockChannelHits(down.name)).toBe(3);
    const opened = await channelWhen(a.id, (v) => v.health.state === "open");
    expect(opened.health).toMatchObject({ status: "open", last_failure: { kind: "connect", status: null } });
    expect(opened.health.reopens_at).toBeGreaterThan(Date.now());

    // Open: skipped, no attempt at all.
    for (let i = 0; i < 3; i++) {
      const { res, id } = await served(marker());
      expect(res.status).toBe(200);
      ids.push(id);
    }
    expect(await mockChannelHits(down.name)).toBe(3);
    expect(await mockChannelHits(healthy.name)).toBe(6);

    // One usage row and one charge per request, each at the healthy channel's answer; nothing left reserved.
    const books = await expectBooksBalance(caller.accountId);
    const rows = await usageRows(caller.accountId);
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(rows.every((r) => r.channel === b.id)).toBe(true);
    expect(books.charged).toBe(rows.reduce((n, r) => n + Number(r.cost_nano), 0));

    const view = await channelView(b.id);
    expect(view.last_hour).toMatchObject({ requests: 6, errors: 0, failed_attempts: 0 });
    expect(view.last_hour.output_tokens).toBeGreaterThan(0);
    expect((await channelView(a.id)).last_hour).toMatchObject({ requests: 0, failed_attempts: 3 });
  });
});

describe("three channels: 529, 429 with retry-after, healthy", () => {
  it("a request fails over twice and is charged once, at the healthy channel's usage", async () => {
    const busy = await mockChannel("overloaded");
    const limited = await mockChannel("rate-limited", { retryAfter: 30 });
    const healthy = await mockChannel("ok");
    const a = await addChannel(busy, { priority: 30 });
    const b = await addChannel(limited, { priority: 20 });
    const c = await addChannel(healthy, { priority: 10 });

    const mark = marker();
    const { res, id, text } = await served(mark, { stream: true });
    expect(res.status).toBe(200);
    expect(text).toContain(mark);
    // Three attempts, one admission: the key's window counts one request.
    expect(res.headers.get("anthropic-ratelimit-requests-remaining")).toBe("9999");
    const attempts = await attemptsOf(mark);
    expect(attempts.map((a) => a.channel)).toEqual([busy.name, limited.name, healthy.name]);
    const seen = attempts[2]!;
    const row = await usageRow(id);
    expect(row).toMatchObject({ channel: c.id, outcome: "ok" });
    expect(row.cost_nano).toBe(
      costOf(CLAUDE, { input: await mockInputTokens(seen), output: estimateTokens(text) }),
    );
    const books = await expectBooksBalance(caller.accountId);
    expect(books.charged).toBe(row.cost_nano);
    expect(await usageRows(caller.accountId)).toHaveLength(1);

    // The 429 named its wait: that model's circuit opened at once, for about that long.
    const limitedView = await channelWhen(b.id, (v) => v.health.models.some((m) => m.state === "open"));
    expect(limitedView.health.status).toBe("degraded");
    const circuit = limitedView.health.models.find((m) => m.model === CLAUDE)!;
    expect(circuit.last_failure).toMatchObject({ kind: "rate_limited", status: 429 });
    expect(circuit.reopens_at! - Date.now()).toBeGreaterThan(20_000);
    // The 529 counts; after three, its model circuit opens too.
    await served(marker());
    await served(marker());
    const busyView = await channelWhen(a.id, (v) => v.health.models.some((m) => m.state === "open"));
    expect(busyView.health.models[0]).toMatchObject({
      model: CLAUDE,
      last_failure: { kind: "overloaded", status: 529 },
    });
    const before = { busy: await mockChannelHits(busy.name), limited: await mockChannelHits(limited.name) };
    expect((await served(marker())).res.status).toBe(200);
    expect(await mockChannelHits(busy.name)).toBe(before.busy);
    expect(await mockChannelHits(limited.name)).toBe(before.limited);
  });
});

describe("a broken credential", () => {
  it("is disabled with an error line, never the key; requests succeed through the healthy channel", async () => {
    const error = vi.spyOn(console, "error");
    const warn = vi.spyOn(console, "warn");
    // The gateway holds a key the mock channel does not accept (a revoked key).
    const broken = await mockChannel("ok", { key: "sk-ant-api03-theRightKey-0000000000000000" });
    const healthy = await mockChannel("ok");
    const a = await addChannel(
      { name: broken.name, key: "sk-ant-api03-aRevokedKey-1111111111111111" },
      { priority: 20 },
    );
    await addChannel(healthy, { priority: 10 });

    const mark = marker();
    const { res } = await served(mark);
    expect(res.status).toBe(200);
    expect((await seenBy(mark)).channel).toBe(healthy.name);
    const disabled = await channelWhen(a.id, (v) => !v.enabled);
    expect(disabled.disabled_reason).toMatch(/^credential refused \(401\)/);
    expect(disabled.health.status).toBe("disabled");
    const lines = [...error.mock.calls, ...warn.mock.calls].map((call) => String(call[0]));
    expect(lines.some((l) => l.includes('"upstream credential refused"') && l.includes(a.id))).toBe(true);
    expect(lines.join("\n")).not.toContain("aRevokedKey");
    expect(lines.join("\n")).not.toContain("theRightKey");

    // Disabled: never tried again, until an operator fixes the key and enables it.
    const hits = await mockChannelHits(broken.name);
    expect((await served(marker())).res.status).toBe(200);
    expect(await mockChannelHits(broken.name)).toBe(hits);
    await setMockChannel(broken.name, { key: "sk-ant-api03-aRevokedKey-1111111111111111" });
    expect((await channelAction(a.id, "enable")).status).toBe(200);
    const next = marker();
    expect((await served(next)).res.status).toBe(200);
    expect((await seenBy(next)).channel).toBe(broken.name);
  });
});

describe("circuits close as traffic proves them", () => {
  it("open for the vendor's retry-after, then half-open: one live request probes, succeeds, and closes it", async () => {
    const flaky = await mockChannel("rate-limited", { retryAfter: 1 });
    const healthy = await mockChannel("ok");
    const a = await addChannel(flaky, { priority: 20 });
    await addChannel(healthy, { priority: 10 });

    expect((await served(marker())).res.status).toBe(200);
    await channelWhen(a.id, (v) => v.health.models.some((m) => m.state === "open"));
    await setMockChannel(flaky.name, { mode: "ok" });
    // Still open: left alone even though it would now answer.
    const hits = await mockChannelHits(flaky.name);
    const during = marker();
    expect((await served(during)).res.status).toBe(200);
    expect((await seenBy(during)).channel).toBe(healthy.name);
    expect(await mockChannelHits(flaky.name)).toBe(hits);

    await channelWhen(a.id, (v) => v.health.models.some((m) => m.state === "half_open"));
    const probe = marker();
    expect((await served(probe)).res.status).toBe(200);
    expect((await seenBy(probe)).channel).toBe(flaky.name);
    const closed = await channelWhen(a.id, (v) => v.health.status === "healthy");
    expect(closed.health.models.every((m) => m.state === "closed")).toBe(true);
  });
});

describe("no failover after the first byte", () => {
  it("a stream that breaks mid-way ends with an error frame, is billed by the metering rules, and no other channel is tried", async () => {
    const breaking = await mockChannel("stream-error");
    const healthy = await mockChannel("ok");
    const a = await addChannel(breaking, { priority: 20 });
    await addChannel(healthy, { priority: 10 });

    const mark = marker();
    const res = await callProxy(
      "messages",
      caller.key,
      requestBody("messages", CLAUDE, `Tell me a story about failover, please ${mark}`, { stream: true }),
    );
    expect(res.status).toBe(200);
    const read = await readSse("messages", res);
    const last = read.events.at(-1)!;
    expect(last.event).toBe("error");
    expect(await mockChannelHits(healthy.name)).toBe(0);
    const seen = await seenBy(mark);
    expect(seen.channel).toBe(breaking.name);
    const row = await usageRow(res.headers.get("request-id"));
    expect(row).toMatchObject({ channel: a.id, outcome: "stream_error" });
    // Claude reported its input at message_start; the output is what the client was relayed.
    const input = Math.max(await mockInputTokens(seen), estimateOf(seen.body));
    expect(row.cost_nano).toBe(costOf(CLAUDE, { input, output: Math.max(1, estimateTokens(read.text)) }));
    await expectBooksBalance(caller.accountId);
  });
});

describe("every channel failing", () => {
  it.each([
    ["down and 500", ["down", "error"], 502, "api_error"],
    ["two 529s", ["overloaded", "overloaded"], 529, "overloaded_error"],
    ["two 429s", ["rate-limited", "rate-limited"], 429, "rate_limit_error"],
  ] as const)(
    "%s: the vendor-style error in the caller's format, nothing charged",
    async (_name, modes, status, type) => {
      const mocks = [
        await mockChannel(modes[0], { retryAfter: 7 }),
        await mockChannel(modes[1], { retryAfter: 3 }),
      ];
      await addChannel(mocks[0]!, { priority: 20 });
      const last = await addChannel(mocks[1]!, { priority: 10 });
      const res = await callMessages({ key: caller.key, body: basicMessage() });
      expect(res.status).toBe(status);
      const body = (await res.json()) as { type: string; error: { type: string; message: string } };
      expect(body).toMatchObject({ type: "error", error: { type } });
      if (status === 502) expect(body.error.message).toContain("temporarily unavailable");
      if (status === 429) expect(res.headers.get("retry-after")).toBe("3");
      const row = await usageRow(res.headers.get("request-id"));
      expect(row).toMatchObject({ outcome: "upstream_error", cost_nano: 0, channel: last.id });
      const books = await expectBooksBalance(caller.accountId);
      expect(books.charged + 0).toBe(0);
    },
  );

  it("OpenAI's insufficient_quota (an account out of credit) opens the whole channel at once; our outage, not the caller's rate limit", async () => {
    const mocks = [await mockChannel("ok"), await mockChannel("ok")];
    const channels = [
      await addChannel(mocks[0]!, { vendor: "openai", priority: 20 }),
      await addChannel(mocks[1]!, { vendor: "openai", priority: 10 }),
    ];
    const res = await callProxy("chat", caller.key, requestBody("chat", "gpt-5.4", "hi"), {
      scenario: "error; status=429; code=insufficient_quota",
    });
    expect(res.status).toBe(502);
    for (const channel of channels) {
      const view = await channelWhen(channel.id, (v) => v.health.state === "open");
      expect(view.health.last_failure).toMatchObject({ kind: "quota", status: 429 });
      expect(view.health.reopens_at! - Date.now()).toBeGreaterThan(200_000);
    }
  });

  it("in OpenAI's format for an OpenAI caller, failing over between OpenAI channels", async () => {
    const busy = await mockChannel("overloaded");
    const healthy = await mockChannel("ok");
    await addChannel(busy, { vendor: "openai", priority: 20 });
    const b = await addChannel(healthy, { vendor: "openai", priority: 10 });
    const mark = marker();
    const ok = await callProxy("chat", caller.key, requestBody("chat", "gpt-5.4", `hi ${mark}`));
    expect(ok.status).toBe(200);
    expect((await seenBy(mark)).channel).toBe(healthy.name);
    expect(await usageRow(ok.headers.get("request-id"))).toMatchObject({ channel: b.id });
    await setMockChannel(healthy.name, { mode: "down" });
    const failed = await callProxy("responses", caller.key, requestBody("responses", "gpt-5.4", "hi"));
    expect(failed.status).toBe(502);
    expect(((await failed.json()) as { error: { message: string } }).error.message).toContain(
      "temporarily unavailable",
    );
  });
});
