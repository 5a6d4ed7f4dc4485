/**
 * The rewrites a valid Anthropic Messages request needs before it goes upstream, so that what
 * our docs promise works on every model: a body in, the body to send out. Pure; the caller
 * knows the model's capabilities (the price table) and keeps the client's bytes when nothing
 * changed.
 */
import { effortOfBudget } from "../ir/budget-effort.ts";
import { DEFAULT_MAX_TOKENS } from "../request-params.ts";
import type { AnthropicMessagesRequest } from "./schema.ts";

/** A request as it goes upstream: `max_tokens` always present. */
export type NormalizedMessagesRequest = AnthropicMessagesRequest & { max_tokens: number };

export interface Normalized {
  body: NormalizedMessagesRequest;
  /** False when `body` is the input itself, untouched: forward the client's own bytes. */
  changed: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * - `max_tokens` absent → {@link DEFAULT_MAX_TOKENS}.
 * - `thinking: {type: "enabled", budget_tokens}` on a model that accepts only adaptive thinking
 *   (`adaptiveThinkingOnly`: Claude 4.7 and later answer it with a 400) →
 *   `thinking: {type: "adaptive"}` (with the client's `display`, if any) plus
 *   `output_config.effort` chosen from the budget ({@link effortOfBudget}); an effort the client
 *   already set in `output_config` wins, and the rest of `output_config` is kept.
 * - Everything else, and every request to a model that accepts budgets, passes as it came.
 */
export function normalizeMessagesRequest(
  body: AnthropicMessagesRequest,
  adaptiveThinkingOnly: boolean,
): Normalized {
  const out: Record<string, unknown> = { ...body };
  let changed = false;
  if (body.max_tokens === undefined) {
    out.max_tokens = DEFAULT_MAX_TOKENS;
    changed = true;
  }
  const thinking = body.thinking;
  const outputConfig = body.output_config;
  if (
    adaptiveThinkingOnly &&
    thinking?.type === "enabled" &&
    (outputConfig === undefined || isObject(outputConfig))
  ) {
    out.thinking = {
      type: "adaptive",
      ...(thinking.display !== undefined ? { display: thinking.display } : {}),
    };
    const budget = thinking.budget_tokens;
    if (outputConfig?.effort === undefined && typeof budget === "number") {
      out.output_config = { ...outputConfig, effort: effortOfBudget(budget) };
    }
    changed = true;
  }
  return changed
    ? { body: out as NormalizedMessagesRequest, changed }
    : { body: body as NormalizedMessagesRequest, changed };
}
