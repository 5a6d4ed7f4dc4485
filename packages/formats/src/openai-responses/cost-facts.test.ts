import { describe, expect, it } from "vitest";
import { codexBody, user } from "../../test-fixtures/codex-request.ts";
import { OPENAI_IMAGE_TOKENS_BOUND, openAiResponsesCostFacts } from "./cost-facts.ts";

const body = (extra: Record<string, unknown>) => ({ model: "gpt-5.5", input: "Hi", ...extra });
const PNG_URL = "data:image/png;base64,iVBORw0KGgo="; // 34 characters
const PDF_DATA = "data:application/pdf;base64,JVBERi0xLjQK"; // 40 characters

describe("openAiResponsesCostFacts", () => {
  it("a plain request: its max_output_tokens, nothing extra", () => {
    expect(openAiResponsesCostFacts(body({ max_output_tokens: 2048 }))).toEqual({
      inputKind: "input",
      imageTokens: 0,
      documents: 0,
      inlineMediaChars: 0,
      choices: 1,
      maxOutputTokens: 2048,
      tools: [],
      refused: [],
      refs: [],
    });
    expect(openAiResponsesCostFacts(body({})).maxOutputTokens).toBeUndefined();
  });

  it("hosted tools are extras bounded by max_tool_calls; the client's own tools are not", () => {
    const tools = [
      { type: "function", name: "f", parameters: { type: "object" } },
      { type: "custom", name: "apply_patch" },
      { type: "local_shell" },
      { type: "shell" },
      { type: "apply_patch" },
      { type: "computer_use_preview", display_width: 1024, display_height: 768, environment: "browser" },
      { type: "namespace", name: "multi_agent_v1", tools: [] },
      { type: "tool_search", execution: "client" },
      { type: "web_search" },
      { type: "web_search_preview_2025_03_11" },
      { type: "file_search", vector_store_ids: ["vs_1"] },
      { type: "code_interpreter", container: { type: "auto" } },
      { type: "tool_search" },
    ];
    const hosted = (maxUses: number) => [
      { tool: "web_search", maxUses, field: "tools.8.type" },
      { tool: "web_search", maxUses, field: "tools.9.type" },
      { tool: "file_search", maxUses, field: "tools.10.type" },
      { tool: "code_interpreter", maxUses, field: "tools.11.type" },
      { tool: "tool_search", maxUses, field: "tools.12.type" },
    ];
    expect(openAiResponsesCostFacts(body({ tools })).tools).toEqual(hosted(10));
    expect(openAiResponsesCostFacts(body({ tools, max_tool_calls: 3 })).tools).toEqual(hosted(3));
    expect(openAiResponsesCostFacts(body({ tools, max_tool_calls: 0 })).tools).toEqual(hosted(0));
    expect(openAiResponsesCostFacts(body({ tools, max_tool_calls: -1 })).tools).toEqual(hosted(10));
  });

  it("a Codex request (gpt-5.5 shape) asks for one extra only: its web search", () => {
    const facts = openAiResponsesCostFacts({ ...codexBody([user("say hi")]), model: "gpt-5.5" });
    expect([facts.tools, facts.refused, facts.maxOutputTokens]).toEqual([
      [{ tool: "web_search", maxUses: 10, field: "tools.3.type" }],
      [],
      undefined,
    ]);
  });

  it("background mode is refused, naming the field", () => {
    expect(openAiResponsesCostFacts(body({ background: true })).refused).toEqual([
      {
        field: "background",
        message:
          "background: background responses are not offered by this gateway; stream the response instead.",
      },
    ]);
    expect(openAiResponsesCostFacts(body({ background: false })).refused).toEqual([]);
  });

  it("counts input images and files wherever they are in the input, inline data as media", () => {
    const facts = openAiResponsesCostFacts(
      body({
        instructions: "Describe.",
        input: [
          {
            role: "user",
            content: [
              { type: "input_text", text: "Look" },
              { type: "input_image", image_url: PNG_URL },
              { type: "input_image", image_url: "https://example.com/cat.png" },
              { type: "input_image", file_id: "file-img" },
              { type: "input_file", file_data: PDF_DATA, filename: "a.pdf" },
              { type: "input_file", file_url: "https://example.com/a.pdf" },
              { type: "input_file", file_id: "file-pdf" },
            ],
          },
          {
            type: "function_call_output",
            call_id: "call_1",
            output: [{ type: "input_image", image_url: PNG_URL }],
          },
        ],
      }),
    );
    expect(OPENAI_IMAGE_TOKENS_BOUND).toBe(10_000);
    expect([facts.imageTokens, facts.documents, facts.inlineMediaChars]).toEqual([40_000, 3, 34 + 40 + 34]);
  });

  it("names a service tier other than the standard ones", () => {
    const tier = (service_tier: unknown) => openAiResponsesCostFacts(body({ service_tier })).serviceTier;
    expect(tier("priority")).toEqual({ tier: "priority", field: "service_tier" });
    expect(tier("default")).toBeUndefined();
    expect(tier("auto")).toBeUndefined();
    expect(tier(null)).toBeUndefined();
  });
});
