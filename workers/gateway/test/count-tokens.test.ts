/**
 * POST /v1/messages/count_tokens is free, but it is a request like any other: the key, the
 * price table, the key's model allow-list and its RPM apply; GPT models are counted by OpenAI.
 */

import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { clearMockRequests, mockRequests, newAccountWithKey } from "./helpers.ts";
import { accountStub, callProxy, marker, usageRows } from "./metering.helpers.ts";

const count = (key: string, body: unknown) =>
  exports.default.fetch("https://gateway.test/api/proxy/v1/messages/count_tokens", {
    method: "POST",
    headers: { "x-api-key": key, "anthropic-version": "2023-06-01", "content-type": "application/json" },
    body: JSON.stringify(body),
  });

const body = (model: string, text: string) => ({ model, messages: [{ role: "user", content: text }] });

describe("count_tokens", () => {
  it("counts on Claude for free: no charge, no usage row", async () => {
    const caller = await newAccountWithKey({ usd: "1" });
    const res = await count(caller.key, body("claude-sonnet-4-6", "count these words"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ input_tokens: 5 });
    expect(res.headers.get("anthropic-ratelimit-requests-limit")).toBe("200");
    const state = await accountStub(caller.accountId).state(caller.accountId);
    expect(state).toMatchObject({ balanceNano: 1_000_000_000, reservedNano: 0 });
    expect(await usageRows(caller.accountId)).toEqual([]);
  });

  it("counts a GPT model with OpenAI's input-token counter, answered in Anthropic's shape", async () => {
    const caller = await newAccountWithKey();
    await clearMockRequests();
    const mark = marker();
    const res = await count(caller.key, body("gpt-5.5", `count ${mark}`));
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { input_tokens: number };
    const seen = (await mockRequests()).find((r) => JSON.stringify(r.body).includes(mark));
    expect(seen?.path).toBe("/v1/responses/input_tokens");
    expect(seen?.headers.authorization).toMatch(/^Bearer /);
    expect(answer.input_tokens).toBeGreaterThan(0);
  });

  it("refuses a model the table does not list, and one outside the key's allow-list", async () => {
    const caller = await newAccountWithKey({ models: ["claude-haiku-4-5"] });
    expect((await count(caller.key, body("gpt-4-nonexistent", "x"))).status).toBe(400);
    const outside = await count(caller.key, body("claude-sonnet-4-6", "x"));
    expect(outside.status).toBe(403);
    expect((await count(caller.key, body("claude-haiku-4-5", "x"))).status).toBe(200);
  });

  it("counts against the key's requests per minute", async () => {
    const caller = await newAccountWithKey({ rpm: 2 });
    expect((await count(caller.key, body("claude-sonnet-4-6", "a"))).status).toBe(200);
    expect(
      (
        await callProxy("messages", caller.key, {
          model: "claude-sonnet-4-6",
          max_tokens: 8,
          messages: [{ role: "user", content: "b" }],
        })
      ).status,
    ).toBe(200);
    const third = await count(caller.key, body("claude-sonnet-4-6", "c"));
    expect(third.status).toBe(429);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
