import { nonStandardTier } from "../service-tier.ts";
import { tokenCount, totalInput, type UsageRecord } from "../usage.ts";
import type { ChatCompletionUsage } from "./types.ts";

/**
 * A usage record as OpenAI Chat usage (wire-formats.md §7). OpenAI counts cached tokens inside
 * `prompt_tokens`, so the prompt is every input kind; `cached_tokens` and `cache_write_tokens`
 * are the breakdown, and `total_tokens` is exactly prompt + completion (§13 P5).
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
const fields = (v: unknown): Fields =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Fields) : {};

/**
 * An OpenAI Chat usage object (from a GPT upstream) as a usage record, for billing. OpenAI's
 * `prompt_tokens` include the cached ones: uncached input is prompt − cached, and the cached
 * part is a cache read. `completion_tokens` include reasoning, which is the `thinking`
 * breakdown. OpenAI's `cache_write_tokens` is not billed apart (OpenAI charges no write
 * premium), so those tokens stay in `input`. Anything unreadable counts 0.
 */
export function openAiChatUsageToRecord(usage: unknown): UsageRecord {
  const u = fields(usage);
  const prompt = tokenCount(u.prompt_tokens);
  const cached = Math.min(prompt, tokenCount(fields(u.prompt_tokens_details).cached_tokens));
  const output = tokenCount(u.completion_tokens);
  return {
    input: prompt - cached,
    cacheWrite5m: 0,
    cacheWrite1h: 0,
    cacheRead: cached,
    output,
    thinking: Math.min(output, tokenCount(fields(u.completion_tokens_details).reasoning_tokens)),
  };
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
