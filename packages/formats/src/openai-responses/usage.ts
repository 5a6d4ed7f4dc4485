import { fields, openAiUsageRecord } from "../openai-chat/usage.ts";
import { nonStandardTier } from "../service-tier.ts";
import { addObject, idOf, OPENAI_RESPONSE_RETENTION_MS, type StoredObject } from "../stored-objects.ts";
import { countToolUse, totalInput, type UsageRecord } from "../usage.ts";
import type { ResponsesUsage } from "./types.ts";

/**
 * A usage record as Responses usage (docs/wire-formats.md, "Usage in each format"). `input_tokens` is every input
 * kind, cache included, as OpenAI counts it (Codex's context meter reads it); the cache reads and
 * writes are the breakdown; `total_tokens` is exactly input + output. All integers: Codex refuses any other number.
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

/**
 * A Responses usage object (from a GPT upstream) as a usage record, for billing: `input_tokens`
 * and `output_tokens` by the OpenAI rule ({@link openAiUsageRecord}).
 */
export function openAiResponsesUsageToRecord(usage: unknown): UsageRecord {
  const u = fields(usage);
  return openAiUsageRecord({
    input: u.input_tokens,
    cached: fields(u.input_tokens_details).cached_tokens,
    output: u.output_tokens,
    reasoning: fields(u.output_tokens_details).reasoning_tokens,
  });
}

/**
 * The billing name of a hosted tool, from an output item's type (`web_search_call`) or a request
 * tool's type (`web_search_preview`, `web_search_2025_08_26`); undefined for tools the client runs
 * itself (function, custom, namespace, local_shell, shell, apply_patch, computer use), which cost
 * only tokens.
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
  // A custom tool's call item is `custom_tool_call`.
  "custom_tool",
  // A group of function tools (Codex sends its MCP and agent tools so).
  "namespace",
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

/**
 * The hosted tool a request tool or an output item stands for, by its type; undefined for a
 * client's tool, also one of a hosted type that the request has the client run (`execution:
 * "client"`, as Codex declares tool_search:
 * https://platform.openai.com/docs/api-reference/responses/create#responses_create-tools).
 */
export function hostedToolOf(tool: unknown): string | undefined {
  const t = fields(tool);
  return typeof t.type === "string" && t.execution !== "client" ? hostedToolKind(t.type) : undefined;
}

/** Adds the hosted tool that an output item stands for (a `web_search_call`…) to a tally. */
export function countHostedCall(
  uses: Record<string, number> | undefined,
  item: unknown,
): Record<string, number> | undefined {
  const type = fields(item).type;
  if (typeof type !== "string" || !type.endsWith("_call")) return uses;
  const tool = hostedToolOf(item);
  return tool === undefined ? uses : countToolUse(uses, tool);
}

/**
 * The billed usage of a complete Response (a non-streamed body, or a terminal event's
 * `response`): the usage, the service tier it was served at and its hosted tool calls;
 * undefined when it has no usage object.
 */
export function openAiResponsesBodyUsage(response: unknown): UsageRecord | undefined {
  const r = fields(response);
  if (typeof r.usage !== "object" || r.usage === null || Array.isArray(r.usage)) return undefined;
  const record = openAiResponsesUsageToRecord(r.usage);
  const tier = nonStandardTier(r.service_tier);
  if (tier !== undefined) record.serviceTier = tier;
  for (const item of Array.isArray(r.output) ? r.output : [])
    record.toolUses = countHostedCall(record.toolUses, item);
  return record;
}

type Raw = Record<string, unknown>;

/**
 * What a stored response leaves at OpenAI for later: the response (unless `store` was false),
 * its output items (an `item_reference` names one) and any code-interpreter container it used.
 */
export class ResponsesObjects {
  private stored = false;
  private readonly objects: StoredObject[] = [];

  /** A response snapshot (response.created, or a complete Response): its id, if it is stored. */
  response(r: Raw, now: number): void {
    const id = idOf(r.id);
    this.stored = r.store !== false;
    if (id && this.stored)
      addObject(this.objects, { kind: "response", id, expiresAt: now + OPENAI_RESPONSE_RETENTION_MS });
    for (const item of Array.isArray(r.output) ? (r.output as Raw[]) : []) this.item(item, now);
  }

  /** An output item of the response. */
  item(item: Raw, now: number): void {
    const id = idOf(item.id);
    if (id && this.stored)
      addObject(this.objects, { kind: "item", id, expiresAt: now + OPENAI_RESPONSE_RETENTION_MS });
    const container = idOf(item.container_id);
    if (container) addObject(this.objects, { kind: "container", id: container, expiresAt: null });
  }

  list(): StoredObject[] {
    return [...this.objects];
  }
}

/** The stored objects of a complete Response (a non-streamed body). */
export function openAiResponsesBodyObjects(response: unknown, now = Date.now()): StoredObject[] {
  const objects = new ResponsesObjects();
  objects.response(fields(response), now);
  return objects.list();
}
