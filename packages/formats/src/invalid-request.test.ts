import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AnthropicMessagesRequestSchema } from "./anthropic-messages/schema.ts";
import { GatewayError } from "./errors.ts";
import { parseRequest } from "./invalid-request.ts";
import { parseOpenAiChatRequest } from "./openai-chat/decode-request.ts";
import { parseOpenAiResponsesRequest } from "./openai-responses/decode-request.ts";

/** The 400 a parse throws, as `[message, param]`. */
function refusal(parse: () => unknown): [string, string | undefined] {
  try {
    parse();
  } catch (e) {
    expect(e).toBeInstanceOf(GatewayError);
    const err = e as GatewayError;
    expect([err.kind, err.status]).toEqual(["invalid_request", 400]);
    return [err.message, err.param];
  }
  throw new Error("expected a 400");
}

const messages = [{ role: "user", content: "hi" }];

describe("one zod-issue → 400 mapper for every format", () => {
  it("names the field in the message and in param, the same way for all three formats", () => {
    const tooBig = 2 ** 53;
    expect(
      refusal(() =>
        parseRequest(AnthropicMessagesRequestSchema, { model: "m", max_tokens: tooBig, messages }),
      ),
    ).toEqual([expect.stringMatching(/^max_tokens: Too big/), "max_tokens"]);
    expect(refusal(() => parseOpenAiChatRequest({ model: "m", messages, max_tokens: tooBig }))).toEqual([
      expect.stringMatching(/^max_tokens: Too big/),
      "max_tokens",
    ]);
    expect(
      refusal(() => parseOpenAiResponsesRequest({ model: "m", input: "hi", max_output_tokens: tooBig })),
    ).toEqual([expect.stringMatching(/^max_output_tokens: Too big/), "max_output_tokens"]);
  });

  it("follows a union into the branch that got furthest", () => {
    expect(
      refusal(() => parseOpenAiResponsesRequest({ model: "m", input: [{ role: "user", content: 5 }] })),
    ).toEqual(["input.0.content: Invalid input: expected string or array", "input.0.content"]);
    expect(
      refusal(() =>
        parseOpenAiChatRequest({ model: "m", messages: [{ role: "tool", content: "x", tool_call_id: 1 }] }),
      ),
    ).toEqual([
      "messages.0.tool_call_id: Invalid input: expected string, received number",
      "messages.0.tool_call_id",
    ]);
  });

  it("reports a union whose every branch failed at its root with the types it accepts", () => {
    expect(
      refusal(() => parseOpenAiChatRequest({ model: "m", messages: [{ role: "user", content: 5 }] })),
    ).toEqual(["messages.0.content: Invalid input: expected string or array", "messages.0.content"]);
  });

  it("prefixes where the value sits in the body", () => {
    const Block = z.object({ text: z.string() });
    expect(refusal(() => parseRequest(Block, { text: 1 }, "messages.2.content.0"))).toEqual([
      "messages.2.content.0.text: Invalid input: expected string, received number",
      "messages.2.content.0.text",
    ]);
  });

  it("says 'Request body' for a body that is not an object, with no param", () => {
    for (const body of [[], null, "x", 1]) {
      expect(refusal(() => parseOpenAiChatRequest(body))).toEqual([
        expect.stringMatching(/^Request body: Invalid input: expected object/),
        undefined,
      ]);
    }
  });

  it("returns the parsed value when it is valid", () => {
    expect(parseRequest(z.object({ a: z.int() }), { a: 1 })).toEqual({ a: 1 });
  });
});
