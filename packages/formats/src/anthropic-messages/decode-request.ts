/**
 * Anthropic Messages request → IR request (https://docs.anthropic.com/en/api/messages): an Anthropic client (Claude
 * Code) in front of another vendor. The inverse of encode-request.ts; it only says what the
 * client asked for, the target's encoder decides how to say it.
 */
import { z } from "zod";
import { GatewayError } from "../errors.ts";
import { parseRequest } from "../invalid-request.ts";
import type {
  CacheControl,
  ContentPart,
  DocumentPart,
  ImagePart,
  MediaSource,
  TextPart,
  ToolCallPart,
  ToolResultContentPart,
  ToolResultPart,
} from "../ir/content.ts";
import type { EffortValue, IrMessage, IrReasoning, IrRequest, IrTool, IrToolChoice } from "../ir/request.ts";
import { DEFAULT_MAX_TOKENS } from "../request-params.ts";
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

// ── content blocks → IR parts: checked one by one, so a 400 names the block at fault
// (`messages.2.content.0.source`) ──────────────────────────────────────────────────────

const CacheControlSchema = z.looseObject({
  type: z.literal("ephemeral"),
  ttl: z.enum(["5m", "1h"]).optional(),
});
const cacheable = { cache_control: CacheControlSchema.nullish() };

const MediaSourceSchema = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("base64"), media_type: z.string(), data: z.string() }),
  z.looseObject({ type: z.literal("url"), url: z.string() }),
  z.looseObject({ type: z.literal("text"), data: z.string() }),
  z.looseObject({ type: z.literal("file") }),
  z.looseObject({ type: z.literal("content") }),
]);

const TextSchema = z.looseObject({ type: z.literal("text"), text: z.string(), ...cacheable });
const ImageSchema = z.looseObject({ type: z.literal("image"), source: MediaSourceSchema, ...cacheable });
const DocumentSchema = z.looseObject({
  type: z.literal("document"),
  source: MediaSourceSchema,
  ...cacheable,
});

const BLOCKS = {
  text: TextSchema,
  image: ImageSchema,
  document: DocumentSchema,
  tool_use: z.looseObject({
    type: z.literal("tool_use"),
    id: z.string(),
    name: z.string(),
    input: z.record(z.string(), z.unknown()),
    ...cacheable,
  }),
  tool_result: z.looseObject({
    type: z.literal("tool_result"),
    tool_use_id: z.string(),
    content: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))]).nullish(),
    is_error: z.boolean().nullish(),
    ...cacheable,
  }),
  thinking: z.looseObject({ type: z.literal("thinking"), thinking: z.string(), signature: z.string() }),
  redacted_thinking: z.looseObject({ type: z.literal("redacted_thinking"), data: z.string() }),
} as const;

/** A client's `cache_control`, copied field by field (its extra keys are not forwarded). */
function cacheControlOf(cc: z.infer<typeof CacheControlSchema> | null | undefined): CacheControl | undefined {
  if (!cc) return undefined;
  return cc.ttl ? { type: "ephemeral", ttl: cc.ttl } : { type: "ephemeral" };
}

function withCache<P extends { cacheControl?: CacheControl }>(part: P, cc: CacheControl | undefined): P {
  if (cc) part.cacheControl = cc;
  return part;
}

function media(
  block: z.infer<typeof ImageSchema> | z.infer<typeof DocumentSchema>,
  param: string,
): ToolResultContentPart {
  const s = block.source;
  const cc = cacheControlOf(block.cache_control);
  // A plain-text document is text to every vendor.
  if (s.type === "text") return withCache<TextPart>({ type: "text", text: s.data }, cc);
  if (s.type !== "base64" && s.type !== "url") {
    throw invalid(`${param}.source.type`, `${s.type} sources are not supported for this model`);
  }
  const source: MediaSource =
    s.type === "base64"
      ? { type: "base64", mediaType: s.media_type, data: s.data }
      : { type: "url", url: s.url };
  return withCache<ImagePart | DocumentPart>({ type: block.type, source }, cc);
}

/** A text block's text part, or nothing for empty text (which carries nothing). */
function textPart(block: unknown, param: string): TextPart[] {
  const b = parseRequest(TextSchema, block, param);
  return b.text === ""
    ? []
    : [withCache<TextPart>({ type: "text", text: b.text }, cacheControlOf(b.cache_control))];
}

function resultContent(
  content: string | { type: string }[] | null | undefined,
  param: string,
): ToolResultContentPart[] {
  if (content == null) return [];
  if (typeof content === "string") return content === "" ? [] : [{ type: "text", text: content }];
  return content.flatMap((b, j) => {
    const at = `${param}.${j}`;
    if (b.type === "text") return textPart(b, at);
    if (b.type === "image" || b.type === "document") return [media(parseRequest(BLOCKS[b.type], b, at), at)];
    throw invalid(`${at}.type`, `${b.type} blocks are not supported in a tool result for this model`);
  });
}

/**
 * The IR part of one block of a message. Blocks the IR does not model (server-tool calls and
 * results, search results, container uploads, tool references) are dropped: they belong to
 * Anthropic's own tools, which another vendor cannot run or read.
 */
function blockParts(block: { type: string }, param: string): ContentPart[] {
  switch (block.type) {
    case "text":
      return textPart(block, param);
    case "image":
    case "document":
      return [media(parseRequest(BLOCKS[block.type], block, param), param)];
    case "tool_use": {
      const b = parseRequest(BLOCKS.tool_use, block, param);
      return [
        withCache<ToolCallPart>(
          { type: "tool_call", id: b.id, name: b.name, input: b.input },
          cacheControlOf(b.cache_control),
        ),
      ];
    }
    case "tool_result": {
      const b = parseRequest(BLOCKS.tool_result, block, param);
      const part: ToolResultPart = {
        type: "tool_result",
        toolCallId: b.tool_use_id,
        content: resultContent(b.content, `${param}.content`),
      };
      if (b.is_error) part.isError = true;
      return [withCache(part, cacheControlOf(b.cache_control))];
    }
    case "thinking": {
      const b = parseRequest(BLOCKS.thinking, block, param);
      return [{ type: "thinking", text: b.thinking, signature: b.signature }];
    }
    case "redacted_thinking":
      return [{ type: "redacted_thinking", data: parseRequest(BLOCKS.redacted_thinking, block, param).data }];
    default:
      return [];
  }
}
