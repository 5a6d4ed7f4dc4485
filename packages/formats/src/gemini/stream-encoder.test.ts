// Claude's streams (recorded and hand-made) to a Gemini client: the folded Gemini chunks equal
// the non-streamed translation; reasoning rides in thought signatures and comes back whole.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { foldGeminiChunks, geminiChunks } from "../../test-fixtures/fold-gemini.ts";
import { anthropicMessageFromEvents, HAND_MADE, RECORDED, sseEvents } from "../../test-fixtures/replay.ts";
import { decodeAnthropicResponse } from "../anthropic-messages/decode-response.ts";
import { encodeAnthropicRequest } from "../anthropic-messages/encode-request.ts";
import { AnthropicStreamDecoder } from "../anthropic-messages/stream-decoder.ts";
import { SseTranslator } from "../translate-stream.ts";
import { decodeGeminiRequest, parseGeminiRequest } from "./decode-request.ts";
import { encodeGeminiResponse } from "./encode-response.ts";
import { GeminiStreamEncoder } from "./stream-encoder.ts";

const HAND = new URL("../../test-fixtures/", import.meta.url);
const REC = new URL("../../../../fixtures/recorded/", import.meta.url);
const raw = (file: string) =>
  new Uint8Array(readFileSync(new URL(file, HAND_MADE.includes(file) ? HAND : REC)));

function translate(file: string, includeThoughts: boolean): string {
  const t = new SseTranslator(
    new AnthropicStreamDecoder(),
    new GeminiStreamEncoder({ model: "claude-x", includeThoughts }),
  );
  const bytes = raw(file);
  // Split at every 7th byte: frames cut mid-line must make no difference.
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += 7) {
    const piece = t.push(bytes.subarray(i, i + 7));
    if (piece) out.push(piece);
  }
  const tail = t.end();
  if (tail) out.push(tail);
  return out.map((b) => new TextDecoder().decode(b)).join("");
}

describe("folded stream = non-streamed translation", () => {
  for (const file of [...RECORDED, ...HAND_MADE].filter((f) => f !== "a-error-midstream.sse")) {
    it.each([true, false])(`${file} (includeThoughts %s)`, (includeThoughts) => {
      const direct = encodeGeminiResponse(
        decodeAnthropicResponse(anthropicMessageFromEvents(sseEvents(raw(file)))),
        {
          model: "claude-x",
          includeThoughts,
        },
      );
      expect(foldGeminiChunks(geminiChunks(translate(file, includeThoughts)))).toEqual(
        JSON.parse(JSON.stringify(direct)),
      );
    });
  }

  it("a stream that failed ends with Google's error body and no finishReason", () => {
    const chunks = geminiChunks(translate("a-error-midstream.sse", false));
    expect(chunks.at(-1)).toEqual({
      error: { code: 529, message: expect.any(String), status: "UNAVAILABLE" },
    });
    expect(() => foldGeminiChunks(chunks)).toThrow(/finishReason/);
  });
});

describe("a tool loop of a Gemini client on Claude", () => {
  it("the signed thinking comes back in the thought signature and Claude gets its blocks intact", () => {
    const answer = foldGeminiChunks(geminiChunks(translate("a-thinking-tool.sse", true)));
    const content = (answer.candidates as { content: { parts: Record<string, unknown>[] } }[])[0]!.content;
    const call = content.parts.find((p) => p.functionCall) as { functionCall: { id: string; name: string } };
    expect(call).toMatchObject({ thoughtSignature: expect.stringMatching(/^ccgw1\./) });
    const next = parseGeminiRequest({
      contents: [
        { role: "user", parts: [{ text: "Weather in Oslo?" }] },
        content,
        {
          role: "user",
          parts: [
            {
              functionResponse: {
                id: call.functionCall.id,
                name: call.functionCall.name,
                response: { output: "5 °C" },
              },
            },
          ],
        },
      ],
    });
    const body = encodeAnthropicRequest(decodeGeminiRequest(next, "claude-sonnet-4-6", false));
    expect(body.messages[1]?.content).toEqual([
      {
        type: "thinking",
        thinking: "The user wants the weather; I should call get_weather.",
        signature: "EqQBCkYIBxgCKkBsig0000handmade",
      },
      {
        type: "tool_use",
        id: "toolu_01ThinkThenCall000000001",
        name: "get_weather",
        input: { city: "Oslo" },
      },
    ]);
    expect(body.messages[2]?.content).toEqual([
      {
        type: "tool_result",
        tool_use_id: "toolu_01ThinkThenCall000000001",
        content: [{ type: "text", text: "5 °C" }],
      },
    ]);
  });
});
