/**
 * OpenAI Responses request → IR request (docs/wire-formats.md,
 * "OpenAI Responses (Codex) → Claude"). Vendor
 * rules (sampling per model, cache breakpoint limits, thinking modes) belong to the target's
 * encoder; this file only says what the client asked for. The reverse, IR → a Responses body for
 * a GPT upstream, is encode-request.ts.
 */
import { GatewayError } from "../errors.ts";
import { parseRequest } from "../invalid-request.ts";
import type {
  CacheControl,
  ContentPart,
  RedactedThinkingPart,
  TextPart,
  ThinkingPart,
  ToolResultContentPart,
} from "../ir/content.ts";
import type { IrMessage, IrReasoning, IrRequest, IrTool, IrToolChoice } from "../ir/request.ts";
import { isOpaqueId, media, OPENAI_EFFORT_VALUE, toolInput } from "../openai-chat/decode-request.ts";
import { DEFAULT_MAX_OUTPUT_TOKENS } from "../request-params.ts";
import { decodeReasoningToken, thinkingDigest } from "./reasoning-token.ts";
import {
  type OpenAiResponsesRequest,
  OpenAiResponsesRequestSchema,
  type ResponsesInputItem,
  type ResponsesMessagePart,
  type ResponsesTool,
  type ResponsesToolOutputPart,
} from "./schema.ts";

/**
 * Validate a parsed JSON body against the request schema. Throws a 400 GatewayError naming the
 * first field at fault (`param`, dotted) in OpenAI's way. The result is for decoding: items and
 * tools of unmodelled types are replaced by `{type: "other"}` markers, so a route that passes the
 * body through forwards the client's own JSON, not this value.
 */
export function parseOpenAiResponsesRequest(body: unknown): OpenAiResponsesRequest {
  return parseRequest(OpenAiResponsesRequestSchema, body);
}

/** The input schema of a free-text tool for a vendor that only has JSON tools. */
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
    // Anthropic requires `type: "object"`; the rest of the schema is kept as written.
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
 * each turn, so two breakpoints: the end of the system text (tools and system, stable
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

// ── instructions and input items → IR system text and turns ───────────────────────────

const invalid = (param: string, problem: string) =>
  new GatewayError("invalid_request", `${param}: ${problem}`, { param });

// Empty text blocks are rejected by Anthropic and carry nothing: they are dropped.
const text = (t: string): TextPart[] => (t === "" ? [] : [{ type: "text", text: t }]);

function inputPart(
  p: ResponsesMessagePart | ResponsesToolOutputPart,
  param: string,
): ToolResultContentPart[] {
  switch (p.type) {
    case "input_text":
    case "output_text":
      return text(p.text);
    case "refusal":
      return text(p.refusal);
    case "input_image":
      if (!p.image_url)
        throw invalid(`${param}.image_url`, "only image_url is supported (file_id cannot be read upstream)");
      return [media(p.image_url, `${param}.image_url`, undefined)];
    case "input_file": {
      if (p.file_url) return [media(p.file_url, `${param}.file_url`, undefined)];
      if (!p.file_data)
        throw invalid(param, "only file_data or file_url is supported (file_id cannot be read upstream)");
      // file_data is a data: URL; bare base64 is taken as a PDF, the only document kind upstream reads.
      const url = p.file_data.startsWith("data:")
        ? p.file_data
        : `data:application/pdf;base64,${p.file_data}`;
      return [media(url, `${param}.file_data`, undefined)];
    }
  }
}

function parts(content: string | (ResponsesMessagePart | ResponsesToolOutputPart)[], param: string) {
  if (typeof content === "string") return text(content);
  return content.flatMap((p, j) => inputPart(p, `${param}.${j}`));
}

/**
 * A reasoning item as the Claude thinking it carries, or nothing: OpenAI's own ciphertext (or
 * an item without any) cannot be sent to Claude and is dropped, as is GPT reasoning we wrapped.
 */
function thinking(item: Extract<ResponsesInputItem, { type: "reasoning" }>, param: string): ContentPart[] {
  if (!item.encrypted_content) return [];
  const read = decodeReasoningToken(item.encrypted_content);
  if (read.kind === "invalid")
    throw invalid(`${param}.encrypted_content`, "was altered; send it back as received");
  if (read.kind === "foreign") return [];
  const t = read.token;
  if ("digest" in t) {
    // The text came out as the summary; it must come back as it went.
    const text = (item.summary ?? []).map((s) => s.text).join("");
    if (thinkingDigest(text) !== t.digest)
      throw invalid(
        `${param}.summary`,
        "does not match its encrypted_content; send the reasoning item back as received",
      );
    return [{ type: "thinking", text, signature: t.signature }];
  }
  if ("thinking" in t) return [{ type: "thinking", text: t.thinking, signature: t.signature }];
  if ("redacted" in t) return [{ type: "redacted_thinking", data: t.redacted }];
  return [];
}

/**
 * Split Responses input into system text and conversation turns. Instructions and system or
 * developer messages become the system text, in order (Codex sends its prompt as developer
 * messages). Consecutive model-side items (assistant messages, reasoning, calls) form one
 * assistant turn in their original order, so Claude gets its thinking blocks where it wrote
 * them; outputs of calls go first in the user turn that follows, as Claude requires. Items of
 * kinds the gateway does not model (hosted tool calls, item references) are dropped.
 */
function decodeResponsesInput(body: OpenAiResponsesRequest): {
  system: TextPart[];
  messages: IrMessage[];
} {
  const system: TextPart[] = [];
  const turns: IrMessage[] = [];
  const add = (role: IrMessage["role"], content: ContentPart[]): void => {
    if (content.length === 0) return;
    let last = turns.at(-1);
    if (last?.role !== role) {
      last = { role, content: [] };
      turns.push(last);
    }
    for (const p of content) {
      // Tool results go before any other part of their turn.
      const firstOther =
        p.type === "tool_result" ? last.content.findIndex((q) => q.type !== "tool_result") : -1;
      last.content.splice(firstOther < 0 ? last.content.length : firstOther, 0, p);
    }
  };

  const instructions = body.instructions;
  if (typeof instructions === "string") system.push(...text(instructions));
  else for (const p of instructions ?? []) system.push(...text(p.text));

  const input =
    typeof body.input === "string"
      ? [{ type: "message", role: "user", content: body.input } as const]
      : (body.input ?? []);
  input.forEach((item, i) => {
    const param = `input.${i}`;
    switch (item.type) {
      case "message": {
        const content = parts(item.content, `${param}.content`);
        if (item.role === "user" || item.role === "assistant") add(item.role, content);
        else {
          if (content.some((p) => p.type !== "text"))
            throw invalid(`${param}.content`, `a ${item.role} message may hold text only`);
          system.push(...(content as TextPart[]));
        }
        break;
      }
      case "function_call":
        add("assistant", [
          {
            type: "tool_call",
            id: item.call_id,
            name: item.name,
            input: toolInput(item.arguments, `${param}.arguments`),
          },
        ]);
        break;
      case "custom_tool_call":
        // The free text travels in the `{input}` wrapper the tool was declared with (IrTool.custom).
        add("assistant", [
          { type: "tool_call", id: item.call_id, name: item.name, input: { input: item.input } },
        ]);
        break;
      case "function_call_output":
      case "custom_tool_call_output":
        add("user", [
          { type: "tool_result", toolCallId: item.call_id, content: parts(item.output, `${param}.output`) },
        ]);
        break;
      case "reasoning":
        add("assistant", thinking(item, param));
        break;
      case "other":
        break;
    }
  });
  return { system, messages: turns };
}
