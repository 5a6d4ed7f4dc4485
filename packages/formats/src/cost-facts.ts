/**
 * What a request can cost beyond its byte length, read from the body the gateway sends
 * upstream (the client's own body for a passthrough, the translated one otherwise): the
 * facts admission needs for a true worst-case reservation, and the extras it must refuse when
 * the price table cannot bill them. One reader per upstream format (`…/cost-facts.ts`).
 */

import type { ObjectRef } from "./stored-objects.ts";

/** An extra the request may trigger, and the request field that asks for it. */
export interface RequestedExtra {
  /** The billing name (web_search, file_search, code_execution…). */
  tool: string;
  /** The most uses the request allows (its own limit, else {@link DEFAULT_TOOL_USES_BOUND}). */
  maxUses: number;
  /** Where the request asks for it, e.g. `tools.2.type`. */
  field: string;
}

export interface RequestCostFacts {
  /** The dearest way the input can be billed: 1-hour cache writes (2×), 5-minute writes (1.25×), plain. */
  inputKind: "input" | "cacheWrite5m" | "cacheWrite1h";
  /** Tokens the request's images can cost: each at its format's per-image bound, whatever its bytes. */
  imageTokens: number;
  /** Documents (PDFs…) in the request: one bounds the input by the model's context window only. */
  documents: number;
  /** Characters of inline base64 media, which the image and document bounds replace in the estimate. */
  inlineMediaChars: number;
  /** Answers asked for (OpenAI Chat `n`). */
  choices: number;
  /** The output cap per answer; undefined when the request names none. */
  maxOutputTokens: number | undefined;
  /** A service tier other than the standard one, and its field. */
  serviceTier?: { tier: string; field: string };
  /** Server-side tools the request offers. */
  tools: RequestedExtra[];
  /** What no price table can bill (e.g. background responses): refused with a 400 naming the field. */
  refused: Array<{ field: string; message: string }>;
  /**
   * Vendor-stored objects the request names (a previous response, a container, a file): the
   * account must own each one, and a stored response's context is reserved as input.
   */
  refs: ObjectRef[];
}

/**
 * How many uses of one server-side tool a request is reserved for when it sets no limit of its
 * own (Anthropic's `max_uses`, Responses' `max_tool_calls`). More uses than this are still
 * billed in full; the difference is then taken as a debt.
 */
export const DEFAULT_TOOL_USES_BOUND = 10;

/** Facts with nothing beyond plain input and one answer. */
export const plainCostFacts = (maxOutputTokens: number | undefined): RequestCostFacts => ({
  inputKind: "input",
  imageTokens: 0,
  documents: 0,
  inlineMediaChars: 0,
  choices: 1,
  maxOutputTokens,
  tools: [],
  refused: [],
  refs: [],
});

type Json = Record<string, unknown>;
const MAX_DEPTH = 64;

/**
 * Calls `visit` for every object inside `value` (arrays walked through), depth first, to a
 * bounded depth: request bodies nest media and cache markers inside tool results and parts.
 */
export function eachObject(value: unknown, visit: (obj: Json) => void, depth = 0): void {
  if (depth > MAX_DEPTH || typeof value !== "object" || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) eachObject(item, visit, depth + 1);
    return;
  }
  visit(value as Json);
  for (const child of Object.values(value)) {
    if (typeof child === "object" && child !== null) eachObject(child, visit, depth + 1);
  }
}

/** The larger of two input kinds, by what they cost. */
export function dearerInputKind(
  a: RequestCostFacts["inputKind"],
  b: RequestCostFacts["inputKind"],
): RequestCostFacts["inputKind"] {
  const rank = { input: 0, cacheWrite5m: 1, cacheWrite1h: 2 } as const;
  return rank[b] > rank[a] ? b : a;
}
