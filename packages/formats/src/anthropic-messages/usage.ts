import { nonStandardTier } from "../service-tier.ts";
import { idOf, type StoredObject } from "../stored-objects.ts";
import { tokenCount as count, countToolUse, emptyUsage, type UsageRecord } from "../usage.ts";
import type { AnthropicUsageOut } from "./types.ts";

type Fields = Record<string, unknown>;

const asFields = (v: unknown): Fields | undefined =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Fields) : undefined;

/**
 * Normalise an Anthropic usage object (`AnthropicUsage`) into a {@link UsageRecord}. Takes `unknown` so a
 * caller can hand over `JSON.parse(body).usage` as is: each field is read on its own, and
 * whatever is not a count (or not an object at all) counts 0.
 *
 * Cache writes: the `cache_creation` TTL breakdown when present, otherwise the whole
 * `cache_creation_input_tokens` as 5-minute writes (the default TTL, and the older API shape).
 */
export function anthropicUsageToRecord(usage: unknown): UsageRecord {
  const u = asFields(usage);
  if (!u) return emptyUsage();
  const cacheWriteTotal = count(u.cache_creation_input_tokens);
  const breakdown = asFields(u.cache_creation);
  let cacheWrite5m = cacheWriteTotal;
  let cacheWrite1h = 0;
  if (
    breakdown &&
    (breakdown.ephemeral_5m_input_tokens != null || breakdown.ephemeral_1h_input_tokens != null)
  ) {
    cacheWrite1h = count(breakdown.ephemeral_1h_input_tokens);
    // If the breakdown sums to less than the total (never seen), bill the rest at the 5m rate
    // rather than drop written tokens.
    cacheWrite5m = Math.max(count(breakdown.ephemeral_5m_input_tokens), cacheWriteTotal - cacheWrite1h);
  }
  const record: UsageRecord = {
    input: count(u.input_tokens),
    cacheWrite5m,
    cacheWrite1h,
    cacheRead: count(u.cache_read_input_tokens),
    output: count(u.output_tokens),
    thinking: count(asFields(u.output_tokens_details)?.thinking_tokens),
  };
  const tier = nonStandardTier(u.service_tier);
  if (tier !== undefined) record.serviceTier = tier;
  // server_tool_use: {web_search_requests: 2, web_fetch_requests: 1}: one count per tool.
  for (const [key, value] of Object.entries(asFields(u.server_tool_use) ?? {})) {
    const uses = count(value);
    if (uses > 0 && key.endsWith("_requests")) {
      record.toolUses = countToolUse(
        record.toolUses,
        serverToolKind(key.slice(0, -"_requests".length)),
        uses,
      );
    }
  }
  return record;
}

/**
 * The billing name of an Anthropic server tool, from a request tool's `type`
 * (`web_search_20250305`), a `server_tool_use` block's `name` (`bash_code_execution`) or a
 * usage counter: the version suffix goes, and code execution's sub-tools are one tool (it is
 * billed by container time, https://platform.claude.com/docs/en/agents-and-tools/tool-use/code-execution-tool).
 */
export function serverToolKind(name: string): string {
  const base = name.replace(/_\d{8}$/, "");
  return base === "bash_code_execution" || base === "text_editor_code_execution" ? "code_execution" : base;
}

/**
 * Server tool uses counted from a response's `server_tool_use` blocks, merged into what the
 * usage reports (per tool, the larger count): code execution has no usage counter.
 */
export function mergeServerToolBlocks(
  record: UsageRecord,
  blocks: Readonly<Record<string, number>>,
): UsageRecord {
  for (const [tool, n] of Object.entries(blocks)) {
    const reported = record.toolUses?.[tool] ?? 0;
    if (n > reported) record.toolUses = countToolUse(record.toolUses, tool, n - reported);
  }
  return record;
}

/**
 * The billed usage of a complete Anthropic Message body (non-streamed), or undefined when it
 * has no usage object.
 */
export function anthropicMessageUsage(body: unknown): UsageRecord | undefined {
  const message = asFields(body);
  if (!asFields(message?.usage)) return undefined;
  const record = anthropicUsageToRecord(message?.usage);
  const blocks: Record<string, number> = {};
  for (const block of Array.isArray(message?.content) ? message.content : []) {
    const b = asFields(block);
    if (b?.type === "server_tool_use" && typeof b.name === "string")
      countToolUse(blocks, serverToolKind(b.name));
  }
  return mergeServerToolBlocks(record, blocks);
}

/** A usage record in Anthropic's terms: uncached input, cache writes by TTL and reads apart. */
export function anthropicUsage(u: UsageRecord): AnthropicUsageOut {
  return {
    input_tokens: u.input,
    cache_creation_input_tokens: u.cacheWrite5m + u.cacheWrite1h,
    cache_read_input_tokens: u.cacheRead,
    cache_creation: { ephemeral_5m_input_tokens: u.cacheWrite5m, ephemeral_1h_input_tokens: u.cacheWrite1h },
    output_tokens: u.output,
    output_tokens_details: { thinking_tokens: u.thinking },
  };
}

/**
 * The code-execution container a Message names (`container: {id, expires_at}`), as a stored
 * object of the account (https://platform.claude.com/docs/en/agents-and-tools/tool-use/code-execution-tool).
 */
export function anthropicContainer(value: unknown): StoredObject | undefined {
  const c = asFields(value);
  const id = idOf(c?.id);
  if (!id) return undefined;
  const expires = typeof c?.expires_at === "string" ? Date.parse(c.expires_at) : Number.NaN;
  return { kind: "container", id, expiresAt: Number.isFinite(expires) ? expires : null };
}

/** The stored objects a complete Message names (its container). */
export function anthropicMessageObjects(body: unknown): StoredObject[] {
  const container = anthropicContainer(asFields(body)?.container);
  return container ? [container] : [];
}
