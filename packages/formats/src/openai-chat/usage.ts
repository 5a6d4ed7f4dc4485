import { nonStandardTier } from "../service-tier.ts";
import { tokenCount, totalInput, type UsageRecord } from "../usage.ts";
import type { ChatCompletionUsage } from "./types.ts";

/**
 * A usage record as OpenAI Chat usage (docs/wire-formats.md, "Usage in each format"). OpenAI counts cached tokens inside
 * `prompt_tokens`, so the prompt is every input kind; `cached_tokens` and `cache_write_tokens`
 * are the breakdown, and `total_tokens` is exactly prompt + completion.
 */
export function openAiChatUsage(u: UsageRecord): ChatCompletionUsage {
  const prompt = totalInput(u);
  return {
    prompt_tokens: prompt,
    completion_tokens: u.output,
    total_tokens: prompt + u.output,
    prompt_tokens_details: {
      cached_tokens: u.cacheRead,
      cache_write_tokens: u.cacheWrite5m + u.cacheWrite1h,
    },
    completion_tokens_details: { reasoning_tokens: u.thinking },
  };
}

type Fields = Record<string, unknown>;
/** An object's fields, or none for anything that is not an object. */
export const fields = (v: unknown): Fields =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Fields) : {};

/**
 * OpenAI's four counts as a usage record, the one rule of both OpenAI formats: the input count
 * includes the cached tokens, so uncached input is input − cached and the cached part is a cache
 * read; the output count includes reasoning, which is the `thinking` breakdown. OpenAI's
 * `cache_write_tokens` is not billed apart (OpenAI charges no write premium), so those tokens
 * stay in `input`. Anything unreadable counts 0.
 */
export function openAiUsageRecord(counts: {
  input: unknown;
  cached: unknown;
  output: unknown;
  reasoning: unknown;
}): UsageRecord {
  const input = tokenCount(counts.input);
  const cached = Math.min(input, tokenCount(counts.cached));
  const output = tokenCount(counts.output);
  return {
    input: input - cached,
    cacheWrite5m: 0,
    cacheWrite1h: 0,
    cacheRead: cached,
    output,
    thinking: Math.min(output, tokenCount(counts.reasoning)),
  };
}

/**
 * An OpenAI Chat usage object (from a GPT upstream) as a usage record, for billing:
 * `prompt_tokens` and `completion_tokens` by {@link openAiUsageRecord}'s rule.
 */
export function openAiChatUsageToRecord(usage: unknown): UsageRecord {
  const u = fields(usage);
  return openAiUsageRecord({
    input: u.prompt_tokens,
    cached: fields(u.prompt_tokens_details).cached_tokens,
    output: u.completion_tokens,
    reasoning: fields(u.completion_tokens_details).reasoning_tokens,
  });
}

/**
 * The billed usage of a complete ChatCompletion body (non-streamed): its usage and the service
 * tier it was served at; undefined when it has no usage object.
 */
export function openAiChatBodyUsage(body: unknown): UsageRecord | undefined {
  const b = fields(body);
  if (typeof b.usage !== "object" || b.usage === null || Array.isArray(b.usage)) return undefined;
  const record = openAiChatUsageToRecord(b.usage);
  const tier = nonStandardTier(b.service_tier);
  if (tier !== undefined) record.serviceTier = tier;
  return record;
}
