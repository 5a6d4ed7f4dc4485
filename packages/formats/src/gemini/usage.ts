/**
 * Gemini's `usageMetadata` (https://ai.google.dev/api/generate-content#UsageMetadata) ↔ the usage
 * record. `promptTokenCount` includes the cached tokens (`cachedContentTokenCount`), and
 * `candidatesTokenCount` excludes the thoughts (`thoughtsTokenCount`); tool-use prompt tokens
 * are input. Google bills thinking as output and cached tokens at the caching price
 * (https://ai.google.dev/gemini-api/docs/pricing).
 */
import { tokenCount as count, emptyUsage, totalInput, type UsageRecord } from "../usage.ts";
import type { GeminiUsageMetadataOut } from "./types.ts";

type Fields = Record<string, unknown>;

const asFields = (v: unknown): Fields | undefined =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Fields) : undefined;

/** A usageMetadata object as a usage record; anything that is not a count counts 0. */
export function geminiUsageToRecord(usage: unknown): UsageRecord {
  const u = asFields(usage);
  if (!u) return emptyUsage();
  const prompt = count(u.promptTokenCount);
  const cached = Math.min(prompt, count(u.cachedContentTokenCount));
  const thoughts = count(u.thoughtsTokenCount);
  return {
    ...emptyUsage(),
    input: prompt - cached + count(u.toolUsePromptTokenCount),
    cacheRead: cached,
    output: count(u.candidatesTokenCount) + thoughts,
    thinking: thoughts,
  };
}

/** The usage of a whole answer, or undefined when it reports none. */
export function geminiBodyUsage(json: unknown): UsageRecord | undefined {
  const usage = asFields(asFields(json)?.usageMetadata);
  return usage ? geminiUsageToRecord(usage) : undefined;
}

/** A usage record in Gemini's terms: every input kind is prompt, cache reads are its cached part. */
export function geminiUsageMetadata(u: UsageRecord): GeminiUsageMetadataOut {
  const prompt = totalInput(u);
  const out: GeminiUsageMetadataOut = {
    promptTokenCount: prompt,
    candidatesTokenCount: u.output - u.thinking,
    totalTokenCount: prompt + u.output,
  };
  if (u.cacheRead > 0) out.cachedContentTokenCount = u.cacheRead;
  if (u.thinking > 0) out.thoughtsTokenCount = u.thinking;
  return out;
}
