import { describe, expect, it } from "vitest";
import { type MessageBody, nonce, parseSse, post, request, tokens, type Usage, user } from "./helpers.ts";

/** A unique text of about n tokens (4 bytes per token). */
const textOf = (n: number): string => `${nonce()} ${"abcd".repeat(n)}`;
const usageOf = async (body: unknown): Promise<Usage> =>
  (await (await post("/v1/messages", body)).json<MessageBody>()).usage;
const cached = (text: string, ttl?: "5m" | "1h") => ({
  type: "text",
  text,
  cache_control: ttl ? { type: "ephemeral", ttl } : { type: "ephemeral" },
});

describe("prompt-cache simulation", () => {
  it("writes a ≥1024-token prefix once (5m), then reads it", async () => {
    const big = textOf(1100);
    const body = request([user("hi")], { system: [cached(big)] });
    expect(await usageOf(body)).toMatchObject({
      input_tokens: tokens("hi"),
      cache_creation_input_tokens: tokens(big),
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: tokens(big), ephemeral_1h_input_tokens: 0 },
    });
    expect(await usageOf(body)).toMatchObject({
      input_tokens: tokens("hi"),
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: tokens(big),
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    });
  });

  it("reports ttl 1h as ephemeral_1h_input_tokens", async () => {
    const big = textOf(1100);
    const u = await usageOf(request([user([cached(big, "1h"), { type: "text", text: "tail" }])]));
    expect(u).toMatchObject({
      input_tokens: tokens("tail"),
      cache_creation_input_tokens: tokens(big),
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: tokens(big) },
    });
  });

  it("does not cache below the minimum: 1024, or 2048 for claude-haiku-*", async () => {
    const small = textOf(1000);
    expect((await usageOf(request([user([cached(small)])]))).cache_creation_input_tokens).toBe(0);
    const mid = textOf(1500);
    const haiku = await usageOf({ ...request([user([cached(mid)])]), model: "claude-haiku-4-5" });
    expect(haiku.cache_creation_input_tokens).toBe(0);
    expect(haiku.input_tokens).toBe(tokens(mid));
    const sonnet = await usageOf(request([user([cached(mid)])]));
    expect(sonnet.cache_creation_input_tokens).toBe(tokens(mid));
  });

  it("keys by model: the same prefix on another model is written again", async () => {
    const big = textOf(1100);
    const body = request([user("hi")], { system: [cached(big)] });
    await usageOf(body);
    expect((await usageOf({ ...body, model: "claude-opus-4-7" })).cache_creation_input_tokens).toBe(
      tokens(big),
    );
  });

  it("in a conversation, reads the previous turn's prefix and writes the new part", async () => {
    const tool = { name: "t", input_schema: { type: "object" }, cache_control: { type: "ephemeral" } };
    const sys = textOf(600);
    const first = textOf(600);
    const turn1 = request([user([cached(first)])], { system: sys, tools: [tool] });
    const prefix1 = tokens(JSON.stringify({ name: "t", input_schema: { type: "object" } }), sys, first);
    expect(await usageOf(turn1)).toMatchObject({
      cache_creation_input_tokens: prefix1,
      cache_read_input_tokens: 0,
    });
    const turn2 = request(
      [
        user([{ type: "text", text: first }]),
        { role: "assistant", content: "answer one" },
        user([cached("second")]),
      ],
      { system: sys, tools: [tool] },
    );
    expect(await usageOf(turn2)).toMatchObject({
      input_tokens: 0,
      cache_read_input_tokens: prefix1,
      cache_creation_input_tokens: tokens("answer one", "second"),
    });
  });

  it("top-level cache_control caches up to the last block", async () => {
    const big = textOf(1100);
    const body = request([user(big)], { cache_control: { type: "ephemeral" } });
    expect((await usageOf(body)).cache_creation_input_tokens).toBe(tokens(big));
    expect((await usageOf(body)).cache_read_input_tokens).toBe(tokens(big));
  });

  it("count_tokens does not touch the cache and equals the total", async () => {
    const big = textOf(1100);
    const body = request([user("hi")], { system: [cached(big)] });
    const counted = await (await post("/v1/messages/count_tokens", body)).json<{ input_tokens: number }>();
    const u = await usageOf(body);
    expect(u.cache_creation_input_tokens).toBe(tokens(big));
    expect(counted.input_tokens).toBe(
      u.input_tokens + u.cache_creation_input_tokens + u.cache_read_input_tokens,
    );
  });

  it("streams the cache counts in message_start and message_delta", async () => {
    const big = textOf(1100);
    const body = request([user("hi")], { system: [cached(big)], stream: true });
    await post("/v1/messages", body).then((r) => r.text());
    const frames = parseSse(await (await post("/v1/messages", body)).text());
    expect(frames[0]?.data.message?.usage).toMatchObject({
      input_tokens: tokens("hi"),
      cache_read_input_tokens: tokens(big),
      cache_creation_input_tokens: 0,
    });
    expect(frames.find((f) => f.event === "message_delta")?.data.usage).toMatchObject({
      input_tokens: tokens("hi"),
      cache_read_input_tokens: tokens(big),
    });
  });
});
