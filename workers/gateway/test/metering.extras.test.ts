/**
 * Nothing unpriced is served: every extra a vendor bills beyond tokens (service tiers, server
 * and hosted tools) is priced from the operator's table and billed from the usage the upstream
 * reports, or refused with a 400 naming the field, before any reservation or upstream call.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { mockRequests, newAccountWithKey } from "./helpers.ts";
import { callProxy, costOf, marker, readSse, requestBody, usageRow } from "./metering.helpers.ts";

const CLAUDE = "claude-sonnet-4-6";
const GPT = "gpt-5.4";
const WEB_SEARCH = { type: "web_search_20250305", name: "web_search", max_uses: 5 };
const CODE_EXECUTION = { type: "code_execution_20250825", name: "code_execution" };

async function billed(res: Response) {
  expect(res.status).toBe(200);
  const row = await usageRow(res.headers.get("request-id"));
  return {
    row,
    tokens: {
      input: Number(row.input_tokens),
      cacheRead: Number(row.cache_read_tokens),
      output: Number(row.output_tokens),
    },
  };
}

describe("Anthropic server tools", () => {
  it("bills each web search at $10 per 1,000 on top of the tokens, streamed or not", async () => {
    const caller = await newAccountWithKey();
    for (const stream of [false, true]) {
      const body = requestBody("messages", CLAUDE, `find it ${marker()}`, {
        stream,
        extra: { tools: [WEB_SEARCH] },
      });
      const res = await callProxy("messages", caller.key, body, {
        scenario: "extras; web_search=3; web_fetch=1",
      });
      if (stream) await readSse("messages", res);
      else await res.arrayBuffer();
      const { row, tokens } = await billed(res);
      expect(JSON.parse(String(row.tool_uses))).toEqual({ web_search: 3, web_fetch: 1 });
      // Basic pays 50%: 3 × $0.01 × 50% = 15,000,000 nano; web fetch is tokens only.
      expect(row.cost_nano).toBe(costOf(CLAUDE, tokens) + 15_000_000);
    }
  });

  it("refuses code execution (billed by container time, not in the table) before any upstream call", async () => {
    const caller = await newAccountWithKey();
    const mark = marker();
    const res = await callProxy(
      "messages",
      caller.key,
      requestBody("messages", CLAUDE, `run ${mark}`, {
        extra: { tools: [{ name: "get_weather", input_schema: { type: "object" } }, CODE_EXECUTION] },
      }),
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      type: "error",
      error: {
        type: "invalid_request_error",
        message: `tools.1.type: the code_execution tool is not offered by this gateway for ${CLAUDE}.`,
      },
    });
    expect((await mockRequests()).some((r) => JSON.stringify(r.body).includes(mark))).toBe(false);
  });

  it("serves what the operator prices and refuses what the operator forbids", async () => {
    const caller = await newAccountWithKey();
    const table = JSON.stringify({ [CLAUDE]: { tools: { code_execution: "0.005", web_search: null } } });
    const allowed = await callProxy(
      "messages",
      caller.key,
      requestBody("messages", CLAUDE, `run ${marker()}`, { extra: { tools: [CODE_EXECUTION] } }),
      { scenario: "extras; code_execution=2", envOverride: { PRICE_TABLE_JSON: table } },
    );
    await allowed.arrayBuffer();
    const { row, tokens } = await billed(allowed);
    // Counted from the two server_tool_use blocks (code execution has no usage counter): 2 × $0.005 × 50%.
    expect(JSON.parse(String(row.tool_uses))).toEqual({ code_execution: 2 });
    expect(row.cost_nano).toBe(costOf(CLAUDE, tokens) + 5_000_000);
    const forbidden = await callProxy(
      "messages",
      caller.key,
      requestBody("messages", CLAUDE, "find", { extra: { tools: [WEB_SEARCH] } }),
      { envOverride: { PRICE_TABLE_JSON: table } },
    );
    expect(forbidden.status).toBe(400);
  });

  it("bills a priority tier the operator prices, and a tier it does not at the standard rates", async () => {
    const caller = await newAccountWithKey();
    const standard = await callProxy("messages", caller.key, requestBody("messages", CLAUDE, "hi"), {
      scenario: "extras; tier=priority",
    });
    await standard.arrayBuffer();
    const plain = await billed(standard);
    expect(plain.row).toMatchObject({ service_tier: "priority", cost_nano: costOf(CLAUDE, plain.tokens) });
    const priced = await callProxy("messages", caller.key, requestBody("messages", CLAUDE, "hi"), {
      scenario: "extras; tier=priority",
      envOverride: { PRICE_TABLE_JSON: JSON.stringify({ [CLAUDE]: { tiers: { priority: 150 } } }) },
    });
    await priced.arrayBuffer();
    const { row, tokens } = await billed(priced);
    expect(row.cost_nano).toBe(Math.floor((costOf(CLAUDE, tokens) * 3) / 2));
  });
});

describe("OpenAI service tiers and hosted tools", () => {
  it.each([
    ["priority", 2],
    ["flex", 0.5],
  ] as const)("service_tier %s is reserved and billed at %s× the standard rates", async (tier, factor) => {
    const caller = await newAccountWithKey();
    for (const format of ["responses", "chat"] as const) {
      const res = await callProxy(
        format,
        caller.key,
        requestBody(format, GPT, `hi ${marker()}`, { extra: { service_tier: tier } }),
      );
      await res.arrayBuffer();
      const { row, tokens } = await billed(res);
      expect(row.service_tier).toBe(tier);
      expect(row.cost_nano).toBe(Math.floor(costOf(GPT, tokens) * factor));
    }
  });

  it("refuses a tier the table cannot price", async () => {
    const caller = await newAccountWithKey();
    const res = await callProxy(
      "responses",
      caller.key,
      requestBody("responses", GPT, "hi", { extra: { service_tier: "scale" } }),
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: {
        type: "invalid_request_error",
        param: "service_tier",
        message: `service_tier: service tier 'scale' is not offered by this gateway for ${GPT}.`,
      },
    });
  });

  it("bills hosted web search per call, streamed or not, and refuses the code interpreter", async () => {
    const caller = await newAccountWithKey();
    for (const stream of [false, true]) {
      const body = requestBody("responses", GPT, `look it up ${marker()}`, {
        stream,
        extra: { tools: [{ type: "web_search" }] },
      });
      const res = await callProxy("responses", caller.key, body, { scenario: "extras; web_search=2" });
      if (stream) await readSse("responses", res);
      else await res.arrayBuffer();
      const { row, tokens } = await billed(res);
      expect(JSON.parse(String(row.tool_uses))).toEqual({ web_search: 2 });
      expect(row.cost_nano).toBe(costOf(GPT, tokens) + 10_000_000);
    }
    const refused = await callProxy(
      "responses",
      caller.key,
      requestBody("responses", GPT, "compute", {
        extra: {
          tools: [
            { type: "function", name: "f" },
            { type: "code_interpreter", container: { type: "auto" } },
          ],
        },
      }),
    );
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { param: "tools.1.type" } });
  });

  it("refuses background responses: their answer would be fetched out of the gateway's sight", async () => {
    const caller = await newAccountWithKey();
    const res = await callProxy(
      "responses",
      caller.key,
      requestBody("responses", GPT, "later", { extra: { background: true } }),
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { param: "background" } });
    expect(env.ENVIRONMENT).toBe("development");
  });
});
