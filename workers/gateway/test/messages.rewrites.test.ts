// The documented requests that need the gateway's help: max_tokens omitted (default 4096) and
// budget thinking on models that accept only adaptive thinking. Each: the body sent upstream
// (the mock's request log), the answer returned, the bill.
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import app from "../src/index.ts";
import { callMessages, mockRequests, newAccountWithKey, sseFrames, type TestKey } from "./helpers.ts";

let caller: TestKey;
beforeAll(async () => {
  caller = await newAccountWithKey({ usd: "20" });
});

/** The upstream request whose body carries `marker` (test files share the mock's log). */
async function upstreamSeen(marker: string) {
  const seen = (await mockRequests()).filter((r) => JSON.stringify(r.body).includes(marker));
  expect(seen).toHaveLength(1);
  return seen[0]!;
}

const say = (marker: string) => [{ role: "user", content: `Hello ${marker}` }];

interface Message {
  model: string;
  content: { type: string; text?: string; thinking?: string }[];
  usage: { input_tokens: number; output_tokens: number };
}

/** Basic pays 50% of list: nano-USD per token = USD per million × 1000 × 50%. */
const basicCost = (u: Message["usage"], inputUsdPerM: number, outputUsdPerM: number) =>
  u.input_tokens * inputUsdPerM * 500 + u.output_tokens * outputUsdPerM * 500;

describe("max_tokens omitted", () => {
  it("sends 4096 upstream, answers, and bills the usage", async () => {
    const marker = crypto.randomUUID();
    const res = await callMessages({
      key: caller.key,
      body: { model: "claude-sonnet-4-6", messages: say(marker) },
    });
    expect(res.status).toBe(200);
    const msg = (await res.json()) as Message;
    expect(msg.content[0]?.text).toContain(marker.slice(0, 20));
    const seen = await upstreamSeen(marker);
    expect(seen.body).toMatchObject({ model: "claude-sonnet-4-6", max_tokens: 4096 });
    // Sonnet 4.6 lists at $3 / $15.
    expect(Number(res.headers.get("x-cc-cost-nano-usd"))).toBe(basicCost(msg.usage, 3, 15));
  });

  it("reserves 4096 output tokens, not the model's 64,000", async () => {
    // $0.10 covers 4096 tokens of Sonnet output at Basic ($0.031) but not 64,000 ($0.48).
    const poor = await newAccountWithKey({ usd: "0.10" });
    const marker = crypto.randomUUID();
    const ok = await callMessages({
      key: poor.key,
      body: { model: "claude-sonnet-4-6", messages: say(marker) },
    });
    expect(ok.status).toBe(200);
    const refused = await callMessages({
      key: poor.key,
      body: { model: "claude-sonnet-4-6", max_tokens: 64_000, messages: say(marker) },
    });
    expect(refused.status).toBe(402);
  });

  it("applies to Claude Code on a GPT model too (max_output_tokens upstream)", async () => {
    const marker = crypto.randomUUID();
    const res = await callMessages({ key: caller.key, body: { model: "gpt-5.5", messages: say(marker) } });
    expect(res.status).toBe(200);
    expect((await upstreamSeen(marker)).body).toMatchObject({ model: "gpt-5.5", max_output_tokens: 4096 });
  });
});

describe("budget thinking on a model that accepts only adaptive thinking", () => {
  it.each([
    ["claude-opus-4-7", 2_048, "low", 5, 25],
    ["claude-opus-5-5", 8_000, "medium", 4, 20],
    ["claude-haiku-5-5", 20_000, "high", 0.1, 0.5],
  ])(
    "%s, budget %i: adaptive at effort %s upstream, a thinking answer, billed",
    async (model, budget, effort, inUsd, outUsd) => {
      const marker = crypto.randomUUID();
      const res = await callMessages({
        key: caller.key,
        body: {
          model,
          max_tokens: 32_000,
          thinking: { type: "enabled", budget_tokens: budget, display: "summarized" },
          messages: say(marker),
        },
      });
      expect(res.status).toBe(200);
      const msg = (await res.json()) as Message;
      expect(msg.model).toBe(model);
      expect(msg.content.map((b) => b.type)).toEqual(["thinking", "text"]);
      const seen = await upstreamSeen(marker);
      expect(seen.body).toMatchObject({
        model,
        max_tokens: 32_000,
        thinking: { type: "adaptive", display: "summarized" },
        output_config: { effort },
      });
      expect(seen.body).not.toHaveProperty("thinking.budget_tokens");
      expect(Number(res.headers.get("x-cc-cost-nano-usd"))).toBe(basicCost(msg.usage, inUsd, outUsd));
    },
  );

  it("streams the answer back as Anthropic SSE", async () => {
    const marker = crypto.randomUUID();
    const res = await callMessages({
      key: caller.key,
      body: {
        model: "claude-opus-4-7",
        stream: true,
        thinking: { type: "enabled", budget_tokens: 4_096 },
        output_config: { effort: "max" },
        messages: say(marker),
      },
    });
    expect(res.status).toBe(200);
    const frames = sseFrames(await res.text());
    expect(frames[0]?.event).toBe("message_start");
    expect(frames.at(-1)?.event).toBe("message_stop");
    expect(frames.some((f) => f.event === "content_block_delta")).toBe(true);
    // The client's own effort wins over the budget's; max_tokens took its default.
    expect((await upstreamSeen(marker)).body).toMatchObject({
      max_tokens: 4096,
      thinking: { type: "adaptive" },
      output_config: { effort: "max" },
    });
  });

  it("without the rewrite the upstream refuses it: the mock answers Anthropic's 400", async () => {
    const marker = crypto.randomUUID();
    const ctx = createExecutionContext();
    const res = await app.fetch(
      new Request("https://gateway.test/api/proxy/v1/messages", {
        method: "POST",
        headers: {
          "x-api-key": caller.key,
          "anthropic-version": "2023-06-01",
          "content-type": "application/json",
        },
        body: JSON.stringify({
          model: "claude-opus-4-7",
          max_tokens: 8_000,
          thinking: { type: "enabled", budget_tokens: 2_048 },
          messages: say(marker),
        }),
      }),
      // An operator table that forgets the flag: the budget goes through as sent.
      { ...env, PRICE_TABLE_JSON: JSON.stringify({ "claude-opus-4-7": { adaptiveThinkingOnly: false } }) },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe("invalid_request_error");
    expect(body.error.message).toContain('"thinking.type.enabled" is not supported for this model');
    expect(res.headers.get("x-cc-cost-nano-usd")).toBeNull();
  });
});

describe("what is not rewritten goes upstream byte for byte", () => {
  it.each([
    [
      "budget thinking on a model that takes budgets",
      "claude-sonnet-4-6",
      { type: "enabled", budget_tokens: 2_048 },
    ],
    [
      "adaptive thinking on an adaptive-only model",
      "claude-opus-5-5",
      { type: "adaptive", display: "omitted" },
    ],
  ])("%s", async (_name, model, thinking) => {
    const marker = crypto.randomUUID();
    // Keys in an unusual order: a re-serialised body would not keep it.
    const text = JSON.stringify({ thinking, messages: say(marker), max_tokens: 8_000, stream: false, model });
    const res = await exports.default.fetch("https://gateway.test/api/proxy/v1/messages", {
      method: "POST",
      headers: {
        "x-api-key": caller.key,
        "anthropic-version": "2023-06-01",
        "content-type": "application/json",
      },
      body: text,
    });
    expect(res.status).toBe(200);
    const seen = await upstreamSeen(marker);
    expect(JSON.stringify(seen.body)).toBe(text);
    expect(seen.headers["content-length"]).toBe(String(new TextEncoder().encode(text).byteLength));
  });
});

describe("Claude Code's default model, with nothing configured but the base URL and key", () => {
  it("serves claude-opus-5-5 as Claude Code sends it", async () => {
    const marker = crypto.randomUUID();
    const res = await callMessages({
      key: caller.key,
      path: "/api/proxy/v1/messages?beta=true",
      body: {
        model: "claude-opus-5-5",
        max_tokens: 128_000,
        stream: true,
        thinking: { type: "adaptive", display: "omitted" },
        output_config: { effort: "medium" },
        context_management: { edits: [{ type: "clear_thinking_20251015", keep: "all" }] },
        messages: say(marker),
      },
    });
    expect(res.status).toBe(200);
    expect(sseFrames(await res.text()).at(-1)?.event).toBe("message_stop");
  });
});

describe("the OpenAI routes give adaptive-only models adaptive thinking", () => {
  const post = (path: string, body: Record<string, unknown>) =>
    exports.default.fetch(`https://gateway.test/api/proxy/v1/${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${caller.key}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("chat.completions: reasoning_effort, and a budget", async () => {
    const a = crypto.randomUUID();
    const byEffort = await post("chat/completions", {
      model: "claude-opus-5-5",
      reasoning_effort: "high",
      messages: say(a),
    });
    expect(byEffort.status).toBe(200);
    expect((await upstreamSeen(a)).body).toMatchObject({
      thinking: { type: "adaptive" },
      output_config: { effort: "high" },
    });
    const b = crypto.randomUUID();
    const byBudget = await post("chat/completions", {
      model: "claude-haiku-5-5",
      max_tokens: 20_000,
      thinking: { type: "enabled", budget_tokens: 5_000 },
      messages: say(b),
    });
    expect(byBudget.status).toBe(200);
    const seen = await upstreamSeen(b);
    expect(seen.body).toMatchObject({ thinking: { type: "adaptive" }, output_config: { effort: "medium" } });
    expect(seen.body).not.toHaveProperty("thinking.budget_tokens");
  });

  it("responses: reasoning.effort", async () => {
    const marker = crypto.randomUUID();
    const res = await post("responses", {
      model: "claude-opus-4-7",
      reasoning: { effort: "low" },
      input: `Hello ${marker}`,
    });
    expect(res.status).toBe(200);
    expect((await upstreamSeen(marker)).body).toMatchObject({
      thinking: { type: "adaptive" },
      output_config: { effort: "low" },
    });
  });
});

describe("a model that is not offered", () => {
  it("400 naming the offered models and how to pick one in each client", async () => {
    const res = await callMessages({
      key: caller.key,
      body: { model: "claude-opus-9-9", max_tokens: 10, messages: say("x") },
    });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { type: string; message: string } };
    expect(error.type).toBe("invalid_request_error");
    expect(error.message).toMatch(
      /^model: 'claude-opus-9-9' is not offered by this gateway\. Offered models: /,
    );
    for (const model of [
      "claude-opus-5-5",
      "claude-haiku-5-5",
      "claude-sonnet-4-6",
      "gpt-5.5",
      "gpt-6.1-sol",
    ]) {
      expect(error.message).toContain(model);
    }
    expect(error.message).toContain("ANTHROPIC_MODEL=claude-");
    expect(error.message).toContain('model = "gpt-');
    expect(error.message).toContain("gemini -m ");
  });

  it("says the same in OpenAI's shape", async () => {
    const res = await exports.default.fetch("https://gateway.test/api/proxy/v1/chat/completions", {
      method: "POST",
      headers: { authorization: `Bearer ${caller.key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt-9", messages: say("x") }),
    });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { message: string; param: string } };
    expect(error.param).toBe("model");
    expect(error.message).toContain("Offered models: ");
    expect(error.message).toContain("~/.codex/config.toml");
  });
});
