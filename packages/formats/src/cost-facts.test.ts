import { describe, expect, it } from "vitest";
import { DEFAULT_TOOL_USES_BOUND, dearerInputKind, eachObject, plainCostFacts } from "./cost-facts.ts";

describe("plainCostFacts", () => {
  it("is plain input, one answer, nothing extra", () => {
    expect(plainCostFacts(512)).toEqual({
      inputKind: "input",
      imageTokens: 0,
      documents: 0,
      inlineMediaChars: 0,
      choices: 1,
      maxOutputTokens: 512,
      tools: [],
      refused: [],
      refs: [],
    });
    expect(plainCostFacts(undefined).maxOutputTokens).toBeUndefined();
    expect(DEFAULT_TOOL_USES_BOUND).toBe(10);
  });
});

describe("dearerInputKind", () => {
  it.each([
    ["input", "input", "input"],
    ["input", "cacheWrite5m", "cacheWrite5m"],
    ["cacheWrite5m", "input", "cacheWrite5m"],
    ["cacheWrite5m", "cacheWrite1h", "cacheWrite1h"],
    ["cacheWrite1h", "cacheWrite5m", "cacheWrite1h"],
    ["cacheWrite1h", "input", "cacheWrite1h"],
  ] as const)("%s and %s → %s", (a, b, dearer) => {
    expect(dearerInputKind(a, b)).toBe(dearer);
  });
});

describe("eachObject", () => {
  it("visits every object depth first, walking through arrays", () => {
    const ids: unknown[] = [];
    eachObject({ id: 0, a: [{ id: 1 }, [{ id: 2, b: { id: 3 } }]], c: { id: 4 }, d: "x", e: null }, (o) =>
      ids.push(o.id),
    );
    expect(ids).toEqual([0, 1, 2, 3, 4]);
  });

  it("visits nothing in a scalar", () => {
    const seen: unknown[] = [];
    for (const v of [null, undefined, 3, "s", true]) eachObject(v, (o) => seen.push(o));
    expect(seen).toEqual([]);
  });

  it("stops at a bounded depth, so a hostile nesting cannot exhaust the stack", () => {
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 10_000; i++) deep = { child: deep };
    let visits = 0;
    expect(() => eachObject(deep, () => visits++)).not.toThrow();
    // Depths 0 to 64.
    expect(visits).toBe(65);
  });
});
