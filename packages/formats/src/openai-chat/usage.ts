import { totalInput, type UsageRecord } from "../usage.ts";
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
