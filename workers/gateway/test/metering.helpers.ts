/**
 * Shared by the metering tests: one request in each caller format, the SSE a client reads, the
 * text of the deltas it was relayed, and the account's books (balance, open reservations,
 * usage rows, ledger) as an operator would check them.
 */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { cost, DEFAULT_PRICE_TABLE, planFor, priceFor } from "@cc/billing";
import { estimateTokens, type UsageRecord } from "@cc/formats";
import { expect } from "vitest";
import app from "../src/index.ts";
import { adminFetch, BASE, eventually, type MockSeen, mockRequests, usageRows } from "./helpers.ts";

export { type UsageRow, usageRow, usageRows } from "./helpers.ts";

export const FORMATS = ["messages", "chat", "responses", "gemini"] as const;
export type Format = (typeof FORMATS)[number];
export const VENDORS = { claude: "claude-sonnet-4-6", gpt: "gpt-5.4", gemini: "gemini-2.5-flash" } as const;
export type Vendor = keyof typeof VENDORS;

const PATHS: Record<Exclude<Format, "gemini">, string> = {
  messages: "/api/proxy/v1/messages",
  chat: "/api/proxy/v1/chat/completions",
  responses: "/api/proxy/v1/responses",
};

/** Marks a Gemini body as streamed: the path says it, not the body (JSON.stringify skips it). */
const GEMINI_STREAM = Symbol("stream");

/**
 * A request's path: Gemini names the model (the body's `models/<id>`, or the table's Gemini model
 * for a body that names none readable) and whether it streams.
 */
function pathOf(format: Format, body: unknown, stream: boolean): string {
  if (format !== "gemini") return PATHS[format];
  let named: unknown;
  try {
    named = (typeof body === "string" ? JSON.parse(body) : body)?.model;
  } catch {
    named = undefined;
  }
  const model = typeof named === "string" ? named.replace(/^models\//, "") : VENDORS.gemini;
  const streamed = stream || (typeof body === "object" && body !== null && GEMINI_STREAM in body);
  return `/api/proxy/v1beta/models/${model}:${streamed ? "streamGenerateContent?alt=sse" : "generateContent"}`;
}

let counter = 0;
/** A marker that makes each request's text unique, to find it in the mock's request log. */
export const marker = () => `m${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A minimal text request in `format` for `model`; `text` is the user's message. */
export function requestBody(
  format: Format,
  model: string,
  text: string,
  options: { stream?: boolean; maxTokens?: number; extra?: Record<string, unknown> } = {},
): Record<string, unknown> {
  const stream = options.stream ?? false;
  const cap = options.maxTokens ?? 1_000;
  if (format === "gemini") {
    // The model goes in the path (and, as Google allows, in the body); streaming is the path's too.
    return {
      model: `models/${model}`,
      contents: [{ role: "user", parts: [{ text }] }],
      generationConfig: { maxOutputTokens: cap },
      ...options.extra,
      ...(stream ? { [GEMINI_STREAM]: true } : {}),
    };
  }
  const base =
    format === "messages"
      ? { model, max_tokens: cap, messages: [{ role: "user", content: text }] }
      : format === "chat"
        ? { model, max_completion_tokens: cap, messages: [{ role: "user", content: text }] }
        : { model, max_output_tokens: cap, input: text };
  return { ...base, ...(stream ? { stream: true } : {}), ...options.extra };
}

/** Calls the proxy in `format` with `key`; `scenario` goes to the mock; `envOverride` replaces vars. */
export async function callProxy(
  format: Format,
  key: string,
  body: unknown,
  options: {
    scenario?: string;
    envOverride?: Partial<Env>;
    headers?: Record<string, string>;
    /** Gemini: stream (the path says it, not the body). */
    stream?: boolean;
  } = {},
): Promise<Response> {
  const path = pathOf(format, body, options.stream === true);
  const headers: Record<string, string> = {
    authorization: `Bearer ${key}`,
    "content-type": "application/json",
    ...(format === "messages" ? { "anthropic-version": "2023-06-01" } : {}),
    ...(options.scenario ? { "x-mock-scenario": options.scenario } : {}),
    ...options.headers,
  };
  const init = { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) };
  if (!options.envOverride) return exports.default.fetch(`${BASE}${path}`, init);
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${BASE}${path}`, init), { ...env, ...options.envOverride }, ctx);
  // The settlement runs in waitUntil: let it finish before the test reads the books.
  void waitOnExecutionContext(ctx);
  return res;
}

export interface SseRead {
  /** Every complete event the client read, parsed. */
  events: Array<{ event: string | undefined; data: Record<string, unknown> | "[DONE]" }>;
  /** The generated text in the deltas the client read, and the thinking apart. */
  text: string;
  thinking: string;
}

/** The text a client-format delta carries (what the gateway relayed as generated output). */
function deltaText(format: Format, data: Record<string, unknown>): { text: string; thinking: string } {
  if (format === "messages" && data.type === "content_block_delta") {
    const d = data.delta as Record<string, string>;
    return { text: d.text ?? d.partial_json ?? "", thinking: d.thinking ?? "" };
  }
  if (format === "chat") {
    const d = ((data.choices as Array<{ delta?: Record<string, unknown> }> | undefined)?.[0]?.delta ??
      {}) as {
      content?: string | null;
      reasoning_content?: string;
      tool_calls?: Array<{ function?: { arguments?: string } }>;
    };
    const args = (d.tool_calls ?? []).map((t) => t.function?.arguments ?? "").join("");
    return { text: (d.content ?? "") + args, thinking: d.reasoning_content ?? "" };
  }
  if (format === "gemini") {
    const parts = ((
      data.candidates as Array<{ content?: { parts?: Array<Record<string, unknown>> } }> | undefined
    )?.[0]?.content?.parts ?? []) as Array<{
      text?: string;
      thought?: boolean;
      functionCall?: { args?: unknown };
    }>;
    let text = "";
    let thinking = "";
    for (const p of parts) {
      if (p.thought) thinking += p.text ?? "";
      else if (p.functionCall) text += JSON.stringify(p.functionCall.args ?? {});
      else text += p.text ?? "";
    }
    return { text, thinking };
  }
  if (format === "responses" && typeof data.type === "string" && data.type.endsWith(".delta")) {
    const delta = String(data.delta ?? "");
    return data.type.includes("reasoning") ? { text: "", thinking: delta } : { text: delta, thinking: "" };
  }
  return { text: "", thinking: "" };
}

/**
 * Reads an SSE answer as a client would; with `stopAfterDeltas`, hangs up (cancels the body)
 * right after reading that many text deltas.
 */
export async function readSse(format: Format, res: Response, stopAfterDeltas?: number): Promise<SseRead> {
  const reader = res.body!.getReader();
  const utf8 = new TextDecoder();
  const out: SseRead = { events: [], text: "", thinking: "" };
  let buffer = "";
  let deltas = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    // Gemini frames end with CRLF CRLF: read every line break as LF.
    buffer = (buffer + utf8.decode(value, { stream: true })).replace(/\r\n/g, "\n");
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf("\n\n");
      const lines = frame.split("\n");
      const event = lines
        .find((l) => l.startsWith("event:"))
        ?.slice(6)
        .trim();
      const raw = lines
        .filter((l) => l.startsWith("data:"))
        .map((l) => l.slice(5).trimStart())
        .join("\n");
      if (raw === "") continue;
      let data: Record<string, unknown> | "[DONE]";
      try {
        data = raw === "[DONE]" ? "[DONE]" : (JSON.parse(raw) as Record<string, unknown>);
      } catch {
        // A garbled frame relayed as the upstream sent it: the client sees it, nothing is generated.
        out.events.push({ event, data: { unreadable: raw } });
        continue;
      }
      out.events.push({ event, data });
      if (data === "[DONE]") continue;
      const piece = deltaText(format, data);
      out.text += piece.text;
      out.thinking += piece.thinking;
      if (piece.text !== "" || piece.thinking !== "") deltas++;
      if (stopAfterDeltas !== undefined && deltas >= stopAfterDeltas) {
        await reader.cancel();
        return out;
      }
    }
  }
  return out;
}

/** The request the mock received whose body contains `mark`. */
export async function seenUpstream(mark: string): Promise<MockSeen> {
  return eventually(async () => (await mockRequests()).find((r) => JSON.stringify(r.body).includes(mark)));
}

/** Admission's input estimate of an upstream body: its JSON's UTF-8 bytes / 4, rounded up. */
export const estimateOf = (body: unknown): number => estimateTokens(JSON.stringify(body));

/** The input tokens the mock counts for a body it received (Anthropic count_tokens or Responses input_tokens). */
export async function mockInputTokens(seen: MockSeen): Promise<number> {
  if (seen.path.includes("/models/")) {
    // Gemini: the counter of the same model, over the whole request.
    const model = /models\/([^:]+):/.exec(seen.path)?.[1];
    const { model: _model, ...request } = seen.body as Record<string, unknown>;
    const res = await env.MOCK_UPSTREAM!.fetch(`https://mock/v1beta/models/${model}:countTokens`, {
      method: "POST",
      headers: { "x-goog-api-key": env.GEMINI_UPSTREAM_KEY ?? "", "content-type": "application/json" },
      body: JSON.stringify({ generateContentRequest: request }),
    });
    return ((await res.json()) as { totalTokens: number }).totalTokens;
  }
  const anthropic = seen.path === "/v1/messages";
  const { stream: _s, max_tokens: _m, max_output_tokens: _o, ...body } = seen.body as Record<string, unknown>;
  const res = await env.MOCK_UPSTREAM!.fetch(
    `https://mock${anthropic ? "/v1/messages/count_tokens" : seen.path === "/v1/responses" ? "/v1/responses/input_tokens" : "/v1/chat/completions"}`,
    {
      method: "POST",
      headers: {
        authorization: `Bearer ${env.ANTHROPIC_UPSTREAM_KEY}`,
        "content-type": "application/json",
        ...(anthropic ? { "anthropic-version": "2023-06-01" } : {}),
      },
      body: JSON.stringify(
        seen.path === "/v1/chat/completions" ? { ...body, max_completion_tokens: 16 } : body,
      ),
    },
  );
  const json = (await res.json()) as { input_tokens?: number; usage?: { prompt_tokens: number } };
  return json.input_tokens ?? json.usage?.prompt_tokens ?? 0;
}

/** The exact cost of `usage` for `model` on the Basic plan (the accounts these tests make). */
export const costOf = (model: string, usage: Partial<UsageRecord>): number =>
  cost(
    { input: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, output: 0, thinking: 0, ...usage },
    priceFor(DEFAULT_PRICE_TABLE, model)!,
    planFor("basic"),
  );

export const accountStub = (accountId: string) => env.ACCOUNTS.get(env.ACCOUNTS.idFromName(accountId));

/** Waits until the account has no open reservation (every request ended), then returns its state. */
export async function settledState(accountId: string) {
  return eventually(async () => {
    const state = await accountStub(accountId).state(accountId);
    return state && state.reservations.length === 0 ? state : undefined;
  });
}

/**
 * The books an operator checks: no reservation left open, the D1 ledger sums to the balance
 * (reconcile ok for this account), and its usage rows carry exactly what the ledger charged.
 */
export async function expectBooksBalance(
  accountId: string,
): Promise<{ balanceNano: number; charged: number }> {
  const state = await settledState(accountId);
  const report = (await (await adminFetch("/reconcile")).json()) as {
    accounts: Array<{ account_id: string; ok: boolean; balance_nano: number; ledger_sum_nano: number }>;
  };
  const mine = report.accounts.find((a) => a.account_id === accountId);
  expect(mine).toMatchObject({
    ok: true,
    balance_nano: state.balanceNano,
    ledger_sum_nano: state.balanceNano,
  });
  const ledgerUsage = await env.DB.prepare(
    "SELECT COALESCE(SUM(amount_nano), 0) AS n FROM ledger WHERE account_id = ? AND kind = 'usage'",
  )
    .bind(accountId)
    .first<{ n: number }>();
  const charged = (await usageRows(accountId)).reduce((n, r) => n + Number(r.cost_nano), 0);
  expect(0 - (ledgerUsage?.n ?? 0)).toBe(charged);
  return { balanceNano: state.balanceNano, charged };
}
