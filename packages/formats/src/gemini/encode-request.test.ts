import { describe, expect, it } from "vitest";
import type { IrRequest } from "../ir/request.ts";
import { encodeReasoningToken } from "../openai-responses/reasoning-token.ts";
import { encodeGeminiRequest, SKIP_SIGNATURE } from "./encode-request.ts";

const ir = (over: Partial<IrRequest> = {}): IrRequest => ({
  model: "gemini-3.1-pro-preview",
  system: [],
  messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }],
  tools: [],
  maxOutputTokens: 1000,
  stopSequences: [],
  metadata: {},
  stream: false,
  extra: {},
  ...over,
});

describe("IR → generateContent", () => {
  it("system text (without Claude Code's attribution line), tools as JSON Schema, tool choice", () => {
    const body = encodeGeminiRequest(
      ir({
        system: [
          { type: "text", text: "x-anthropic-billing-header: cc_version=1;" },
          { type: "text", text: "Be brief." },
        ],
        tools: [
          {
            name: "Read",
            description: "read",
            inputSchema: { type: "object", properties: { p: { type: "string" } } },
          },
        ],
        toolChoice: { type: "tool", name: "Read" },
        temperature: 3,
      }),
    );
    expect(body.systemInstruction).toEqual({ parts: [{ text: "Be brief." }] });
    expect(body.tools).toEqual([
      {
        functionDeclarations: [
          {
            name: "Read",
            description: "read",
            parametersJsonSchema: { type: "object", properties: { p: { type: "string" } } },
          },
        ],
      },
    ]);
    expect(body.toolConfig).toEqual({
      functionCallingConfig: { mode: "ANY", allowedFunctionNames: ["Read"] },
    });
    expect(body.generationConfig).toEqual({ maxOutputTokens: 1000, temperature: 2 });
  });

  it.each([
    [
      "gemini-3.1-pro-preview",
      { mode: "adaptive", effort: { value: "medium", raw: "medium" }, display: "omitted" },
      { thinkingLevel: "MEDIUM", includeThoughts: false },
    ],
    [
      "gemini-3.1-pro-preview",
      { mode: "budget", budgetTokens: 31_999 },
      { thinkingLevel: "HIGH", includeThoughts: true },
    ],
    [
      "gemini-2.5-flash",
      { mode: "budget", budgetTokens: 31_999 },
      { thinkingBudget: 24_576, includeThoughts: true },
    ],
    ["gemini-2.5-flash", { mode: "adaptive" }, { thinkingBudget: -1, includeThoughts: true }],
    ["gemini-2.5-flash", { mode: "off" }, { thinkingBudget: 0 }],
    ["gemini-2.5-pro", { mode: "off" }, { includeThoughts: false }],
  ] as const)("%s thinking %j → %j", (model, reasoning, thinkingConfig) => {
    expect(encodeGeminiRequest(ir({ model, reasoning })).generationConfig.thinkingConfig).toEqual(
      thinkingConfig,
    );
  });

  it("a Gemini signature goes back on its call; a call without one gets Google's placeholder on Gemini 3", () => {
    const signed = encodeReasoningToken({ v: 1, gemini: { signature: "CiQBreal" } });
    const turns = (model: string) =>
      encodeGeminiRequest(
        ir({
          model,
          messages: [
            { role: "user", content: [{ type: "text", text: "go" }] },
            {
              role: "assistant",
              content: [
                { type: "thinking", text: "", signature: signed },
                { type: "tool_call", id: "c1", name: "a", input: {} },
                { type: "tool_call", id: "c2", name: "b", input: {} },
              ],
            },
            {
              role: "user",
              content: [
                { type: "tool_result", toolCallId: "c1", content: [{ type: "text", text: "ok" }] },
                {
                  type: "tool_result",
                  toolCallId: "c2",
                  content: [{ type: "text", text: "bad" }],
                  isError: true,
                },
              ],
            },
            // Claude's own thinking before a call: meaningless to Gemini, so the placeholder.
            {
              role: "assistant",
              content: [
                { type: "thinking", text: "t", signature: "claude-sig" },
                { type: "tool_call", id: "c3", name: "a", input: {} },
              ],
            },
          ],
        }),
      ).contents;
    const contents = turns("gemini-3.1-pro-preview");
    expect(contents[1]).toEqual({
      role: "model",
      parts: [
        { functionCall: { id: "c1", name: "a", args: {} }, thoughtSignature: "CiQBreal" },
        { functionCall: { id: "c2", name: "b", args: {} } },
      ],
    });
    expect(contents[2]).toEqual({
      role: "user",
      parts: [
        { functionResponse: { id: "c1", name: "a", response: { output: "ok" } } },
        { functionResponse: { id: "c2", name: "b", response: { error: "bad" } } },
      ],
    });
    expect(contents[3]?.parts[0]).toEqual({
      functionCall: { id: "c3", name: "a", args: {} },
      thoughtSignature: SKIP_SIGNATURE,
    });
    // Gemini 2.5 validates no signature: none is made up.
    expect(turns("gemini-2.5-flash")[3]?.parts[0]).toEqual({
      functionCall: { id: "c3", name: "a", args: {} },
    });
  });

  it("what Gemini cannot take is a 400: more than 5 stop sequences, an image URL", () => {
    expect(() => encodeGeminiRequest(ir({ stopSequences: ["a", "b", "c", "d", "e", "f"] }))).toThrow(
      /at most 5/,
    );
    expect(() =>
      encodeGeminiRequest(
        ir({
          messages: [
            { role: "user", content: [{ type: "image", source: { type: "url", url: "https://x/y.png" } }] },
          ],
        }),
      ),
    ).toThrow(expect.objectContaining({ status: 400 }));
  });
});
