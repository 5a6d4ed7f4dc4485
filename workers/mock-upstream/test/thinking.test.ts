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
