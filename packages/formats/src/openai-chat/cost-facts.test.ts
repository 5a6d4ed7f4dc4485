import { describe, expect, it } from "vitest";
import { OPENAI_IMAGE_TOKENS_BOUND } from "../openai-responses/cost-facts.ts";
import { openAiChatCostFacts } from "./cost-facts.ts";

const body = (extra: Record<string, unknown>) => ({
  model: "gpt-5.5",
  messages: [{ role: "user", content: "Hi" }],
  ...extra,
});
const user = (content: unknown[]) => ({ messages: [{ role: "user", content }] });
const PNG_URL = "data:image/png;base64,iVBORw0KGgo="; // 34 characters
const PDF_DATA = "data:application/pdf;base64,JVBERi0xLjQK"; // 40 characters

describe("openAiChatCostFacts", () => {
  it("a plain request: one answer, no cap named, nothing extra", () => {
    expect(openAiChatCostFacts(body({}))).toEqual({
      inputKind: "input",
      imageTokens: 0,
      documents: 0,
      inlineMediaChars: 0,
      choices: 1,
      maxOutputTokens: undefined,
      tools: [],
      refused: [],
      refs: [],
    });
  });

  it("n answers, each capped by max_completion_tokens, else max_tokens", () => {
    expect(openAiChatCostFacts(body({ n: 4 })).choices).toBe(4);
    expect(openAiChatCostFacts(body({ max_completion_tokens: 500, max_tokens: 900 })).maxOutputTokens).toBe(
      500,
    );
    expect(openAiChatCostFacts(body({ max_tokens: 900 })).maxOutputTokens).toBe(900);
    expect(openAiChatCostFacts(body({ max_completion_tokens: null, max_tokens: 900 })).maxOutputTokens).toBe(
      900,
    );
  });

  it("counts images at the bound, data URLs as inline media", () => {
    const facts = openAiChatCostFacts(
      body(
        user([
          { type: "text", text: "What is this?" },
          { type: "image_url", image_url: { url: PNG_URL } },
          { type: "image_url", image_url: { url: "https://example.com/cat.png", detail: "high" } },
        ]),
      ),
    );
    expect(OPENAI_IMAGE_TOKENS_BOUND).toBe(10_000);
    expect([facts.imageTokens, facts.inlineMediaChars, facts.documents]).toEqual([20_000, 34, 0]);
  });

  it("counts files as documents, their inline data as media", () => {
    const facts = openAiChatCostFacts(
      body(
        user([
          { type: "file", file: { file_data: PDF_DATA, filename: "a.pdf" } },
          { type: "file", file: { file_id: "file-abc" } },
        ]),
      ),
    );
    expect([facts.documents, facts.inlineMediaChars, facts.imageTokens]).toEqual([2, 40, 0]);
  });

  it("refuses audio input once, and audio output by audio or modalities", () => {
    const audioIn = { type: "input_audio", input_audio: { data: "UklGR", format: "wav" } };
    expect(openAiChatCostFacts(body(user([audioIn, audioIn]))).refused).toEqual([
      { field: "messages", message: "messages: audio input is not offered by this gateway." },
    ]);
    expect(openAiChatCostFacts(body({ audio: { voice: "alloy", format: "wav" } })).refused).toEqual([
      { field: "audio", message: "audio: audio output is not offered by this gateway." },
    ]);
    expect(openAiChatCostFacts(body({ modalities: ["text", "audio"] })).refused).toEqual([
      { field: "modalities", message: "modalities: audio output is not offered by this gateway." },
    ]);
    expect(openAiChatCostFacts(body({ modalities: ["text"], audio: null })).refused).toEqual([]);
  });

  it("refuses web_search_options: Chat usage has no count of the searches to bill", () => {
    const facts = openAiChatCostFacts(body({ web_search_options: {} }));
    expect(facts.tools).toEqual([]);
    expect(facts.refused.map((r) => r.field)).toEqual(["web_search_options"]);
    expect(openAiChatCostFacts(body({ web_search_options: null })).refused).toEqual([]);
  });

  it("names a service tier other than the standard ones", () => {
    const tier = (service_tier: unknown) => openAiChatCostFacts(body({ service_tier })).serviceTier;
    expect(tier("priority")).toEqual({ tier: "priority", field: "service_tier" });
    expect(tier("flex")).toEqual({ tier: "flex", field: "service_tier" });
    expect(tier("default")).toBeUndefined();
    expect(tier("auto")).toBeUndefined();
    expect(tier(undefined)).toBeUndefined();
  });
});
