import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import type { RequestRow } from "../src/account/request-log.ts";

export const BASE = "https://gateway.test";
const ADMIN = { authorization: `Bearer ${env.ADMIN_TOKEN}`, "content-type": "application/json" };

export interface TestKey {
  key: string;
  keyId: string;
  accountId: string;
}

/**
 * A fresh account with one key, made through the admin API as an operator would, funded
 * with `usd` (default $10; "0" leaves it empty).
 */
export async function newAccountWithKey(
  options: { models?: string[]; usd?: string; rpm?: number; tpm?: number } = {},
): Promise<TestKey> {
  const accountRes = await exports.default.fetch(`${BASE}/api/admin/accounts`, {
    method: "POST",
    headers: ADMIN,
    body: JSON.stringify({ name: "test" }),
  });
  const { account } = (await accountRes.json()) as { account: { id: string } };
  const keyRes = await exports.default.fetch(`${BASE}/api/admin/accounts/${account.id}/keys`, {
    method: "POST",
    headers: ADMIN,
    body: JSON.stringify({ name: "k", models: options.models, rpm: options.rpm, tpm: options.tpm }),
  });
  const created = (await keyRes.json()) as { key: string; api_key: { id: string } };
  const usd = options.usd ?? "10";
  if (usd !== "0") await credit(account.id, usd);
  return { key: created.key, keyId: created.api_key.id, accountId: account.id };
}

export function adminFetch(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(`${BASE}/api/admin${path}`, {
    ...init,
    headers: { ...ADMIN, ...init.headers },
  });
}

export interface MessagesCall {
  key: string;
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
  path?: string;
  /** Sets x-mock-scenario for the mock upstream. */
  scenario?: string;
}

export const basicMessage = (extra: Record<string, unknown> = {}) => ({
  model: "claude-sonnet-4-6",
  max_tokens: 256,
  messages: [{ role: "user", content: "Hello gateway" }],
  ...extra,
});

export function callMessages({ key, body, headers, path, scenario }: MessagesCall): Promise<Response> {
  return exports.default.fetch(`${BASE}${path ?? "/api/proxy/v1/messages"}`, {
    method: "POST",
    headers: {
      "x-api-key": key,
      "anthropic-version": "2023-06-01",
      "content-type": "application/json",
      ...(scenario ? { "x-mock-scenario": scenario } : {}),
      ...headers,
    },
    body: JSON.stringify(body ?? basicMessage()),
  });
}

export interface MockSeen {
  method: string;
  path: string;
  search: string;
  headers: Record<string, string>;
  body: unknown;
}

/** What the mock upstream received, newest last. */
export async function mockRequests(): Promise<MockSeen[]> {
  const res = await env.MOCK_UPSTREAM!.fetch("https://mock/_mock/requests");
  return (await res.json()) as MockSeen[];
}

export async function clearMockRequests(): Promise<void> {
  await env.MOCK_UPSTREAM!.fetch("https://mock/_mock/requests", { method: "DELETE" });
}

/** Polls until `read` returns a value: for rows written off the hot path with waitUntil. */
export async function eventually<T>(read: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting for a value");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Splits an Anthropic SSE body into [event, parsed data] pairs. */
export function sseFrames(text: string): Array<{ event: string | undefined; data: { type?: string } }> {
  return text
    .split("\n\n")
    .filter((frame) => frame.trim() !== "")
    .map((frame) => {
      const lines = frame.split("\n");
      const event = lines
        .find((l) => l.startsWith("event:"))
        ?.slice(6)
        .trim();
      const data = lines
        .filter((l) => l.startsWith("data:"))
        .map((l) => l.slice(5).trimStart())
        .join("\n");
      return { event, data: JSON.parse(data) as { type?: string } };
    });
}

/** Credits an account through the admin API (an operator adjustment). */
export async function credit(accountId: string, usd: string, idempotencyKey?: string): Promise<Response> {
  return adminFetch(`/accounts/${accountId}/credit`, {
    method: "POST",
    body: JSON.stringify({ usd, idempotency_key: idempotencyKey }),
  });
}

/** A request's usage row, as the account's Durable Object keeps it, in its storage's column names. */
export type UsageRow = Record<string, string | number | null>;

const usageRowOf = (r: RequestRow): UsageRow => ({
  id: r.id,
  key_id: r.keyId,
  model: r.model,
  format: r.format,
  stream: r.stream ? 1 : 0,
  status: r.status,
  outcome: r.outcome,
  input_tokens: r.inputTokens,
  cache_write_5m_tokens: r.cacheWrite5mTokens,
  cache_write_1h_tokens: r.cacheWrite1hTokens,
  cache_read_tokens: r.cacheReadTokens,
  output_tokens: r.outputTokens,
  thinking_tokens: r.thinkingTokens,
  service_tier: r.serviceTier,
  tool_uses: r.toolUses === null ? null : JSON.stringify(r.toolUses),
  channel: r.channel,
  cost_nano: r.costNano,
  latency_ms: r.latencyMs,
  ttfb_ms: r.ttfbMs,
  created_at: r.createdAt,
});

const accountOf = (accountId: string) => env.ACCOUNTS.get(env.ACCOUNTS.idFromName(accountId));

/**
 * The usage row of a request, looked up in the accounts' Durable Objects (it is written when the
 * request ends, after the answer, so it is polled).
 */
export function usageRow(requestId: string | null): Promise<UsageRow> {
  return eventually(async () => {
    const accounts = await env.DB.prepare("SELECT id FROM accounts").all<{ id: string }>();
    for (const { id } of accounts.results) {
      const row = await accountOf(id).request(id, requestId ?? "");
      if (row) return usageRowOf(row);
    }
    return undefined;
  });
}

/** Every usage row of an account, oldest first. */
export async function usageRows(accountId: string): Promise<UsageRow[]> {
  const usage = await accountOf(accountId).usage(accountId, { limit: 100_000, since: 0, spentSince: 0 });
  return (usage?.requests ?? []).map(usageRowOf).reverse();
}

/** mulberry32: a small seeded generator, so the gateway's random draws (and a test) are the same every run. */
export function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
