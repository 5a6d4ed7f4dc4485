import { describe, expect, it } from "vitest";
import { ANTHROPIC_IMAGE_TOKENS_BOUND, anthropicCostFacts } from "./cost-facts.ts";

const body = (extra: Record<string, unknown>) => ({
  model: "claude-sonnet-4-5",
  max_tokens: 1024,
  messages: [{ role: "user", content: "Hi" }],
  ...extra,
});
const user = (content: unknown[]) => ({ messages: [{ role: "user", content }] });
const PNG = "iVBORw0KGgo="; // 12 characters of base64
const PDF = "JVBERi0xLjQK"; // 12 characters of base64

describe("anthropicCostFacts", () => {
  it("a plain request: plain input, its max_tokens, nothing extra", () => {
    expect(anthropicCostFacts(body({}))).toEqual({
      inputKind: "input",
      imageTokens: 0,
      documents: 0,
      inlineMediaChars: 0,
      choices: 1,
      maxOutputTokens: 1024,
      tools: [],
      refused: [],
      refs: [],
    });
    const { max_tokens: _, ...noCap } = body({});
    expect(anthropicCostFacts(noCap).maxOutputTokens).toBeUndefined();
  });

  describe("cache writes", () => {
    const kind = (extra: Record<string, unknown>) => anthropicCostFacts(body(extra)).inputKind;
    const ephemeral = { type: "ephemeral" };
    const hour = { type: "ephemeral", ttl: "1h" };

    it("a cache_control anywhere makes the input a 5-minute write", () => {
      expect(
        kind({ tools: [{ name: "f", input_schema: { type: "object" }, cache_control: ephemeral }] }),
      ).toBe("cacheWrite5m");
      expect(kind({ system: [{ type: "text", text: "Be brief.", cache_control: ephemeral }] })).toBe(
        "cacheWrite5m",
      );
      expect(
        kind(user([{ type: "text", text: "Hi", cache_control: { type: "ephemeral", ttl: "5m" } }])),
      ).toBe("cacheWrite5m");
      // Automatic caching: one marker at the top of the body.
      expect(kind({ cache_control: ephemeral })).toBe("cacheWrite5m");
    });

    it("a 1-hour marker makes it a 1-hour write, nested or not, wherever the 5-minute ones are", () => {
      const nested = user([
        { type: "text", text: "first", cache_control: ephemeral },
        {
          type: "tool_result",
          tool_use_id: "toolu_1",
          content: [{ type: "text", text: "result", cache_control: hour }],
        },
      ]);
      expect(kind(nested)).toBe("cacheWrite1h");
      expect(
        kind({
          system: [{ type: "text", text: "sys", cache_control: hour }],
          ...user([{ type: "text", text: "later", cache_control: ephemeral }]),
        }),
      ).toBe("cacheWrite1h");
    });

    it("no marker, or a null one, is plain input", () => {
      expect(kind(user([{ type: "text", text: "Hi", cache_control: null }]))).toBe("input");
    });
  });

  describe("media", () => {
    it("counts every image at the bound whatever its source, base64 data as inline media", () => {
      const facts = anthropicCostFacts(
        body(
          user([
            { type: "image", source: { type: "base64", media_type: "image/png", data: PNG } },
            { type: "image", source: { type: "url", url: "https://example.com/cat.png" } },
            { type: "image", source: { type: "file", file_id: "file_1" } },
            {
              type: "tool_result",
              tool_use_id: "toolu_1",
              content: [
                { type: "image", source: { type: "base64", media_type: "image/gif", data: "R0lGODlh" } },
              ],
            },
          ]),
        ),
      );
      expect(ANTHROPIC_IMAGE_TOKENS_BOUND).toBe(5000);
      expect([facts.imageTokens, facts.inlineMediaChars, facts.documents]).toEqual([20_000, 12 + 8, 0]);
    });

    it("counts PDF documents by any source, and leaves a plain-text document to its bytes", () => {
      const facts = anthropicCostFacts(
        body(
          user([
            { type: "document", source: { type: "base64", media_type: "application/pdf", data: PDF } },
            { type: "document", source: { type: "url", url: "https://example.com/a.pdf" } },
            { type: "document", source: { type: "file", file_id: "file_2" } },
            {
              type: "document",
              source: { type: "text", media_type: "text/plain", data: "Plain text here." },
            },
            { type: "document", source: { type: "content", content: [{ type: "text", text: "Chunk." }] } },
          ]),
        ),
      );
      // The text document's 16 characters stay in the estimate: they are not media.
      expect([facts.documents, facts.inlineMediaChars, facts.imageTokens]).toEqual([3, 12, 0]);
    });

    it("an image inside a document's content is still an image", () => {
      const facts = anthropicCostFacts(
        body(
          user([
            {
              type: "document",
              source: {
                type: "content",
                content: [{ type: "image", source: { type: "base64", media_type: "image/png", data: PNG } }],
              },
            },
          ]),
        ),
      );
      expect([facts.documents, facts.imageTokens, facts.inlineMediaChars]).toEqual([0, 5000, 12]);
    });
  });

  describe("tools", () => {
    it("the client's own tools are no extra; server tools are, with their max_uses or the default bound", () => {
      const facts = anthropicCostFacts(
        body({
          tools: [
            { type: "bash_20250124", name: "bash" },
            { type: "text_editor_20250728", name: "str_replace_based_edit_tool" },
            { type: "computer_20250124", name: "computer", display_width_px: 1024, display_height_px: 768 },
            { type: "memory_20250818", name: "memory" },
            { type: "custom", name: "c", input_schema: { type: "object" } },
            { name: "get_weather", input_schema: { type: "object" } },
            { type: "web_search_20250305", name: "web_search", max_uses: 3 },
            { type: "web_fetch_20250910", name: "web_fetch" },
            { type: "code_execution_20250825", name: "code_execution" },
            { type: "web_search_20250305", name: "web_search", max_uses: 0 },
            { type: "web_search_20250305", name: "web_search", max_uses: -1 },
          ],
        }),
      );
      expect(facts.tools).toEqual([
        { tool: "web_search", maxUses: 3, field: "tools.6.type" },
        { tool: "web_fetch", maxUses: 10, field: "tools.7.type" },
        { tool: "code_execution", maxUses: 10, field: "tools.8.type" },
        { tool: "web_search", maxUses: 0, field: "tools.9.type" },
        { tool: "web_search", maxUses: 10, field: "tools.10.type" },
      ]);
      expect(facts.refused).toEqual([]);
    });
  });

  describe("inference_geo", () => {
    it("a region other than global is refused, naming the field", () => {
      expect(anthropicCostFacts(body({ inference_geo: "us" })).refused).toEqual([
        {
          field: "inference_geo",
          message: "inference_geo: 'us' is not offered by this gateway; omit it to run in any region.",
        },
      ]);
      expect(anthropicCostFacts(body({ inference_geo: "global" })).refused).toEqual([]);
      expect(anthropicCostFacts(body({})).refused).toEqual([]);
    });
  });
});
