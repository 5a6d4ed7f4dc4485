/**
 * Channel credentials: sealed at rest (AES-GCM under CHANNEL_CREDENTIALS_KEY, bound to their
 * channel), never in any response, log line or error; the key rotated with re-encryption.
 */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openCredential, sealCredential } from "../src/channels/credentials.ts";
import app from "../src/index.ts";
import {
  addChannel,
  channelAction,
  listChannels,
  mockChannel,
  resetChannels,
  seenBy,
  setMockChannel,
  withoutImplicitChannels,
} from "./channels.helpers.ts";
import { adminFetch, BASE, basicMessage, callMessages, newAccountWithKey, type TestKey } from "./helpers.ts";
import { callProxy, marker, requestBody } from "./metering.helpers.ts";

/** A distinctive credential: none of its pieces may ever come back. */
const SECRET = "sk-ant-api03-ZZsecretMiddlePartZZ-0123456789abcdefWXYZ";
const PIECES = [SECRET, "ZZsecretMiddlePartZZ", "0123456789abcdef"];

let caller: TestKey;
let logged: string[] = [];

beforeAll(async () => {
  caller = await newAccountWithKey({ usd: "5", rpm: 10_000 });
});

/** Every console line from here on, to check that no credential was written. */
function captureLogs() {
  logged = [];
  for (const level of ["log", "info", "warn", "error", "debug"] as const)
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(" "));
    });
}

afterEach(() => vi.restoreAllMocks());

const expectNoSecret = (text: string, where: string) => {
  for (const piece of PIECES) expect(text, where).not.toContain(piece);
};

/** The admin API under another environment (other secrets). */
async function adminWith(overrides: Partial<Env>, path: string, init: RequestInit = {}) {
  const ctx = createExecutionContext();
  const res = await app.fetch(
    new Request(`${BASE}/api/admin${path}`, {
      ...init,
      headers: { authorization: `Bearer ${env.ADMIN_TOKEN}`, "content-type": "application/json" },
    }),
    { ...env, ...overrides },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

describe("at rest", () => {
  it("D1 holds a sealed credential bound to its channel, and a hint", async () => {
    await resetChannels();
    const mock = await mockChannel("ok", { key: SECRET });
    const one = await addChannel(mock);
    const row = await env.DB.prepare("SELECT * FROM channels WHERE id = ?")
      .bind(one.id)
      .first<Record<string, string>>();
    expectNoSecret(JSON.stringify(row), "the D1 row");
    expect(row!.credential_ciphertext).toMatch(/^v1\.[0-9a-f]{8}\.[\w-]+\.[\w-]+$/);
    expect(row!.credential_hint).toBe("sk-ant-api03-…WXYZ");
    expect(await openCredential(env, one.id, row!.credential_ciphertext!)).toBe(SECRET);
    // Another channel's id, another key, a flipped byte: nothing opens.
    expect(await openCredential(env, "ch_someoneElse", row!.credential_ciphertext!)).toBeUndefined();
    expect(
      await openCredential({ CHANNEL_CREDENTIALS_KEY: "x".repeat(40) }, one.id, row!.credential_ciphertext!),
    ).toBeUndefined();
    const sealed = row!.credential_ciphertext!;
    const at = sealed.length - 10;
    const tampered = sealed.slice(0, at) + (sealed[at] === "A" ? "B" : "A") + sealed.slice(at + 1);
    expect(await openCredential(env, one.id, tampered)).toBeUndefined();
    // The same credential sealed twice differs (a fresh IV each time).
    expect(await sealCredential(env, one.id, SECRET)).not.toBe(await sealCredential(env, one.id, SECRET));
  });

  it("a credential cannot be stored without CHANNEL_CREDENTIALS_KEY: a 500 that says so, and nothing stored", async () => {
    const res = await adminWith({ CHANNEL_CREDENTIALS_KEY: undefined }, "/channels", {
      method: "POST",
      body: JSON.stringify({
        name: "nokey",
        vendor: "anthropic",
        base_url: "mock:nokey",
        credential: SECRET,
      }),
    });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).toContain("CHANNEL_CREDENTIALS_KEY is not set");
    expectNoSecret(text, "the error");
    expect((await listChannels()).some((c) => c.name === "nokey")).toBe(false);
  });
});

describe("never in a response, a log line or an error", () => {
  it("through the admin API's every answer, its refusals, and a request in each failure mode", async () => {
    await resetChannels();
    captureLogs();
    const bodies: string[] = [];
    const keep = async (res: Response) => {
      const text = await res.text();
      bodies.push(`${res.status} ${[...res.headers].join(" ")} ${text}`);
      return text;
    };
    const mock = await mockChannel("ok", { key: SECRET });
    const created = await adminFetch("/channels", {
      method: "POST",
      body: JSON.stringify({
        name: mock.name,
        vendor: "anthropic",
        base_url: `mock:${mock.name}`,
        credential: SECRET,
        priority: 20,
      }),
    });
    const { channel } = JSON.parse(await keep(created)) as {
      channel: { id: string; credential_hint: string };
    };
    expect(channel.credential_hint).toBe("sk-ant-api03-…WXYZ");
    // Refusals that name the request's fields must not echo the credential.
    for (const bad of [
      { name: "x", vendor: "anthropic", base_url: `https://user:${SECRET}@example.com`, credential: SECRET },
      {
        name: "x",
        vendor: "anthropic",
        base_url: "https://example.com",
        credential: SECRET,
        models: { "gpt-5.4": null },
      },
      { name: mock.name, vendor: "anthropic", base_url: "https://example.com", credential: SECRET },
      { name: "x", vendor: "mistral", base_url: "https://example.com", credential: SECRET },
      { name: "x", vendor: "anthropic", base_url: "https://example.com", credential: SECRET, extra: SECRET },
    ])
      expect((await adminFetch("/channels", { method: "POST", body: JSON.stringify(bad) })).status).toBe(400);
    for (const res of await Promise.all([
      adminFetch("/channels", {
        method: "POST",
        body: JSON.stringify({
          name: "x",
          vendor: "anthropic",
          base_url: "https://user:pw@example.com",
          credential: SECRET,
        }),
      }),
      adminFetch("/channels"),
      adminFetch(`/channels/${channel.id}`),
      adminFetch(`/channels/${channel.id}`, {
        method: "PATCH",
        body: JSON.stringify({ credential: SECRET, weight: 2 }),
      }),
    ]))
      await keep(res);

    // Served; then refused by the vendor (a Chat caller on Claude, so the error is translated);
    // then every channel failing. The client never sees the credential, nor does the log.
    const served = marker();
    await keep(
      await callMessages({
        key: caller.key,
        body: basicMessage({ messages: [{ role: "user", content: served }] }),
      }),
    );
    expect((await seenBy(served)).headers["x-api-key"]).toBe(SECRET);
    await setMockChannel(mock.name, { mode: "unauthorized" });
    await keep(await callProxy("chat", caller.key, requestBody("chat", "claude-sonnet-4-6", "hi")));
    await keep(await channelAction(channel.id, "enable"));
    await setMockChannel(mock.name, { mode: "down" });
    await keep(await callMessages({ key: caller.key, body: basicMessage({ stream: true }) }));
    await keep(await adminFetch(`/channels/${channel.id}`, { method: "DELETE" }));

    for (const body of bodies) expectNoSecret(body, body.slice(0, 200));
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.some((l) => l.includes("upstream credential refused"))).toBe(true);
    for (const line of logged) expectNoSecret(line, line.slice(0, 200));
  });

  it("an OpenAI vendor's 401, which quotes part of the key, is never relayed", async () => {
    await resetChannels();
    await withoutImplicitChannels();
    const key = "sk-proj-ZZsecretMiddlePartZZ-0123456789abcdef";
    const mock = await mockChannel("ok", { key: "the-key-the-mock-wants" });
    await addChannel({ name: mock.name, key }, { vendor: "openai", priority: 20 });
    captureLogs();
    const res = await callProxy("chat", caller.key, requestBody("chat", "gpt-5.4", "hi"));
    expect(res.status).toBe(502);
    const text = await res.text();
    expect(text).toContain("The upstream provider refused the request.");
    for (const piece of ["ZZsecret", "0123", "cdef", "sk-proj"]) expect(text).not.toContain(piece);
    for (const line of logged) expect(line).not.toContain("ZZsecret");
  });
});

describe("rotating CHANNEL_CREDENTIALS_KEY", () => {
  it("the old key stays readable as _PREVIOUS until reencrypt seals every credential under the new one", async () => {
    await resetChannels();
    const oldKey = env.CHANNEL_CREDENTIALS_KEY!;
    const newKey = "a-brand-new-channel-credentials-key-0000000000";
    const mock = await mockChannel("ok", { key: SECRET });
    const channel = await addChannel(mock, { priority: 20 });
    const sealedBefore = (await env.DB.prepare("SELECT credential_ciphertext AS c FROM channels WHERE id = ?")
      .bind(channel.id)
      .first<{ c: string }>())!.c;

    const rotated = { CHANNEL_CREDENTIALS_KEY: newKey, CHANNEL_CREDENTIALS_KEY_PREVIOUS: oldKey };
    const res = await adminWith(rotated, "/channels/reencrypt", { method: "POST" });
    expect(res.status).toBe(200);
    const report = (await res.json()) as { key_id: string; reencrypted: string[]; unreadable: string[] };
    expect(report.reencrypted).toContain(channel.id);
    expect(report.unreadable).toEqual([]);
    const sealedAfter = (await env.DB.prepare("SELECT credential_ciphertext AS c FROM channels WHERE id = ?")
      .bind(channel.id)
      .first<{ c: string }>())!.c;
    expect(sealedAfter.split(".")[1]).toBe(report.key_id);
    expect(sealedAfter.split(".")[1]).not.toBe(sealedBefore.split(".")[1]);
    expect(await openCredential({ CHANNEL_CREDENTIALS_KEY: newKey }, channel.id, sealedAfter)).toBe(SECRET);
    expect(
      await openCredential({ CHANNEL_CREDENTIALS_KEY: oldKey }, channel.id, sealedAfter),
    ).toBeUndefined();

    // A second run has nothing left to do.
    const again = (await (await adminWith(rotated, "/channels/reencrypt", { method: "POST" })).json()) as {
      reencrypted: string[];
    };
    expect(again.reencrypted).toEqual([]);

    // Served with the new key alone.
    const mark = marker();
    const ctx = createExecutionContext();
    const served = await app.fetch(
      new Request(`${BASE}/api/proxy/v1/messages`, {
        method: "POST",
        headers: { "x-api-key": caller.key, "content-type": "application/json" },
        body: JSON.stringify(basicMessage({ messages: [{ role: "user", content: mark }] })),
      }),
      { ...env, CHANNEL_CREDENTIALS_KEY: newKey },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(served.status).toBe(200);
    expect((await seenBy(mark)).channel).toBe(mock.name);
  });
});
