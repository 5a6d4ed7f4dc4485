/**
 * Reservations are a true worst case: requests built to cost more than a naive reservation
 * (1-hour cache writes at 2× input, images, `n` answers, no output cap) never overspend a small
 * balance, and are charged their full cost. A debt takes a deliberately extreme case (a vendor
 * running more server-tool uses than the request allowed); then settle still charges in full,
 * the balance goes below zero, new requests get 402 until a top-up covers it, and the ledger
 * sums to the balance throughout.
 */
import { DEFAULT_PRICE_TABLE, planFor, priceFor, reservationCost, type WorstCase } from "@cc/billing";
import { estimateTokens } from "@cc/formats";
import { describe, expect, it } from "vitest";
import { adminFetch, credit, newAccountWithKey } from "./helpers.ts";
import {
  callProxy,
  costOf,
  expectBooksBalance,
  marker,
  requestBody,
  usageRow,
  usageRows,
} from "./metering.helpers.ts";

const reserve = (model: string, w: WorstCase) =>
  reservationCost(w, priceFor(DEFAULT_PRICE_TABLE, model)!, planFor("basic"));
const nano = (n: number) => (n / 1e9).toFixed(9);
let debts = 0;

/** Funds an account with exactly `n` reservations, runs `n + 1` requests at once, checks the books. */
async function concurrently(
  model: string,
  bodyOf: (i: number) => Record<string, unknown>,
  worstOf: (body: Record<string, unknown>) => WorstCase,
  format: "messages" | "chat" | "responses",
  n: number,
) {
  const bodies = Array.from({ length: n + 1 }, (_, i) => bodyOf(i));
  const funded = bodies.slice(0, n).reduce((sum, b) => sum + reserve(model, worstOf(b)), 0);
  const caller = await newAccountWithKey({ usd: "0", rpm: 1_000 });
  await credit(caller.accountId, nano(funded));
  const responses = await Promise.all(bodies.map((b) => callProxy(format, caller.key, b)));
  const statuses = responses.map((r) => r.status).sort();
  // Exactly n fit: the (n + 1)th reservation is not covered.
  expect(statuses).toEqual([...Array(n).fill(200), 402]);
  for (const r of responses) await r.arrayBuffer();
  const books = await expectBooksBalance(caller.accountId);
  const rows = await usageRows(caller.accountId);
  const full = rows.reduce(
    (sum, r) =>
      sum +
      costOf(model, {
        input: Number(r.input_tokens),
        cacheWrite5m: Number(r.cache_write_5m_tokens),
        cacheWrite1h: Number(r.cache_write_1h_tokens),
        cacheRead: Number(r.cache_read_tokens),
        output: Number(r.output_tokens),
      }),
    0,
  );
  expect(books.charged).toBe(full);
  expect(books.balanceNano).toBe(funded - full);
  if (books.balanceNano < 0) debts++;
  return { rows, funded };
}

describe("concurrent requests that cost more than a naive reservation", () => {
  it("1-hour cache writes (2× input) are reserved at 2×: no debt, full cost charged", async () => {
    const { rows } = await concurrently(
      "claude-sonnet-4-6",
      (i) => ({
        model: "claude-sonnet-4-6",
        max_tokens: 64,
        // A unique system prompt of ~1,500 tokens per request: every one writes the 1h cache.
        system: [
          {
            type: "text",
            text: `${marker()} ${"lorem ipsum dolor ".repeat(330)}${i}`,
            cache_control: { type: "ephemeral", ttl: "1h" },
          },
        ],
        messages: [{ role: "user", content: "hi" }],
      }),
      (body) => ({
        inputTokens: estimateTokens(JSON.stringify(body)),
        inputKind: "cacheWrite1h",
        maxOutputTokens: 64,
        choices: 1,
      }),
      "messages",
      9,
    );
    expect(rows.every((r) => Number(r.cache_write_1h_tokens) > 1_000)).toBe(true);
  });

  it("images are reserved at their token bound, whatever their bytes", async () => {
    const pixel =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    await concurrently(
      "claude-sonnet-4-6",
      (i) => ({
        model: "claude-sonnet-4-6",
        max_tokens: 64,
        messages: [
          {
            role: "user",
            content: [
              { type: "image", source: { type: "base64", media_type: "image/png", data: pixel } },
              { type: "image", source: { type: "url", url: `https://example.com/${i}.png` } },
              { type: "text", text: `what is this ${marker()}` },
            ],
          },
        ],
      }),
      (body) => ({
        inputTokens: estimateTokens(JSON.stringify(body)) - Math.floor(pixel.length / 4) + 2 * 5_000,
        inputKind: "input",
        maxOutputTokens: 64,
        choices: 1,
      }),
      "messages",
      4,
    );
  });

  it("`n` answers reserve n × the output cap", async () => {
    await concurrently(
      "gpt-5.4",
      () => ({
        model: "gpt-5.4",
        n: 4,
        max_completion_tokens: 500,
        messages: [{ role: "user", content: marker() }],
      }),
      (body) => ({
        inputTokens: estimateTokens(JSON.stringify(body)),
        inputKind: "input",
        maxOutputTokens: 500,
        choices: 4,
      }),
      "chat",
      5,
    );
  });

  it("a GPT request without an output cap reserves the model's maximum output, its body unchanged", async () => {
    await concurrently(
      "gpt-5.4",
      () => ({ model: "gpt-5.4", input: `hello ${marker()}` }),
      (body) => ({
        inputTokens: estimateTokens(JSON.stringify(body)),
        inputKind: "input",
        maxOutputTokens: undefined,
        choices: 1,
      }),
      "responses",
      3,
    );
  });

  it("none of the above ran into a debt", () => {
    expect(debts).toBe(0);
  });
});

describe("a debt, from a deliberately extreme case", () => {
  it("is charged in full, blocks new requests with 402 until a top-up covers it, and reconciles", async () => {
    const model = "claude-sonnet-4-6";
    // The request allows one web search; the vendor runs twenty (it should not, but a debt is
    // what must happen if it does).
    const body = requestBody("messages", model, `search ${marker()}`, {
      maxTokens: 64,
      extra: { tools: [{ type: "web_search_20250305", name: "web_search", max_uses: 1 }] },
    });
    const worst: WorstCase = {
      inputTokens: estimateTokens(JSON.stringify(body)),
      inputKind: "input",
      maxOutputTokens: 64,
      choices: 1,
      toolUses: { web_search: 1 },
    };
    const reserved = reserve(model, worst);
    const caller = await newAccountWithKey({ usd: "0" });
    await credit(caller.accountId, nano(reserved));
    const res = await callProxy("messages", caller.key, body, { scenario: "extras; web_search=20" });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as {
      usage: { input_tokens: number; output_tokens: number; server_tool_use: unknown };
    };
    expect(answer.usage.server_tool_use).toEqual({ web_search_requests: 20, web_fetch_requests: 0 });
    const full = costOf(model, {
      input: answer.usage.input_tokens,
      output: answer.usage.output_tokens,
      toolUses: { web_search: 20 },
    });
    expect(full).toBeGreaterThan(reserved);
    const row = await usageRow(res.headers.get("request-id"));
    expect(row.cost_nano).toBe(full);
    expect(JSON.parse(String(row.tool_uses))).toEqual({ web_search: 20 });
    const books = await expectBooksBalance(caller.accountId);
    expect(books.balanceNano).toBe(reserved - full);
    debts++;

    // The debt blocks even a request its reservation would fit.
    const blocked = await callProxy("messages", caller.key, requestBody("messages", model, "hi"));
    expect(blocked.status).toBe(402);
    const refusal = (await blocked.json()) as { error: { type: string; message: string } };
    // Anthropic's shape for a 402 (billing_error), as any Anthropic client expects it.
    expect(refusal.error.type).toBe("billing_error");
    expect(refusal.error.message).toMatch(
      /^.*balance is \$-0\.\d+: a request cost more than was held for it\. Top up/,
    );

    const report = (await (await adminFetch("/reconcile")).json()) as {
      debts: Array<{ account_id: string; debt_nano: number }>;
    };
    expect(report.debts).toContainEqual({ account_id: caller.accountId, debt_nano: full - reserved });

    await credit(caller.accountId, "1");
    const after = await callProxy("messages", caller.key, requestBody("messages", model, "hi"));
    expect(after.status).toBe(200);
    await after.arrayBuffer();
    await expectBooksBalance(caller.accountId);
    expect(debts).toBe(1);
  });
});
