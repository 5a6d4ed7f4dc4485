import { nonStandardTier } from "../service-tier.ts";
import { countToolUse, tokenCount, totalInput, type UsageRecord } from "../usage.ts";
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

/**
 * The billing name of a hosted tool, from an output item's type (`web_search_call`) or a request
 * tool's type (`web_search_preview`, `web_search_2025_08_26`); undefined for tools the client runs
 * itself (function, custom, local_shell, shell, apply_patch, computer use), which cost only tokens.
 */
export function hostedToolKind(type: string): string | undefined {
  const base = type
    .replace(/_call$/, "")
    .replace(/_\d{4}_\d{2}_\d{2}$/, "")
    .replace(/_preview$/, "");
  return CLIENT_TOOLS.has(base) ? undefined : base;
}

const CLIENT_TOOLS: ReadonlySet<string> = new Set([
  "function",
  "custom",
  "local_shell",
  "shell",
  "apply_patch",
  "computer",
  "computer_use",
  "function_call_output",
  "custom_tool_call_output",
  "message",
  "reasoning",
]);

/** Adds the hosted tool that an output item stands for (a `web_search_call`…) to a tally. */
export function countHostedCall(
  uses: Record<string, number> | undefined,
  itemType: string,
): Record<string, number> | undefined {
  if (!itemType.endsWith("_call")) return uses;
  const tool = hostedToolKind(itemType);
  return tool === undefined ? uses : countToolUse(uses, tool);
}

type Item = { type?: unknown };

/**
 * The billed usage of a complete Response (a non-streamed body, or a terminal event's
 * `response`): the usage, the service tier it was served at and its hosted tool calls;
 * undefined when it has no usage object.
 */
export function openAiResponsesBodyUsage(response: unknown): UsageRecord | undefined {
  const r = fields(response);
  if (typeof r.usage !== "object" || r.usage === null) return undefined;
  const record = openAiResponsesUsageToRecord(r.usage);
  const tier = nonStandardTier(r.service_tier);
  if (tier !== undefined) record.serviceTier = tier;
  for (const item of Array.isArray(r.output) ? (r.output as Item[]) : []) {
    if (typeof item?.type === "string") record.toolUses = countHostedCall(record.toolUses, item.type);
  }
  return record;
}
