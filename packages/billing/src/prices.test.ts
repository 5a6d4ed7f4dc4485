import { describe, expect, it } from "vitest";
import { PriceTableError, parsePriceTable } from "./price-override.ts";
import { DEFAULT_PRICE_TABLE, deriveCacheRates, priceFor, ratesFor } from "./prices.ts";

// Nano-USD per million tokens = USD per million × 1e9.
describe("DEFAULT_PRICE_TABLE", () => {
  it.each([
    // model, input, cacheWrite5m (1.25× / OpenAI 1×), cacheWrite1h (2× / 1×), cacheRead (0.1×), output
    ["claude-opus-4-7", 5_000_000_000, 6_250_000_000, 10_000_000_000, 500_000_000, 25_000_000_000],
    ["claude-sonnet-4-6", 3_000_000_000, 3_750_000_000, 6_000_000_000, 300_000_000, 15_000_000_000],
    ["claude-haiku-4-5", 1_000_000_000, 1_250_000_000, 2_000_000_000, 100_000_000, 5_000_000_000],
    ["gpt-5.5", 5_000_000_000, 5_000_000_000, 5_000_000_000, 500_000_000, 30_000_000_000],
    ["gpt-5.4", 2_500_000_000, 2_500_000_000, 2_500_000_000, 250_000_000, 15_000_000_000],
    ["gpt-5.4-mini", 750_000_000, 750_000_000, 750_000_000, 75_000_000, 4_500_000_000],
    ["gpt-5.3-codex", 1_750_000_000, 1_750_000_000, 1_750_000_000, 175_000_000, 14_000_000_000],
    // Listed apart from the family rule: cache reads at 0.05× input, OpenAI writes at 1.25×.
    ["claude-opus-5-5", 4_000_000_000, 5_000_000_000, 8_000_000_000, 200_000_000, 20_000_000_000],
    ["claude-haiku-5-5", 100_000_000, 125_000_000, 200_000_000, 10_000_000, 500_000_000],
    ["gpt-6.1-sol", 2_000_000_000, 2_500_000_000, 2_500_000_000, 100_000_000, 10_000_000_000],
    ["gpt-6.2-sol", 2_000_000_000, 2_500_000_000, 2_500_000_000, 100_000_000, 10_000_000_000],
  ])("%s", (model, input, cacheWrite5m, cacheWrite1h, cacheRead, output) => {
    expect(priceFor(DEFAULT_PRICE_TABLE, model)).toMatchObject({
      input,
      cacheWrite5m,
      cacheWrite1h,
      cacheRead,
      output,
    });
  });

  it("has long-context tiers: >272K for gpt-5.5, gpt-5.4, gpt-6.1-sol and gpt-6.2-sol, >100K for claude-haiku-5-5", () => {
    expect(DEFAULT_PRICE_TABLE["gpt-5.5"]?.longContext).toEqual({
      threshold: 272_000,
      input: 10_000_000_000,
      cacheWrite5m: 10_000_000_000,
      cacheWrite1h: 10_000_000_000,
      cacheRead: 1_000_000_000,
      output: 45_000_000_000,
    });
    expect(DEFAULT_PRICE_TABLE["gpt-5.4"]?.longContext).toMatchObject({
      input: 5_000_000_000,
      cacheRead: 500_000_000,
      output: 22_500_000_000,
    });
    expect(DEFAULT_PRICE_TABLE["gpt-6.2-sol"]?.longContext).toEqual(
      DEFAULT_PRICE_TABLE["gpt-6.1-sol"]?.longContext,
    );
    expect(DEFAULT_PRICE_TABLE["gpt-6.1-sol"]?.longContext).toEqual({
      threshold: 272_000,
      input: 4_000_000_000,
      cacheWrite5m: 5_000_000_000,
      cacheWrite1h: 5_000_000_000,
      cacheRead: 200_000_000,
      output: 15_000_000_000,
    });
    expect(DEFAULT_PRICE_TABLE["claude-haiku-5-5"]?.longContext).toEqual({
      threshold: 100_000,
      input: 500_000_000,
      cacheWrite5m: 625_000_000,
      cacheWrite1h: 1_000_000_000,
      cacheRead: 50_000_000,
      output: 2_500_000_000,
    });
    const withTier = Object.keys(DEFAULT_PRICE_TABLE).filter((m) => DEFAULT_PRICE_TABLE[m]?.longContext);
    expect(withTier).toEqual([
      "gpt-5.5",
      "gpt-5.4",
      "claude-haiku-5-5",
      "gpt-6.1-sol",
      "gpt-6.2-sol",
      "gemini-3.1-pro-preview",
      "gemini-2.5-pro",
    ]);
    const row = DEFAULT_PRICE_TABLE["gpt-5.5"]!;
    expect(ratesFor(row, 272_000)).toBe(row); // "over 272K": the threshold itself is normal
    expect(ratesFor(row, 272_001)).toBe(row.longContext);
  });

  it("prices Gemini at Google's list: thinking as output, cached input at 0.1×, Pro re-priced over 200K", () => {
    const pro = DEFAULT_PRICE_TABLE["gemini-3.1-pro-preview"]!;
    expect(pro).toMatchObject({
      family: "gemini",
      input: 2_000_000_000,
      output: 12_000_000_000,
      cacheRead: 200_000_000,
      cacheWrite5m: 2_000_000_000,
      maxOutput: 65_536,
      contextWindow: 1_048_576,
    });
    expect(pro.longContext).toEqual({
      threshold: 200_000,
      input: 4_000_000_000,
      cacheWrite5m: 4_000_000_000,
      cacheWrite1h: 4_000_000_000,
      cacheRead: 400_000_000,
      output: 18_000_000_000,
    });
    expect(ratesFor(pro, 200_000)).toBe(pro);
    expect(ratesFor(pro, 200_001)).toBe(pro.longContext);
    expect(DEFAULT_PRICE_TABLE["gemini-2.5-flash"]).toMatchObject({
      input: 300_000_000,
      cacheRead: 30_000_000,
    });
    // Grounding is billed per query beyond a monthly allowance no answer states: refused until priced.
    expect(pro.tools).toEqual({ code_execution: 0, url_context: 0 });
  });

  it("marks the Claude models that accept only adaptive thinking (4.7 and later)", () => {
    const adaptiveOnly = Object.keys(DEFAULT_PRICE_TABLE).filter(
      (m) => DEFAULT_PRICE_TABLE[m]?.adaptiveThinkingOnly === true,
    );
    expect(adaptiveOnly).toEqual(["claude-opus-4-7", "claude-opus-5-5", "claude-haiku-5-5"]);
    // Sonnet 4.6 still takes budgets; Haiku 4.5 knows nothing but budgets.
    expect(DEFAULT_PRICE_TABLE["claude-sonnet-4-6"]).not.toHaveProperty("adaptiveThinkingOnly");
    expect(DEFAULT_PRICE_TABLE["claude-haiku-4-5"]).not.toHaveProperty("adaptiveThinkingOnly");
  });

  it("priceFor ignores unknown models and prototype keys", () => {
    expect(priceFor(DEFAULT_PRICE_TABLE, "gpt-4")).toBeUndefined();
    expect(priceFor(DEFAULT_PRICE_TABLE, "constructor")).toBeUndefined();
  });

  it("deriveCacheRates refuses to round", () => {
    const { problems } = deriveCacheRates("anthropic", 2); // 2.5 and 0.2 nano per million
    expect(problems.map((p) => p.field)).toEqual(["cacheWrite5m", "cacheRead"]);
  });
});

describe("parsePriceTable", () => {
  it("returns the defaults for an empty override", () => {
    expect(parsePriceTable("{}")).toEqual(DEFAULT_PRICE_TABLE);
  });

  it("merges a change over the defaults and re-derives cache prices", () => {
    const table = parsePriceTable('{"claude-opus-4-7":{"input":"4","output":"20"}}');
    expect(table["claude-opus-4-7"]).toEqual({
      ...DEFAULT_PRICE_TABLE["claude-opus-4-7"],
      family: "anthropic",
      input: 4_000_000_000,
      cacheWrite5m: 5_000_000_000, // 1.25 × 4
      cacheWrite1h: 8_000_000_000, // 2 × 4
      cacheRead: 400_000_000, // 0.1 × 4
      output: 20_000_000_000,
    });
    expect(table["claude-sonnet-4-6"]).toEqual(DEFAULT_PRICE_TABLE["claude-sonnet-4-6"]);
    expect(Object.keys(table)).toEqual(Object.keys(DEFAULT_PRICE_TABLE));
  });

  it("keeps unspecified fields and the long-context tier of an existing model", () => {
    const table = parsePriceTable({ "gpt-5.4": { output: "12" } });
    expect(table["gpt-5.4"]).toEqual({ ...DEFAULT_PRICE_TABLE["gpt-5.4"], output: 12_000_000_000 });
  });

  it("adds new models, with explicit or derived cache prices", () => {
    const limits = { maxOutput: 32_000, contextWindow: 128_000 };
    const table = parsePriceTable({
      "my-model": { family: "openai", input: "1", output: "2", cacheRead: "0.2", ...limits },
      "claude-next": { family: "anthropic", input: "0.8", output: "4", ...limits },
    });
    expect(table["my-model"]).toEqual({
      ...limits,
      family: "openai",
      input: 1_000_000_000,
      cacheWrite5m: 1_000_000_000, // OpenAI: no write surcharge
      cacheWrite1h: 1_000_000_000,
      cacheRead: 200_000_000, // explicit, not 0.1×
      output: 2_000_000_000,
    });
    expect(table["claude-next"]).toEqual({
      ...limits,
      family: "anthropic",
      input: 800_000_000,
      cacheWrite5m: 1_000_000_000, // 1.25 × 0.8
      cacheWrite1h: 1_600_000_000, // 2 × 0.8
      cacheRead: 80_000_000, // 0.1 × 0.8
      output: 4_000_000_000,
    });
  });

  it("keeps, sets and clears the adaptive-thinking-only flag", () => {
    const table = parsePriceTable({
      "claude-opus-4-7": { output: "26" },
      "claude-sonnet-4-6": { adaptiveThinkingOnly: true },
      "claude-opus-5-5": { adaptiveThinkingOnly: false },
      "claude-next": { family: "anthropic", input: "1", output: "5", maxOutput: 1_000, contextWindow: 9_000 },
    });
    expect(table["claude-opus-4-7"]?.adaptiveThinkingOnly).toBe(true);
    expect(table["claude-sonnet-4-6"]?.adaptiveThinkingOnly).toBe(true);
    expect(table["claude-opus-5-5"]).not.toHaveProperty("adaptiveThinkingOnly");
    expect(table["claude-next"]).not.toHaveProperty("adaptiveThinkingOnly");
    expect(() => parsePriceTable({ "claude-opus-4-7": { adaptiveThinkingOnly: "yes" } })).toThrow(
      /claude-opus-4-7.adaptiveThinkingOnly/,
    );
  });

  it("requires the output and context limits of a new model", () => {
    expect(() => parsePriceTable({ "new-model": { family: "openai", input: "1", output: "2" } })).toThrow(
      /new-model.maxOutput: required for a new model[\s\S]*new-model.contextWindow: required/,
    );
  });

  it("prices, allows and forbids extras by name over the base row", () => {
    const table = parsePriceTable({
      "claude-opus-4-7": { tools: { code_execution: "0.005", web_fetch: null }, tiers: { priority: 150 } },
      "gpt-5.5": { tiers: { priority: null } },
    });
    expect(table["claude-opus-4-7"]?.tools).toEqual({ web_search: 10_000_000, code_execution: 5_000_000 });
    expect(table["claude-opus-4-7"]?.tiers).toEqual({ priority: 150 });
    expect(table["gpt-5.5"]?.tiers).toEqual({ flex: 50 });
    expect(() => parsePriceTable({ "gpt-5.5": { tools: { "Web Search": "1" } } })).toThrow(/lowercase name/);
  });

  it("replaces or removes a long-context tier", () => {
    const table = parsePriceTable({
      "gpt-5.5": { longContext: { threshold: 200_000, input: "8", output: "40" } },
      "gpt-5.4": { longContext: null },
    });
    expect(table["gpt-5.5"]?.longContext).toEqual({
      threshold: 200_000,
      input: 8_000_000_000,
      cacheWrite5m: 8_000_000_000,
      cacheWrite1h: 8_000_000_000,
      cacheRead: 800_000_000,
      output: 40_000_000_000,
    });
    expect(table["gpt-5.4"]).not.toHaveProperty("longContext");
  });

  it("accepts sub-nano-derivable prices when the cache prices are given", () => {
    const over = {
      "tiny-model": {
        family: "anthropic",
        input: "0.000000002",
        output: "0.000000002",
        maxOutput: 1_000,
        contextWindow: 8_000,
      },
    };
    expect(() => parsePriceTable(over)).toThrow(/tiny-model.cacheWrite5m: 5\/4 of input/);
    const table = parsePriceTable({
      "tiny-model": { ...over["tiny-model"], cacheWrite5m: "0.000000003", cacheRead: "0" },
    });
    expect(table["tiny-model"]).toMatchObject({ cacheWrite5m: 3, cacheWrite1h: 4, cacheRead: 0 });
  });

  const issuesOf = (input: unknown): readonly string[] => {
    try {
      parsePriceTable(input);
    } catch (e) {
      if (e instanceof PriceTableError) return e.issues;
      throw e;
    }
    throw new Error("expected a PriceTableError");
  };

  it.each([
    ["{not json", ["(root): not valid JSON"]],
    ["[]", ["(root): "]],
    [
      { "claude-opus-4-7": { input: 5 } },
      ['claude-opus-4-7.input: must be a USD decimal string such as "2.50"'],
    ],
    [{ "claude-opus-4-7": { input: "1.0000000001" } }, ["claude-opus-4-7.input: must be a USD decimal"]],
    [{ "claude-opus-4-7": { input: "-1" } }, ["claude-opus-4-7.input: must be a USD decimal"]],
    [{ "claude-opus-4-7": { ouput: "25" } }, ['claude-opus-4-7: Unrecognized key: "ouput"']],
    [{ "claude-opus-4-7": { family: "google" } }, ["claude-opus-4-7.family: "]],
    [{ __proto__x: { input: "1" } }, ["__proto__x: model id must start with a letter or digit"]],
    [
      '{"__proto__":{"family":"openai","input":"1","output":"1"}}',
      ["__proto__: model id must start with a letter or digit"],
    ],
    [{ "new-model": { input: "1", output: "2" } }, ["new-model.family: required for a new model"]],
    [
      { "new-model": { family: "openai", input: "1" } },
      [
        "new-model.output: required for a new model",
        "new-model.maxOutput: required for a new model",
        "new-model.contextWindow: required for a new model",
      ],
    ],
    [{ "gpt-5.5": { longContext: { input: "8", output: "40" } } }, ["gpt-5.5.longContext.threshold: "]],
    [
      { a: { family: "openai" }, "claude-haiku-4-5": { cacheRead: "x" } },
      ["claude-haiku-4-5.cacheRead: must be a USD decimal"],
    ],
    [
      { a: { family: "openai" }, b: { input: "1", output: "1" } },
      [
        "a.input: required",
        "a.output: required",
        "a.maxOutput: required",
        "a.contextWindow: required",
        "b.family: required",
      ],
    ],
  ])("rejects %j with a clear message", (input, expected) => {
    const issues = issuesOf(input);
    expect(issues).toHaveLength(expected.length);
    expected.forEach((prefix, i) => {
      expect(issues[i]).toContain(prefix);
    });
  });

  it("puts every issue in the error message", () => {
    expect(() => parsePriceTable({ x: {}, y: {} })).toThrow(/x.family: required[\s\S]*y.family: required/);
  });
});
