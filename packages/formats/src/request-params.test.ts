import { describe, expect, it } from "vitest";
import { AnthropicMessagesRequestSchema } from "./anthropic-messages/schema.ts";
import { OpenAiChatRequestSchema } from "./openai-chat/schema.ts";
import { OpenAiResponsesRequestSchema } from "./openai-responses/schema.ts";
import { MAX_OUTPUT_TOKENS_PARAM } from "./request-params.ts";

const messages = [{ role: "user", content: "hi" }];
const ok = (schema: { safeParse: (v: unknown) => { success: boolean } }, body: unknown) =>
  schema.safeParse(body).success;

describe("output-token caps: whole numbers up to MAX_OUTPUT_TOKENS_PARAM, in every format", () => {
  const bodies = {
    "anthropic max_tokens": (n: number) =>
      ok(AnthropicMessagesRequestSchema, { model: "m", messages, max_tokens: n }),
    "chat max_tokens": (n: number) => ok(OpenAiChatRequestSchema, { model: "m", messages, max_tokens: n }),
    "chat max_completion_tokens": (n: number) =>
      ok(OpenAiChatRequestSchema, { model: "m", messages, max_completion_tokens: n }),
    "responses max_output_tokens": (n: number) =>
      ok(OpenAiResponsesRequestSchema, { model: "m", input: "hi", max_output_tokens: n }),
  };

  it.each(Object.entries(bodies))("%s", (_name, accepts) => {
    expect(accepts(1)).toBe(true);
    expect(accepts(128_000)).toBe(true);
    expect(accepts(MAX_OUTPUT_TOKENS_PARAM)).toBe(true);
    for (const n of [
      MAX_OUTPUT_TOKENS_PARAM + 1,
      Number.MAX_SAFE_INTEGER,
      2 ** 53,
      1e308,
      -1,
      1.5,
      Infinity,
    ]) {
      expect([n, accepts(n)]).toEqual([n, false]);
    }
  });

  it("0 is a valid cap where the vendor allows it (Anthropic's cache pre-warm, OpenAI Chat), not in Responses", () => {
    expect(bodies["anthropic max_tokens"](0)).toBe(true);
    expect(bodies["chat max_tokens"](0)).toBe(true);
    expect(bodies["responses max_output_tokens"](0)).toBe(false);
  });

  it("Chat's n is 1 to 128, OpenAI's own bound", () => {
    expect(ok(OpenAiChatRequestSchema, { model: "m", messages, n: 128 })).toBe(true);
    expect(ok(OpenAiChatRequestSchema, { model: "m", messages, n: 129 })).toBe(false);
  });

  it("Anthropic sampling is checked in Anthropic's ranges", () => {
    const body = (extra: object) => ({ model: "m", max_tokens: 1, messages, ...extra });
    expect(ok(AnthropicMessagesRequestSchema, body({ temperature: 1, top_p: 0.5, top_k: 40 }))).toBe(true);
    for (const bad of [{ temperature: 1.5 }, { temperature: "1" }, { top_p: -0.1 }, { top_k: 1.5 }]) {
      expect([bad, ok(AnthropicMessagesRequestSchema, body(bad))]).toEqual([bad, false]);
    }
  });
});
