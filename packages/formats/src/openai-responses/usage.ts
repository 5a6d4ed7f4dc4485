import { tokenCount, totalInput, type UsageRecord } from "../usage.ts";
import type { ResponsesUsage } from "./types.ts";

/**
 * A usage record as Responses usage (wire-formats.md §7, "A→C"). `input_tokens` is every input
 * kind, cache included, as OpenAI counts it (Codex's context meter reads it); the cache reads and
 * writes are the breakdown; `total_tokens` is exactly input + output. All integers (§10.2).
 */
export function openAiResponsesUsage(u: UsageRecord): ResponsesUsage {
  const input = totalInput(u);
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: u.cacheRead, cache_write_tokens: u.cacheWrite5m + u.cacheWrite1h },
    output_tokens: u.output,
    output_tokens_details: { reasoning_tokens: u.thinking },
    total_tokens: input + u.output,
  };
}

type Fields = Record<string, unknown>;
const fields = (v: unknown): Fields =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Fields) : {};

/**
 * A Responses usage object (from a GPT upstream) as a usage record, for billing. OpenAI's
 * `input_tokens` include the cached ones: uncached input is input − cached, and the cached part
 * is a cache read. `output_tokens` include reasoning, which is the `thinking` breakdown.
 * `cache_write_tokens` is not billed apart (OpenAI charges no write premium), so those tokens
 * stay in `input`. Anything unreadable counts 0.
 */
export function openAiResponsesUsageToRecord(usage: unknown): UsageRecord {
  const u = fields(usage);
  const input = tokenCount(u.input_tokens);
  const cached = Math.min(input, tokenCount(fields(u.input_tokens_details).cached_tokens));
  const output = tokenCount(u.output_tokens);
  return {
    input: input - cached,
    cacheWrite5m: 0,
    cacheWrite1h: 0,
    cacheRead: cached,
    output,
    thinking: Math.min(output, tokenCount(fields(u.output_tokens_details).reasoning_tokens)),
  };
}
