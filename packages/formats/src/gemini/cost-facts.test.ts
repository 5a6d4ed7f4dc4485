import { describe, expect, it } from "vitest";
import { GEMINI_IMAGE_TOKENS_BOUND, geminiCostFacts } from "./cost-facts.ts";

describe("what a generateContent body can cost", () => {
  it("the output cap and candidates; images at their bound, other media by the context window", () => {
    const facts = geminiCostFacts({
      contents: [
        {
          parts: [
            { inline_data: { mime_type: "image/png", data: "abcd" } },
            { inlineData: { mimeType: "video/mp4", data: "abcdef" } },
            { fileData: { fileUri: "https://generativelanguage.googleapis.com/v1beta/files/abc-123" } },
          ],
        },
      ],
      generation_config: { max_output_tokens: 512, candidate_count: 3 },
    });
    expect(facts).toMatchObject({
      maxOutputTokens: 512,
      choices: 3,
      imageTokens: GEMINI_IMAGE_TOKENS_BOUND,
      documents: 2,
      inlineMediaChars: 10,
      refs: [{ kind: "file", id: "files/abc-123", field: "contents" }],
    });
  });

  it("Google's tools by billing name, a non-standard tier, and explicit caches refused", () => {
    const facts = geminiCostFacts({
      contents: [],
      tools: [{ googleSearch: {} }, { codeExecution: {} }, { functionDeclarations: [] }],
      serviceTier: "FLEX",
      cachedContent: "cachedContents/x",
    });
    expect(facts.tools).toEqual([
      { tool: "google_search", maxUses: 10, field: "tools.0.googleSearch" },
      { tool: "code_execution", maxUses: 10, field: "tools.1.codeExecution" },
    ]);
    expect(facts.serviceTier).toEqual({ tier: "flex", field: "serviceTier" });
    expect(facts.refused[0]?.field).toBe("cachedContent");
  });
});
