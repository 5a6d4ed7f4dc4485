import { describe, expect, it } from "vitest";
import { signatureFor } from "../src/anthropic/generate.ts";
import { expectGrammar, type MessageBody, parseSse, post, request, tokens, user } from "./helpers.ts";

describe("thinking", () => {
  it.each(["enabled", "adaptive"])("thinking.type %s: a signed thinking block, then text", async (type) => {
    const thinking = type === "enabled" ? { type, budget_tokens: 2048 } : { type, display: "summarized" };
    const body = request([user("why is the sky blue?")], { thinking, max_tokens: 4096 });
    const msg = await (await post("/v1/messages", body)).json<MessageBody>();
    const [think, text] = msg.content;
    expect(msg.content.map((b) => b.type)).toEqual(["thinking", "text"]);
    expect(think?.thinking).toContain("why is the sky blue?");
    expect(think?.signature).toBe(signatureFor(think?.thinking ?? ""));
    expect(think?.signature).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const thinkingTokens = tokens(think?.thinking ?? "");
    expect(msg.usage.output_tokens_details).toEqual({ thinking_tokens: thinkingTokens });
    expect(msg.usage.output_tokens).toBe(thinkingTokens + tokens(text?.text ?? ""));
  });

  it("streams thinking_deltas, then one signature_delta just before content_block_stop", async () => {
    const body = request([user("why is the sky blue?")], { thinking: { type: "adaptive" }, stream: true });
    const frames = parseSse(await (await post("/v1/messages", body)).text());
    expectGrammar(frames);
    const block0 = frames.filter((f) => f.data.index === 0);
    expect(block0[0]?.data.content_block).toEqual({ type: "thinking", thinking: "", signature: "" });
    const kinds = block0.slice(1).map((f) => f.data.delta?.type ?? f.event);
    expect(kinds.at(-1)).toBe("content_block_stop");
    expect(kinds.at(-2)).toBe("signature_delta");
    expect(kinds.slice(0, -2).every((k) => k === "thinking_delta")).toBe(true);
    expect(kinds.length).toBeGreaterThan(3);

    const json = await (await post("/v1/messages", { ...body, stream: false })).json<MessageBody>();
    const streamed = block0.map((f) => f.data.delta?.thinking ?? "").join("");
    expect(streamed).toBe(json.content[0]?.thinking);
    expect(block0.find((f) => f.data.delta?.type === "signature_delta")?.data.delta?.signature).toBe(
      json.content[0]?.signature,
    );
    expect(frames.find((f) => f.event === "message_delta")?.data.usage?.output_tokens_details).toEqual(
      json.usage.output_tokens_details,
    );
    // The text block follows at index 1.
    expect(
      frames.find((f) => f.event === "content_block_start" && f.data.index === 1)?.data.content_block,
    ).toEqual({
      type: "text",
      text: "",
    });
  });
});

describe("thinking budgets on models that accept only adaptive thinking", () => {
  const refusal =
    '"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.';

  it.each(["claude-opus-4-7", "claude-opus-5-5", "claude-haiku-5-5"])(
    "%s answers thinking.type enabled with Anthropic's 400",
    async (model) => {
      for (const stream of [false, true]) {
        const body = request([user("hi")], {
          model,
          stream,
          max_tokens: 4096,
          thinking: { type: "enabled", budget_tokens: 2048 },
        });
        const res = await post("/v1/messages", body);
        expect(res.status).toBe(400);
        expect(res.headers.get("content-type")).toContain("application/json");
        const json = await res.json<{ type: string; error: { type: string; message: string } }>();
        expect(json.type).toBe("error");
        expect(json.error).toEqual({ type: "invalid_request_error", message: refusal });
      }
    },
  );

  it.each(["claude-opus-4-7", "claude-opus-5-5", "claude-haiku-5-5"])(
    "%s thinks adaptively with an effort",
    async (model) => {
      const body = request([user("hi")], {
        model,
        max_tokens: 4096,
        thinking: { type: "adaptive", display: "summarized" },
        output_config: { effort: "low" },
      });
      const msg = await (await post("/v1/messages", body)).json<MessageBody>();
      expect(msg.model).toBe(model);
      expect(msg.content.map((b) => b.type)).toEqual(["thinking", "text"]);
    },
  );

  it("models that take budgets still do", async () => {
    for (const model of ["claude-sonnet-4-6", "claude-haiku-4-5"]) {
      const body = request([user("hi")], {
        model,
        max_tokens: 4096,
        thinking: { type: "enabled", budget_tokens: 2048 },
      });
      expect((await post("/v1/messages", body)).status).toBe(200);
    }
  });
});
