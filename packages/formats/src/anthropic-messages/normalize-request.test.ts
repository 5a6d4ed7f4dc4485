// Body in, body out: the rewrites the Messages route applies before a request goes upstream.
import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_TOKENS } from "../request-params.ts";
import { normalizeMessagesRequest } from "./normalize-request.ts";
import { type AnthropicMessagesRequest, AnthropicMessagesRequestSchema } from "./schema.ts";

const parse = (body: Record<string, unknown>): AnthropicMessagesRequest =>
  AnthropicMessagesRequestSchema.parse({
    model: "claude-opus-4-7",
    messages: [{ role: "user", content: "Hi" }],
    ...body,
  });

const enabled = (budget_tokens: number, extra: Record<string, unknown> = {}) => ({
  type: "enabled",
  budget_tokens,
  ...extra,
});

describe("normalizeMessagesRequest: max_tokens", () => {
  it("sends the documented default when max_tokens is omitted", () => {
    const { body, changed } = normalizeMessagesRequest(parse({}), false);
    expect(DEFAULT_MAX_TOKENS).toBe(4096);
    expect(body.max_tokens).toBe(4096);
    expect(changed).toBe(true);
  });

  it.each([0, 1, 64_000])("keeps max_tokens %i as given", (max_tokens) => {
    const input = parse({ max_tokens });
    const { body, changed } = normalizeMessagesRequest(input, true);
    expect(changed).toBe(false);
    expect(body).toBe(input);
  });

  it("keeps every other field, unknown ones included, when it adds max_tokens", () => {
    const input = parse({ stream: true, context_management: { edits: [] }, metadata: { user_id: "u" } });
    const { body } = normalizeMessagesRequest(input, false);
    expect(body).toEqual({ ...input, max_tokens: 4096 });
    expect(input).not.toHaveProperty("max_tokens"); // the input is not mutated
  });
});

describe("normalizeMessagesRequest: budget thinking on an adaptive-only model", () => {
  it.each([
    [1_024, "low"],
    [4_095, "low"],
    [4_096, "medium"],
    [16_383, "medium"],
    [16_384, "high"],
    [31_999, "high"],
  ])("budget %i → adaptive, effort %s", (budget, effort) => {
    const { body, changed } = normalizeMessagesRequest(
      parse({ max_tokens: 32_000, thinking: enabled(budget) }),
      true,
    );
    expect(changed).toBe(true);
    expect(body.thinking).toEqual({ type: "adaptive" });
    expect(body.output_config).toEqual({ effort });
    expect(body.max_tokens).toBe(32_000);
  });

  it("keeps display", () => {
    for (const display of ["summarized", "omitted"]) {
      const { body } = normalizeMessagesRequest(
        parse({ max_tokens: 8_000, thinking: enabled(2_048, { display }) }),
        true,
      );
      expect(body.thinking).toEqual({ type: "adaptive", display });
    }
  });

  it("keeps the client's own effort and the rest of output_config", () => {
    const format = { type: "json_schema", schema: { type: "object" } };
    const withEffort = normalizeMessagesRequest(
      parse({ max_tokens: 8_000, thinking: enabled(2_048), output_config: { effort: "max", format } }),
      true,
    ).body;
    expect(withEffort.output_config).toEqual({ effort: "max", format });
    const withFormat = normalizeMessagesRequest(
      parse({ max_tokens: 8_000, thinking: enabled(20_000), output_config: { format } }),
      true,
    ).body;
    expect(withFormat.output_config).toEqual({ format, effort: "high" });
  });

  it("rewrites and defaults max_tokens in one go", () => {
    const { body } = normalizeMessagesRequest(parse({ thinking: enabled(1_024) }), true);
    expect(body).toMatchObject({
      max_tokens: 4096,
      thinking: { type: "adaptive" },
      output_config: { effort: "low" },
    });
  });

  it("without a budget, sends adaptive thinking at the model's default effort", () => {
    const { body } = normalizeMessagesRequest(
      parse({ max_tokens: 100, thinking: { type: "enabled" } }),
      true,
    );
    expect(body.thinking).toEqual({ type: "adaptive" });
    expect(body).not.toHaveProperty("output_config");
  });

  it.each([
    ["adaptive", { type: "adaptive", display: "omitted" }],
    ["disabled", { type: "disabled" }],
  ])("leaves thinking.type %s alone", (_type, thinking) => {
    const input = parse({ max_tokens: 100, thinking, output_config: { effort: "low" } });
    const { body, changed } = normalizeMessagesRequest(input, true);
    expect(changed).toBe(false);
    expect(body).toBe(input);
  });

  it("leaves a malformed output_config for the upstream to explain", () => {
    const input = parse({ max_tokens: 100, thinking: enabled(2_048), output_config: "high" });
    const { body, changed } = normalizeMessagesRequest(input, true);
    expect(changed).toBe(false);
    expect(body).toBe(input);
  });
});

describe("normalizeMessagesRequest: models that accept budgets", () => {
  it("passes budget thinking through untouched", () => {
    const input = parse({
      model: "claude-sonnet-4-6",
      max_tokens: 8_000,
      thinking: enabled(4_096, { display: "summarized" }),
    });
    const { body, changed } = normalizeMessagesRequest(input, false);
    expect(changed).toBe(false);
    expect(body).toBe(input);
    expect(body.thinking).toEqual({ type: "enabled", budget_tokens: 4_096, display: "summarized" });
  });
});
