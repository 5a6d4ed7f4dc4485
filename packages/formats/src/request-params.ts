import { z } from "zod";

/**
 * The largest output-token cap (`max_tokens`, `max_completion_tokens`, `max_output_tokens`) the
 * gateway accepts in any format. No model's output limit comes near it (they are in the
 * hundreds of thousands, and the vendors refuse a cap above a model's limit), so no request a
 * vendor would serve is refused. What it buys: every cost computed from a cap — at any price,
 * multiplier and `n` — stays far inside Number.MAX_SAFE_INTEGER nano-USD; a cap near 2^53
 * made the reservation itself overflow (a 500 instead of a 400).
 */
export const MAX_OUTPUT_TOKENS_PARAM = 100_000_000;

/** An output-token cap as a request states it: a whole number from `min` to {@link MAX_OUTPUT_TOKENS_PARAM}. */
export const outputTokenCap = (min: 0 | 1) => z.int().min(min).max(MAX_OUTPUT_TOKENS_PARAM);

/**
 * The output cap of an Anthropic Messages request that sets no `max_tokens` (which Anthropic
 * requires): what the gateway sends upstream, and what our docs promise.
 */
export const DEFAULT_MAX_TOKENS = 4096;

/**
 * The output cap of an OpenAI Chat or Responses request that sets none, as the IR carries it to
 * Claude (which requires one); admission reserves this much output.
 */
export const DEFAULT_MAX_OUTPUT_TOKENS = 32_768;
