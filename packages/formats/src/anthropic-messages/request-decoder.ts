/**
 * Anthropic Messages request → IR request (wire-formats.md §1.2): an Anthropic client (Claude
 * Code) in front of another vendor. The inverse of request-codec.ts; it only says what the
 * client asked for, the target's encoder decides how to say it.
 */
import { z } from "zod";
import { GatewayError } from "../errors.ts";
import { parseRequest } from "../invalid-request.ts";
import type { TextPart } from "../ir/content.ts";
import type { EffortValue, IrMessage, IrReasoning, IrRequest, IrTool, IrToolChoice } from "../ir/request.ts";
import { DEFAULT_MAX_TOKENS } from "./normalize-request.ts";
import { blockParts, cacheControlOf, textPart } from "./request-decoder-blocks.ts";
import type { AnthropicMessagesRequest } from "./schema.ts";

const invalid = (param: string, problem: string) =>
  new GatewayError("invalid_request", `${param}: ${problem}`, { param });

const ToolSchema = z.looseObject({
  name: z.string().min(1),
  description: z.string().nullish(),
  input_schema: z.record(z.string(), z.unknown()),
  strict: z.boolean().nullish(),
  cache_control: z
    .looseObject({ type: z.literal("ephemeral"), ttl: z.enum(["5m", "1h"]).optional() })
    .nullish(),
});
const ToolChoiceSchema = z.looseObject({
  type: z.enum(["auto", "any", "tool", "none"]),
  name: z.string().optional(),
  disable_parallel_tool_use: z.boolean().nullish(),
});
const ThinkingSchema = z.looseObject({
  type: z.enum(["enabled", "adaptive", "disabled"]),
  budget_tokens: z.int().min(0).nullish(),
  display: z.enum(["summarized", "omitted"]).nullish(),
});
const OutputConfigSchema = z.looseObject({
  effort: z.enum(["low", "medium", "high", "xhigh", "max"]).nullish(),
  format: z
    .looseObject({ type: z.literal("json_schema"), schema: z.record(z.string(), z.unknown()) })
    .nullish(),
});

// Fields this decoder reads; the others are kept in `extra` (for logs), not forwarded.
const MODELLED = new Set([
  "model",
  "max_tokens",
  "messages",
  "system",
  "tools",
  "tool_choice",
  "thinking",
  "output_config",
  "stop_sequences",
  "temperature",
  "top_p",
  "metadata",
  "stream",
]);

function systemText(system: AnthropicMessagesRequest["system"], param: string): TextPart[] {
  if (system === undefined) return [];
  if (typeof system === "string") return system === "" ? [] : [{ type: "text", text: system }];
  return system.flatMap((b, i) => textPart(b, `${param}.${i}`));
}

/**
 * Decode a validated Anthropic Messages request (AnthropicMessagesRequestSchema). Throws a 400
 * GatewayError naming the field at fault. Mid-conversation `system` messages join the system
 * text; server tools (web search, code execution…) are dropped, since only Anthropic runs them.
 */
export function decodeAnthropicRequest(body: AnthropicMessagesRequest): IrRequest {
  const system = systemText(body.system, "system");
  const messages: IrMessage[] = [];
  body.messages.forEach((m, i) => {
    const param = `messages.${i}.content`;
    if (m.role === "system") {
      system.push(...systemText(m.content, param));
      return;
    }
    const content =
      typeof m.content === "string"
        ? systemText(m.content, param)
        : m.content.flatMap((b, j) => blockParts(b, `${param}.${j}`));
    // Anthropic merges consecutive turns of one role; so does the IR.
    const last = messages.at(-1);
    if (last?.role === m.role) last.content.push(...content);
    else if (content.length > 0) messages.push({ role: m.role, content });
  });

  const ir: IrRequest = {
    model: body.model,
    system,
    messages,
    tools: (body.tools ?? []).flatMap((t, i) => tool(t, `tools.${i}`)),
    maxOutputTokens: body.max_tokens ?? DEFAULT_MAX_TOKENS,
    stopSequences: body.stop_sequences ?? [],
    metadata: {},
    stream: body.stream === true,
    extra: Object.fromEntries(Object.entries(body).filter(([k]) => !MODELLED.has(k))),
  };
  if (body.tool_choice) {
    const c = parseRequest(ToolChoiceSchema, body.tool_choice, "tool_choice");
    ir.toolChoice = toolChoice(c);
    if (c.disable_parallel_tool_use) ir.parallelToolCalls = false;
  }
  // Ranges checked by the schema (AnthropicMessagesRequestSchema).
  if (body.temperature !== undefined) ir.temperature = body.temperature;
  if (body.top_p !== undefined) ir.topP = body.top_p;
  const output = parseRequest(OutputConfigSchema.optional(), body.output_config, "output_config");
  const r = reasoning(
    body.thinking ? parseRequest(ThinkingSchema, body.thinking, "thinking") : undefined,
    output?.effort,
  );
  if (r) ir.reasoning = r;
  if (output?.format) ir.responseFormat = { type: "json_schema", schema: output.format.schema };
  if (body.metadata?.user_id) ir.metadata.userId = body.metadata.user_id;
  return ir;
}

function tool(t: { type?: string | undefined }, param: string): IrTool[] {
  // A typed tool other than `custom` is a server tool (web_search_20250305, bash_…): Anthropic's.
  if (t.type !== undefined && t.type !== "custom") return [];
  const b = parseRequest(ToolSchema, t, param);
  const out: IrTool = { name: b.name, inputSchema: b.input_schema };
  if (b.description != null) out.description = b.description;
  if (b.strict != null) out.strict = b.strict;
  const cc = cacheControlOf(b.cache_control);
  if (cc) out.cacheControl = cc;
  return [out];
}

function toolChoice(c: z.infer<typeof ToolChoiceSchema>): IrToolChoice {
  if (c.type === "any") return { type: "required" };
  if (c.type === "tool") {
    if (!c.name) throw invalid("tool_choice.name", "Field required");
    return { type: "tool", name: c.name };
  }
  return { type: c.type };
}

function reasoning(
  t: z.infer<typeof ThinkingSchema> | undefined,
  effort: EffortValue | null | undefined,
): IrReasoning | undefined {
  if (t?.type === "disabled") return { mode: "off" };
  if (!t && effort == null) return undefined;
  const r: IrReasoning = { mode: t?.type === "enabled" ? "budget" : "adaptive" };
  if (t?.type === "enabled" && t.budget_tokens != null) r.budgetTokens = t.budget_tokens;
  if (effort != null) r.effort = { value: effort, raw: effort };
  if (t?.display != null) r.display = t.display;
  return r;
}
