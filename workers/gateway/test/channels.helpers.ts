/**
 * Shared by the channel tests: mock channels scripted in the mock upstream (its /ch/<name>
 * channels), gateway channels added through the admin API as an operator would, and what each
 * side saw.
 */
import { env } from "cloudflare:test";
import { expect } from "vitest";
import { adminFetch, eventually, type MockSeen, mockRequests } from "./helpers.ts";

export type MockMode =
  | "ok"
  | "down"
  | "overloaded"
  | "rate-limited"
  | "unauthorized"
  | "error"
  | "stream-error";

let counter = 0;

/** Scripts a fresh mock channel (its own key); returns its name and key. */
export async function mockChannel(
  mode: MockMode = "ok",
  options: { retryAfter?: number; key?: string } = {},
): Promise<{ name: string; key: string }> {
  const name = `m${(counter++).toString(36)}-${crypto.randomUUID().slice(0, 6)}`;
  const key = options.key ?? `mock-key-${name}-${crypto.randomUUID()}`;
  await setMockChannel(name, {
    key,
    mode,
    ...(options.retryAfter ? { retry_after: options.retryAfter } : {}),
  });
  return { name, key };
}

/** Changes a mock channel's mode (or key) at run time. */
export async function setMockChannel(name: string, settings: Record<string, unknown>): Promise<void> {
  const res = await env.MOCK_UPSTREAM!.fetch(`https://mock/_mock/channels/${name}`, {
    method: "PUT",
    body: JSON.stringify(settings),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

/** Requests that reached the mock channel, whatever it answered. */
export async function mockChannelHits(name: string): Promise<number> {
  const res = await env.MOCK_UPSTREAM!.fetch("https://mock/_mock/channels");
  const list = (await res.json()) as Array<{ name: string; requests: number }>;
  return list.find((c) => c.name === name)?.requests ?? 0;
}

export type ChannelSeen = MockSeen & { channel: string | null };

/** Every request the mock received whose body contains `mark` (each attempt), in order. */
export async function attemptsOf(mark: string): Promise<ChannelSeen[]> {
  return eventually(async () => {
    const seen = (await mockRequests()).filter((r) => JSON.stringify(r.body).includes(mark)) as ChannelSeen[];
    return seen.length ? seen : undefined;
  });
}

/** The request of `mark` the mock answered last: the attempt that served it (or failed last). */
export async function seenBy(mark: string): Promise<ChannelSeen> {
  return (await attemptsOf(mark)).at(-1)!;
}

export interface ChannelJson {
  id: string;
  name: string;
  vendor: string;
  source: string;
  base_url: string;
  credential_hint: string | null;
  models: Record<string, string | null> | null;
  priority: number;
  weight: number;
  enabled: boolean;
  disabled_reason: string | null;
}

/** Adds a gateway channel through the admin API; the mock channel `mock` is its upstream. */
export async function addChannel(
  mock: { name: string; key: string },
  options: {
    vendor?: "anthropic" | "openai";
    priority?: number;
    weight?: number;
    models?: Record<string, string | null>;
  } = {},
): Promise<ChannelJson> {
  const res = await adminFetch("/channels", {
    method: "POST",
    body: JSON.stringify({
      name: mock.name,
      vendor: options.vendor ?? "anthropic",
      base_url: `mock:${mock.name}`,
      credential: mock.key,
      priority: options.priority ?? 10,
      ...(options.weight !== undefined ? { weight: options.weight } : {}),
      ...(options.models ? { models: options.models } : {}),
    }),
  });
  const text = await res.text();
  expect(res.status, text).toBe(201);
  return (JSON.parse(text) as { channel: ChannelJson }).channel;
}

export interface CircuitJson {
  state: "closed" | "open" | "half_open";
  reopens_at: number | null;
  last_failure: { kind: string; status: number | null; at: number } | null;
}

export interface ChannelView extends ChannelJson {
  health: CircuitJson & { status: string; models: Array<CircuitJson & { model: string }> };
  last_hour: Record<string, number>;
  last_day: Record<string, number>;
}

export async function listChannels(): Promise<ChannelView[]> {
  const res = await adminFetch("/channels");
  expect(res.status).toBe(200);
  return ((await res.json()) as { channels: ChannelView[] }).channels;
}

export async function channelView(id: string): Promise<ChannelView> {
  const found = (await listChannels()).find((c) => c.id === id);
  if (!found) throw new Error(`no channel ${id}`);
  return found;
}

/** Polls the admin API until the channel's view satisfies `ok`. */
export function channelWhen(id: string, ok: (view: ChannelView) => boolean): Promise<ChannelView> {
  return eventually(async () => {
    const view = await channelView(id);
    return ok(view) ? view : undefined;
  });
}

export const channelAction = (id: string, action: "enable" | "disable") =>
  adminFetch(`/channels/${id}/${action}`, { method: "POST" });

/** Deletes every stored channel and restores the implicit ones: each test starts from the settings alone. */
export async function resetChannels(): Promise<void> {
  for (const channel of await listChannels()) {
    if (channel.source === "stored") {
      await adminFetch(`/channels/${channel.id}`, { method: "DELETE" });
      continue;
    }
    if (channel.priority !== 0 || channel.weight !== 1 || channel.models !== null)
      await adminFetch(`/channels/${channel.id}`, {
        method: "PATCH",
        body: JSON.stringify({ priority: 0, weight: 1, models: null }),
      });
    if (!channel.enabled) await channelAction(channel.id, "enable");
  }
}

/** Leaves only the stored channels a test adds: the implicit ones are disabled. */
export async function withoutImplicitChannels(): Promise<void> {
  for (const id of ["env-anthropic", "env-openai"])
    expect((await channelAction(id, "disable")).status).toBe(200);
}
