import { type Content, FunctionCallingConfigMode, GoogleGenAI } from "@google/genai";
import { describe, expect, inject, it } from "vitest";

// @google/genai as its users configure it for a gateway: the base URL and the key. It calls the
// /v1 paths (https://googleapis.github.io/js-genai/).
const ai = new GoogleGenAI({
  apiKey: inject("demoKey"),
  httpOptions: { baseUrl: `${inject("baseUrl")}/api/proxy` },
});

const lookup = {
  name: "lookup_order",
  description: "Find an order",
  parametersJsonSchema: {
    type: "object",
    properties: { order_id: { type: "string" } },
    required: ["order_id"],
  },
};

describe("the @google/genai SDK", () => {
  it("generateContent on a Gemini model (passthrough), with its usage", async () => {
    const res = await ai.models.generateContent({
      model: "gemini-2.5-flash",
      contents: "Say hello to the SDK",
    });
    expect(res.text).toContain("Say hello to the SDK");
    expect(res.usageMetadata?.promptTokenCount).toBeGreaterThan(0);
  });

  it.each(["gemini-3.1-pro-preview", "claude-sonnet-4-6", "gpt-5.5"])(
    "generateContentStream on %s",
    async (model) => {
      const stream = await ai.models.generateContentStream({ model, contents: "Stream to the SDK" });
      let text = "";
      let finish: string | undefined;
      for await (const chunk of stream) {
        text += chunk.text ?? "";
        finish = chunk.candidates?.[0]?.finishReason ?? finish;
      }
      expect(text).toContain("Stream to the SDK");
      expect(finish).toBe("STOP");
    },
  );

  it.each(["gemini-3.1-pro-preview", "claude-sonnet-4-6"])(
    "a function-call round trip on %s",
    async (model) => {
      const config = {
        tools: [{ functionDeclarations: [lookup] }],
        toolConfig: {
          functionCallingConfig: {
            mode: FunctionCallingConfigMode.ANY,
            allowedFunctionNames: ["lookup_order"],
          },
        },
      };
      const question: Content = { role: "user", parts: [{ text: "Where is order 42?" }] };
      const first = await ai.models.generateContent({ model, contents: [question], config });
      const call = first.functionCalls?.[0];
      expect(call?.name).toBe("lookup_order");
      const reply: Content = {
        role: "user",
        parts: [
          {
            functionResponse: {
              id: call?.id,
              name: "lookup_order",
              response: { output: "shipped yesterday" },
            },
          },
        ],
      };
      const second = await ai.models.generateContent({
        model,
        contents: [question, first.candidates?.[0]?.content as Content, reply],
        config: { tools: config.tools },
      });
      expect(second.text).toContain("Mock received the tool result: shipped yesterday");
    },
  );

  it("countTokens and the model list", async () => {
    const counted = await ai.models.countTokens({ model: "claude-sonnet-4-6", contents: "Count me" });
    expect(counted.totalTokens).toBeGreaterThan(0);
    const names: string[] = [];
    for await (const m of await ai.models.list()) names.push(m.name ?? "");
    expect(names).toContain("models/gemini-3.1-pro-preview");
    expect(names).toContain("models/claude-sonnet-4-6");
  });
});
