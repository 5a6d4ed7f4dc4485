/**
 * OpenAI Responses request → IR request (wire-formats.md §9.1; Codex in front of Claude). Vendor
 * rules (sampling per model, cache breakpoint limits, thinking modes) belong to the target's
 * encoder; this file only says what the client asked for. The reverse, IR → a Responses body for
 * a GPT upstream, is request-encoder.ts.
 */
import { GatewayError } from "../errors.ts";
import { parseRequest } from "../invalid-request.ts";
import type { CacheControl, ContentPart, RedactedThinkingPart, ThinkingPart } from "../ir/content.ts";
import {
  DEFAULT_MAX_OUTPUT_TOKENS,
  type IrReasoning,
  type IrRequest,
  type IrTool,
  type IrToolChoice,
} from "../ir/request.ts";
import { isOpaqueId, OPENAI_EFFORT_VALUE } from "../openai-chat/request-codec.ts";
import { decodeResponsesInput } from "./request-input.ts";
import { type OpenAiResponsesRequest, OpenAiResponsesRequestSchema, type ResponsesTool } from "./schema.ts";

export { encodeOpenAiResponsesRequest } from "./request-encoder.ts";

/**
 * Validate a parsed JSON body against the request schema. Throws a 400 GatewayError naming the
 * first field at fault (`param`, dotted) in OpenAI's way. The result is for decoding: items and
 * tools of unmodelled types are replaced by `{type: "other"}` markers, so a route that passes the
 * body through forwards the client's own JSON, not this value.
 */
export function parseOpenAiResponsesRequest(body: unknown): OpenAiResponsesRequest {
  return parseRequest(OpenAiResponsesRequestSchema, body);
}

/** The input schema of a free-text tool for a vendor that only has JSON tools (§9.1). */
export const CUSTOM_TOOL_INPUT_SCHEMA = {
  type: "object",
  properties: { input: { type: "string", description: "The tool's raw text input." } },
  required: ["input"],
} as const;

// Fields this codec reads; the others are kept in `extra` (for logs), not forwarded.
const MODELLED = new Set([
  "model",
  "instructions",
  "input",
  "tools",
  "tool_choice",
  "parallel_tool_calls",
  "max_output_tokens",
  "temperature",
  "top_p",
  "reasoning",
  "stream",
  "text",
  "user",
  "safety_identifier",
  "prompt_cache_key",
]);

/**
 * Decode a validated Responses request. Throws a 400 GatewayError for what the gateway cannot
 * do: `previous_response_id` and `conversation` need conversation state, which it keeps none of
 * (send the whole history in `input`, as Codex does with `store: false`).
 */
export function decodeOpenAiResponsesRequest(body: OpenAiResponsesRequest): IrRequest {
  for (const param of ["previous_response_id", "conversation"] as const) {
    if (body[param] != null) {
      throw new GatewayError(
        "invalid_request",
        `${param}: this gateway keeps no conversation state; send the whole conversation in input`,
        { param },
      );
    }
  }
  const { system, messages } = decodeResponsesInput(body);
  const ir: IrRequest = {
    model: body.model,
    system,
    messages,
    // Hosted tools (web_search, local_shell, tool_search, namespace…): no counterpart, dropped.
    tools: (body.tools ?? []).flatMap(tool),
    maxOutputTokens: body.max_output_tokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
    stopSequences: [],
    metadata: {},
    stream: body.stream === true,
    extra: Object.fromEntries(Object.entries(body).filter(([k]) => !MODELLED.has(k))),
  };
  if (body.tool_choice != null) ir.toolChoice = toolChoice(body.tool_choice);
  if (body.parallel_tool_calls != null) ir.parallelToolCalls = body.parallel_tool_calls;
  if (body.temperature != null) ir.temperature = body.temperature;
  if (body.top_p != null) ir.topP = body.top_p;
  const r = reasoning(body.reasoning);
  if (r) ir.reasoning = r;
  const format = body.text?.format;
  // json_object has no native Claude form (structured output needs a schema): it is dropped.
  if (format?.type === "json_schema") {
    ir.responseFormat = { type: "json_schema", schema: format.schema };
    if (format.name != null) ir.responseFormat.name = format.name;
    if (format.strict != null) ir.responseFormat.strict = format.strict;
  }
  const userId = body.safety_identifier ?? body.user;
  if (userId && isOpaqueId(userId)) ir.metadata.userId = userId;
  if (body.prompt_cache_key) markCacheBreakpoints(ir);
  return ir;
}

function tool(t: ResponsesTool): IrTool[] {
  if (t.type === "function") {
    // Anthropic requires `type: "object"`; the rest of the schema is kept as written (§9.1).
    const out: IrTool = {
      name: t.name,
      inputSchema: { type: "object", ...(t.parameters ?? { properties: {} }) },
    };
    if (t.description != null) out.description = t.description;
    if (t.strict != null) out.strict = t.strict;
    return [out];
  }
  if (t.type === "custom") {
    const out: IrTool = { name: t.name, inputSchema: structuredClone(CUSTOM_TOOL_INPUT_SCHEMA), custom: {} };
    if (t.description != null) out.description = t.description;
    if (t.format != null) out.custom = { format: t.format };
    return [out];
  }
  return [];
}

function toolChoice(c: NonNullable<OpenAiResponsesRequest["tool_choice"]>): IrToolChoice {
  if (typeof c === "string") return { type: c };
  if ((c.type === "function" || c.type === "custom") && c.name) return { type: "tool", name: c.name };
  throw new GatewayError("invalid_request", `tool_choice: type ${c.type} is not supported`, {
    param: "tool_choice",
  });
}

function reasoning(r: OpenAiResponsesRequest["reasoning"]): IrReasoning | undefined {
  if (r == null || (r.effort == null && r.summary == null)) return undefined;
  // `none` turns thinking off (LiteLLM PR #27039). Responses has no budget: the model decides.
  if (r.effort === "none") return { mode: "off" };
  const out: IrReasoning = { mode: "adaptive" };
  if (r.effort != null) out.effort = { value: OPENAI_EFFORT_VALUE[r.effort], raw: r.effort };
  // A requested summary (auto, concise, detailed) is Claude's summarized thinking; "none" omits it.
  if (r.summary != null) out.display = r.summary === "none" ? "omitted" : "summarized";
  return out;
}

/**
 * `prompt_cache_key` says the client wants its prefix cached. Codex resends the whole history
 * each turn (§9.1), so two breakpoints: the end of the system text (tools and system, stable
 * across the session) and the end of the conversation so far (read back on the next turn).
 */
function markCacheBreakpoints(ir: IrRequest): void {
  const cc: CacheControl = { type: "ephemeral" };
  const lastSystem = ir.system.at(-1);
  if (lastSystem) lastSystem.cacheControl = cc;
  // Thinking blocks cannot carry a breakpoint.
  const last = ir.messages
    .at(-1)
    ?.content.findLast((p): p is Cacheable => p.type !== "thinking" && p.type !== "redacted_thinking");
  if (last) last.cacheControl = cc;
}

type Cacheable = Exclude<ContentPart, ThinkingPart | RedactedThinkingPart>;
