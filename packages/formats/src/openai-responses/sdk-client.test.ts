// The real OpenAI SDK reads the Responses streams we make from Claude's: its strict stream
// accumulator accepts every event, and the final response equals the non-streamed answer.
import { readFileSync } from "node:fs";
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { anthropicMessageFromEvents, HAND_MADE, RECORDED, sseEvents } from "../../test-fixtures/replay.ts";
import { CREATED_AT } from "../../test-fixtures/responses-replay.ts";
import { decodeAnthropicResponse } from "../anthropic-messages/decode-response.ts";
import { AnthropicStreamDecoder } from "../anthropic-messages/stream-decoder.ts";
import type { IrTool } from "../ir/request.ts";
import { translateSseStream } from "../translate-stream.ts";
import { encodeOpenAiResponsesResponse } from "./encode-response.ts";
import { decodeReasoningToken, thinkingDigest } from "./reasoning-token.ts";
import { OpenAiResponsesStreamEncoder } from "./stream-encoder.ts";

const HAND = new URL("../../test-fixtures/", import.meta.url);
const REC = new URL("../../../../fixtures/recorded/", import.meta.url);
const fixture = (file: string) =>
  new Uint8Array(readFileSync(new URL(file, HAND_MADE.includes(file) ? HAND : REC)));
const TOOLS: IrTool[] = [{ name: "apply_patch", inputSchema: {}, custom: {} }];

/** An SDK client whose "network" answers with the translation of an Anthropic fixture. */
function client(file: string): OpenAI {
  return new OpenAI({
    apiKey: "sk-cc-test",
    baseURL: "https://gateway.test/v1",
    maxRetries: 0,
    fetch: async (_url, init) => {
      const body = JSON.parse(String(init?.body)) as { stream?: boolean };
      if (!body.stream) {
        const message = anthropicMessageFromEvents(sseEvents(fixture(file)));
        const res = decodeAnthropicResponse(message);
        return Response.json(encodeOpenAiResponsesResponse(res, { createdAt: CREATED_AT, tools: TOOLS }));
      }
      const encoder = new OpenAiResponsesStreamEncoder({ createdAt: CREATED_AT, tools: TOOLS });
      const stream = new Blob([fixture(file)])
        .stream()
        .pipeThrough(translateSseStream(new AnthropicStreamDecoder(), encoder));
      return new Response(stream, { headers: { "content-type": "text/event-stream" } });
    },
  });
}

// The stream helper adds `parsed` / `parsed_arguments` (its structured-output parsing) that
// a plain create() does not: they are not ours and are left out.
const unparsed = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (k, v) => (k === "parsed" || k === "parsed_arguments" ? undefined : v)));

// What a client reads off a response; function arguments compared as JSON (spacing may differ).
const shape = (r: OpenAI.Responses.Response) => ({
  id: r.id,
  status: r.status,
  usage: r.usage,
  incomplete: r.incomplete_details,
  text: r.output_text,
  output: r.output.map((item) =>
    unparsed(item.type === "function_call" ? { ...item, arguments: JSON.parse(item.arguments) } : item),
  ),
});

const params = { model: "claude-opus-4-7", input: "Weather?" };

describe("OpenAI SDK as a Responses client", () => {
  for (const file of [...RECORDED, ...HAND_MADE].filter((f) => f !== "a-error-midstream.sse")) {
    it(`${file}: the SDK's accumulated stream equals the non-streamed response`, async () => {
      const c = client(file);
      const streamed = await c.responses.stream(params).finalResponse();
      const plain = await c.responses.create(params);
      expect(shape(streamed)).toEqual(shape(plain));
    });
  }

  it("a-thinking-tool.sse: the reasoning item's encrypted_content is Claude's signed block", async () => {
    const streamed = await client("a-thinking-tool.sse").responses.stream(params).finalResponse();
    const reasoning = streamed.output[0];
    expect(reasoning?.type).toBe("reasoning");
    const read = decodeReasoningToken(
      reasoning?.type === "reasoning" ? (reasoning.encrypted_content ?? "") : "",
    );
    const text = "The user wants the weather; I should call get_weather.";
    expect(reasoning?.type === "reasoning" && reasoning.summary).toEqual([{ type: "summary_text", text }]);
    expect(read).toEqual({
      kind: "token",
      token: { v: 2, signature: "EqQBCkYIBxgCKkBsig0000handmade", digest: thinkingDigest(text) },
    });
  });

  it("a-apply-patch.sse: the custom tool call arrives as a custom_tool_call with the raw patch", async () => {
    const streamed = await client("a-apply-patch.sse").responses.stream(params).finalResponse();
    expect(streamed.output.at(-1)).toMatchObject({
      type: "custom_tool_call",
      call_id: "toolu_01ApplyPatch0000000001",
      name: "apply_patch",
      input: "*** Begin Patch\n*** Add File: hello.txt\n+Hello, world!\n*** End Patch\n",
    });
  });

  it("a-error-midstream.sse: the stream ends with a failed response carrying response.error", async () => {
    const stream = client("a-error-midstream.sse").responses.stream(params);
    const types: string[] = [];
    stream.on("event", (e) => types.push(e.type));
    const final = await stream.finalResponse();
    expect(final.status).toBe("failed");
    expect(final.error).toEqual({ code: "overloaded", message: "Overloaded" });
    expect(types.at(-1)).toBe("response.failed");
    expect(types).not.toContain("response.output_item.done");
  });

  it("a-max-tokens.sse: truncation is an incomplete response, the text kept", async () => {
    const final = await client("a-max-tokens.sse").responses.stream(params).finalResponse();
    expect(final.status).toBe("incomplete");
    expect(final.incomplete_details).toEqual({ reason: "max_output_tokens" });
    expect(final.output_text).toBe("Once upon a time, in a land far");
  });
});
