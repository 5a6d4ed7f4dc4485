import { describe, expect, it } from "vitest";
import { encodeReasoningToken } from "../openai-responses/reasoning-token.ts";
import { decodeGeminiRequest, parseGeminiRequest } from "./decode-request.ts";

const decode = (body: unknown, model = "claude-sonnet-4-6", stream = false) =>
  decodeGeminiRequest(parseGeminiRequest(body), model, stream);
const user = (text: string) => ({ role: "user", parts: [{ text }] });

describe("generateContent → IR", () => {
  it("maps system instruction, turns, generation config and tools; either spelling of the fields", () => {
    const ir = decode(
      {
        system_instruction: { parts: [{ text: "Be brief." }] },
        contents: [user("Hi"), { role: "model", parts: [{ text: "Hello" }] }, user("Weather?")],
        tools: [
          {
            function_declarations: [
              {
                name: "get_weather",
                description: "d",
                parameters: {
                  type: "OBJECT",
                  properties: { city: { type: "STRING", nullable: true } },
                  propertyOrdering: ["city"],
                },
              },
            ],
          },
        ],
        tool_config: { function_calling_config: { mode: "ANY", allowed_function_names: ["get_weather"] } },
        generation_config: {
          max_output_tokens: 300,
          temperature: 1.5,
          top_p: 0.9,
          top_k: 64,
          stop_sequences: ["END"],
        },
      },
      "claude-sonnet-4-6",
      true,
    );
    expect(ir).toMatchObject({
      model: "claude-sonnet-4-6",
      system: [{ type: "text", text: "Be brief." }],
      maxOutputTokens: 300,
      temperature: 1.5,
      topP: 0.9,
      stopSequences: ["END"],
      stream: true,
      toolChoice: { type: "tool", name: "get_weather" },
    });
    expect(ir.messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(ir.tools[0]).toEqual({
      name: "get_weather",
      description: "d",
      inputSchema: { type: "object", properties: { city: { type: ["string", "null"] } } },
    });
  });

  it("pairs function responses with their calls, by id or else by name in order", () => {
    const ir = decode({
      contents: [
        user("go"),
        {
          role: "model",
          parts: [{ functionCall: { name: "a", args: { x: 1 } } }, { functionCall: { id: "c2", name: "b" } }],
        },
        {
          role: "user",
          parts: [
            { text: "and then?" },
            { functionResponse: { id: "c2", name: "b", response: { error: "boom" } } },
            { functionResponse: { name: "a", response: { output: "ok" } } },
          ],
        },
      ],
    });
    expect(ir.messages[1]?.content).toEqual([
      { type: "tool_call", id: "call_1_0", name: "a", input: { x: 1 } },
      { type: "tool_call", id: "c2", name: "b", input: {} },
    ]);
    // Results first in their turn, as Claude requires.
    expect(ir.messages[2]?.content).toEqual([
      { type: "tool_result", toolCallId: "c2", content: [{ type: "text", text: "boom" }], isError: true },
      { type: "tool_result", toolCallId: "call_1_0", content: [{ type: "text", text: "ok" }] },
      { type: "text", text: "and then?" },
    ]);
  });

  it("puts results first in a user turn merged from several contents (a text, then a result)", () => {
    const ir = decode({
      contents: [
        user("go"),
        { role: "model", parts: [{ functionCall: { id: "c1", name: "a", args: {} } }] },
        user("one more thing"),
        { role: "user", parts: [{ functionResponse: { id: "c1", name: "a", response: { output: "ok" } } }] },
      ],
    });
    expect(ir.messages).toHaveLength(3);
    expect(ir.messages[2]?.content).toEqual([
      { type: "tool_result", toolCallId: "c1", content: [{ type: "text", text: "ok" }] },
      { type: "text", text: "one more thing" },
    ]);
  });

  it("restores another vendor's reasoning from a thought signature, before the part it rode on", () => {
    const claude = encodeReasoningToken({ v: 1, thinking: "hmm", signature: "sig-claude" });
    const ir = decode({
      contents: [
        user("go"),
        { role: "model", parts: [{ functionCall: { id: "t1", name: "a" }, thoughtSignature: claude }] },
      ],
    });
    expect(ir.messages[1]?.content).toEqual([
      { type: "thinking", text: "hmm", signature: "sig-claude" },
      { type: "tool_call", id: "t1", name: "a", input: {} },
    ]);
    // Gemini's own signature means nothing to Claude: dropped. An altered token is a 400.
    expect(
      decode({ contents: [user("x"), { role: "model", parts: [{ text: "y", thoughtSignature: "CiQB" }] }] })
        .messages[1]?.content,
    ).toEqual([{ type: "text", text: "y" }]);
    expect(() =>
      decode({
        contents: [user("x"), { role: "model", parts: [{ text: "y", thoughtSignature: "ccgw1.@@" }] }],
      }),
    ).toThrow(/contents\.1\.parts\.0\.thoughtSignature: was altered/);
  });

  it.each([
    [{ thinkingConfig: { thinkingBudget: 0 } }, { mode: "off" }],
    [
      { thinkingConfig: { thinkingBudget: 2048, includeThoughts: true } },
      { mode: "budget", budgetTokens: 2048, display: "summarized" },
    ],
    [{ thinkingConfig: { thinkingBudget: -1 } }, { mode: "adaptive" }],
    [
      { thinkingConfig: { thinkingLevel: "minimal" } },
      { mode: "adaptive", effort: { value: "low", raw: "minimal" } },
    ],
    [{ thinkingConfig: { includeThoughts: true } }, undefined],
  ])("thinking %j → %j", (generationConfig, reasoning) => {
    expect(decode({ contents: [user("x")], generationConfig }).reasoning).toEqual(reasoning);
  });

  it("structured output: responseJsonSchema, or responseSchema made JSON Schema", () => {
    const ir = decode({
      contents: [user("x")],
      generationConfig: {
        responseMimeType: "application/json",
        responseSchema: { type: "OBJECT", properties: { a: { type: "INTEGER" } } },
      },
    });
    expect(ir.responseFormat).toEqual({
      type: "json_schema",
      schema: { type: "object", properties: { a: { type: "integer" } } },
    });
  });

  it("inline images and PDFs become media; text files become text", () => {
    const ir = decode({
      contents: [
        {
          role: "user",
          parts: [
            { inlineData: { mimeType: "image/png", data: "iVBOR" } },
            { inlineData: { mimeType: "application/pdf", data: "JVBER" } },
            { inlineData: { mimeType: "text/plain", data: btoa("notes") } },
          ],
        },
      ],
    });
    expect(ir.messages[0]?.content).toEqual([
      { type: "image", source: { type: "base64", mediaType: "image/png", data: "iVBOR" } },
      { type: "document", source: { type: "base64", mediaType: "application/pdf", data: "JVBER" } },
      { type: "text", text: "notes" },
    ]);
  });

  it.each([
    [{ generationConfig: { candidateCount: 2 } }, "generationConfig.candidateCount"],
    [{ tools: [{ googleSearch: {} }] }, "tools.0.googleSearch"],
    [{ cachedContent: "cachedContents/x" }, "cachedContent"],
    [{ generationConfig: { responseModalities: ["AUDIO"] } }, "generationConfig.responseModalities"],
    [
      { contents: [{ role: "user", parts: [{ fileData: { fileUri: "files/abc" } }] }] },
      "contents.0.parts.0.fileData",
    ],
    [
      { contents: [{ role: "user", parts: [{ inlineData: { mimeType: "audio/mpeg", data: "AAAA" } }] }] },
      "contents.0.parts.0.inlineData.mimeType",
    ],
    [{ contents: [{ role: "system", parts: [{ text: "x" }] }] }, "contents.0.role"],
    [
      { generationConfig: { thinkingConfig: { thinkingLevel: "ULTRA" } } },
      "generationConfig.thinkingConfig.thinkingLevel",
    ],
  ])("what only Gemini can do is a 400 naming the field: %j", (extra, param) => {
    expect(() => decode({ contents: [user("x")], ...extra })).toThrow(
      expect.objectContaining({ status: 400, param }),
    );
  });
});
