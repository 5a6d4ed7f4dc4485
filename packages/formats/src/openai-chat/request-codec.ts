/**
 * OpenAI Chat Completions request → IR request (wire-formats.md §4). Vendor rules (which
 * temperature a model takes, how many cache breakpoints) belong to the target's encoder, not
 * here: this file only says what the client asked for.
 */
import { GatewayError } from "../errors.ts";
import { parseRequest } from "../invalid-request.ts";
import {
  DEFAULT_MAX_OUTPUT_TOKENS,
  type EffortValue,
  type IrReasoning,
  type IrRequest,
  type IrTool,
  type IrToolChoice,
} from "../ir/request.ts";
import { cacheControl, decodeOpenAiChatMessages } from "./request-messages.ts";
import { type OPENAI_REASONING_EFFORTS, type OpenAiChatRequest, OpenAiChatRequestSchema } from "./schema.ts";

/**
 * Validate a parsed JSON body against the request schema. Throws a 400 GatewayError naming the
 * first field at fault (`param`, dotted) in OpenAI's way.
 */
export function parseOpenAiChatRequest(body: unknown): OpenAiChatRequest {
  return parseRequest(OpenAiChatRequestSchema, body);
}

// `minimal` has no Anthropic counterpart; `low` is the nearest (the raw value is kept).
export const OPENAI_EFFORT_VALUE: Record<
  Exclude<(typeof OPENAI_REASONING_EFFORTS)[number], "none">,
  EffortValue
> = {
  minimal: "low",
  low: "low",
  medium: "medium",
  high: "high",
  xhigh: "xhigh",
  max: "max",
};

// Fields this codec reads; the others are kept in `extra` (for logs), not forwarded.
const MODELLED = new Set([
  "model",
  "messages",
  "tools",
  "tool_choice",
  "parallel_tool_calls",
  "max_tokens",
  "max_completion_tokens",
  "temperature",
  "top_p",
  "stop",
  "n",
  "stream",
  "stream_options",
  "reasoning_effort",
  "response_format",
  "user",
  "safety_identifier",
  "thinking",
]);

/** Decode a validated OpenAI Chat request. Throws a 400 GatewayError for what Claude cannot do. */
export function decodeOpenAiChatRequest(body: OpenAiChatRequest): IrRequest {
  // One choice per request: fanning out N upstream calls is not worth its billing questions.
  if (body.n != null && body.n > 1) {
    throw new GatewayError("invalid_request", "n: only n=1 is supported", { param: "n" });
  }
  const { system, messages } = decodeOpenAiChatMessages(body.messages);
  const ir: IrRequest = {
    model: body.model,
    system,
    messages,
    tools: (body.tools ?? []).map(tool),
    maxOutputTokens: body.max_completion_tokens ?? body.max_tokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
    stopSequences: body.stop == null ? [] : typeof body.stop === "string" ? [body.stop] : body.stop,
    metadata: {},
    stream: body.stream === true,
    extra: Object.fromEntries(Object.entries(body).filter(([k]) => !MODELLED.has(k))),
  };
  if (body.tool_choice != null) ir.toolChoice = toolChoice(body.tool_choice);
  if (body.parallel_tool_calls != null) ir.parallelToolCalls = body.parallel_tool_calls;
  if (body.temperature != null) ir.temperature = body.temperature;
  if (body.top_p != null) ir.topP = body.top_p;
  const r = reasoning(body);
  if (r) ir.reasoning = r;
  const format = body.response_format;
  // json_object has no native Anthropic form (structured output needs a schema): it is dropped.
  if (format?.type === "json_schema" && format.json_schema.schema) {
    ir.responseFormat = {
      type: "json_schema",
      name: format.json_schema.name,
      schema: format.json_schema.schema,
    };
    if (format.json_schema.strict != null) ir.responseFormat.strict = format.json_schema.strict;
  }
  const userId = body.user ?? body.safety_identifier;
  if (userId && isOpaqueId(userId)) ir.metadata.userId = userId;
  return ir;
}

function tool(t: NonNullable<OpenAiChatRequest["tools"]>[number]): IrTool {
  const f = t.function;
  // Anthropic requires `type: "object"`; the rest of the schema is kept as written (§4).
  const params = f.parameters ?? { properties: {} };
  const out: IrTool = { name: f.name, inputSchema: { type: "object", ...params } };
  if (f.description != null) out.description = f.description;
  if (f.strict != null) out.strict = f.strict;
  const cc = cacheControl(t.cache_control);
  if (cc) out.cacheControl = cc;
  return out;
}

function toolChoice(c: NonNullable<OpenAiChatRequest["tool_choice"]>): IrToolChoice {
  if (c === "auto" || c === "none" || c === "required") return { type: c };
  return { type: "tool", name: c.function.name };
}

function reasoning(body: OpenAiChatRequest): IrReasoning | undefined {
  const effort = body.reasoning_effort;
  const thinking = body.thinking;
  if (effort == null && thinking == null) return undefined;
  // `none` turns thinking off (LiteLLM PR #27039), as does an explicit `disabled`.
  if (effort === "none" || thinking?.type === "disabled") return { mode: "off" };
  const r: IrReasoning = { mode: thinking?.type === "enabled" ? "budget" : "adaptive" };
  if (effort != null) r.effort = { value: OPENAI_EFFORT_VALUE[effort], raw: effort };
  if (thinking?.type === "enabled" && thinking.budget_tokens != null) r.budgetTokens = thinking.budget_tokens;
  if (thinking?.display != null) r.display = thinking.display;
  return r;
}

/**
 * Anthropic rejects e-mail addresses and phone numbers as `metadata.user_id` (LiteLLM
 * `_valid_user_id`); such a `user` is not forwarded, and it should not be: it is personal data.
 */
export function isOpaqueId(id: string): boolean {
  return !id.includes("@") && !/^\+?[\d\s().-]{7,}$/.test(id);
}
