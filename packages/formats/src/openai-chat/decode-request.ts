/**
 * OpenAI Chat Completions request → IR request (docs/wire-formats.md,
 * "OpenAI Chat → Claude"). Vendor rules (which
 * temperature a model takes, how many cache breakpoints) belong to the target's encoder, not
 * here: this file only says what the client asked for.
 */
import { GatewayError } from "../errors.ts";
import { parseRequest } from "../invalid-request.ts";
import type {
  CacheControl,
  ContentPart,
  DocumentPart,
  ImagePart,
  TextPart,
  ToolCallPart,
  ToolResultPart,
} from "../ir/content.ts";
import type { EffortValue, IrMessage, IrReasoning, IrRequest, IrTool, IrToolChoice } from "../ir/request.ts";
import { DEFAULT_MAX_OUTPUT_TOKENS } from "../request-params.ts";
import {
  type OPENAI_REASONING_EFFORTS,
  type OpenAiChatMessage,
  type OpenAiChatRequest,
  OpenAiChatRequestSchema,
  type OpenAiTextPart,
  type OpenAiUserPart,
} from "./schema.ts";

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
  // Anthropic requires `type: "object"`; the rest of the schema is kept as written.
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

// ── messages → IR system text and turns ───────────────────────────────────────────────

type Msg<R extends OpenAiChatMessage["role"]> = Extract<OpenAiChatMessage, { role: R }>;

const invalid = (param: string, problem: string) =>
  new GatewayError("invalid_request", `${param}: ${problem}`, { param });

/** A client's `cache_control`, copied field by field (its extra keys are not forwarded). */
export function cacheControl(
  cc: { type: "ephemeral"; ttl?: "5m" | "1h" } | null | undefined,
): CacheControl | undefined {
  if (!cc) return undefined;
  return cc.ttl ? { type: "ephemeral", ttl: cc.ttl } : { type: "ephemeral" };
}

function text(t: string, cc?: CacheControl): TextPart {
  return cc ? { type: "text", text: t, cacheControl: cc } : { type: "text", text: t };
}

/** A message-level `cache_control` (non-standard) marks the end of the message: its last part. */
function markLast<P extends { cacheControl?: CacheControl }>(parts: P[], cc: CacheControl | undefined): P[] {
  const last = parts.at(-1);
  if (cc && last) last.cacheControl = cc;
  return parts;
}

// Empty text blocks are rejected by Anthropic, and carry nothing: they are dropped.
function textParts(content: string | OpenAiTextPart[]): TextPart[] {
  if (typeof content === "string") return content === "" ? [] : [text(content)];
  return content.filter((p) => p.text !== "").map((p) => text(p.text, cacheControl(p.cache_control)));
}

// `data:<media type>[;params];base64,<data>`
const DATA_URL = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s;

/**
 * An image or PDF from a URL a client sent: a base64 `data:` URL (a PDF media type makes a
 * document) or an http(s) URL the vendor fetches. Throws a 400 naming `param` for anything else.
 */
export function media(url: string, param: string, cc: CacheControl | undefined): ImagePart | DocumentPart {
  const m = DATA_URL.exec(url);
  if (m) {
    if (!m[2]?.split(";").includes("base64")) throw invalid(param, "only base64 data: URLs are supported");
    const mediaType = (m[1] ?? "").toLowerCase();
    const part: ImagePart | DocumentPart = {
      type: mediaType === "application/pdf" ? "document" : "image",
      source: { type: "base64", mediaType, data: m[3] ?? "" },
    };
    if (cc) part.cacheControl = cc;
    return part;
  }
  if (!/^https?:\/\//i.test(url)) throw invalid(param, "must be an http(s) URL or a base64 data: URL");
  // Anthropic fetches the URL itself; `detail` has no counterpart and is dropped.
  const part: ImagePart = { type: "image", source: { type: "url", url } };
  if (cc) part.cacheControl = cc;
  return part;
}

function userPart(p: OpenAiUserPart, param: string): TextPart | ImagePart | DocumentPart {
  switch (p.type) {
    case "text":
      return text(p.text, cacheControl(p.cache_control));
    case "image_url":
      return media(p.image_url.url, `${param}.image_url.url`, cacheControl(p.cache_control));
    case "file": {
      const data = p.file.file_data;
      if (!data)
        throw invalid(`${param}.file`, "only file_data is supported (file_id cannot be read upstream)");
      // file_data is a data: URL; bare base64 is taken as a PDF, the only document kind upstream reads.
      const url = data.startsWith("data:") ? data : `data:application/pdf;base64,${data}`;
      return media(url, `${param}.file.file_data`, cacheControl(p.cache_control));
    }
    default:
      throw invalid(param, `content parts of type ${p.type} are not supported`);
  }
}

function userParts(m: Msg<"user">, i: number): (TextPart | ImagePart | DocumentPart)[] {
  if (typeof m.content === "string") return markLast(textParts(m.content), cacheControl(m.cache_control));
  const parts = m.content.flatMap((p, j) =>
    p.type === "text" && p.text === "" ? [] : [userPart(p, `messages.${i}.content.${j}`)],
  );
  return markLast(parts, cacheControl(m.cache_control));
}

/** A tool call's JSON `arguments` as an object; "" or none is `{}`. Throws a 400 naming `param`. */
export function toolInput(args: string | null | undefined, param: string): Record<string, unknown> {
  // Clients send "" (or nothing) for a call without arguments: that is `{}` (Portkey, LiteLLM).
  if (args == null || args.trim() === "") return {};
  let input: unknown;
  try {
    input = JSON.parse(args);
  } catch {
    throw invalid(param, "is not valid JSON");
  }
  if (typeof input !== "object" || input === null || Array.isArray(input))
    throw invalid(param, "must be a JSON object");
  return input as Record<string, unknown>;
}

function assistantParts(m: Msg<"assistant">, i: number): ContentPart[] {
  // Signed thinking goes first: Claude requires a tool-loop turn to start with it.
  // `reasoning_content` alone has no signature and cannot be replayed, so it is not sent back.
  const parts: ContentPart[] = (m.thinking_blocks ?? []).map((b) =>
    b.type === "thinking"
      ? { type: "thinking", text: b.thinking, signature: b.signature }
      : { type: "redacted_thinking", data: b.data },
  );
  const content = m.content ?? [];
  const texts: TextPart[] =
    typeof content === "string"
      ? textParts(content)
      : content.flatMap((p) => {
          const t = p.type === "text" ? p.text : p.refusal;
          return t === "" ? [] : [text(t, p.type === "text" ? cacheControl(p.cache_control) : undefined)];
        });
  if (m.refusal) texts.push(text(m.refusal));
  const calls: ToolCallPart[] = (m.tool_calls ?? []).map((c, j) => ({
    type: "tool_call",
    id: c.id,
    name: c.function.name,
    input: toolInput(c.function.arguments, `messages.${i}.tool_calls.${j}.function.arguments`),
  }));
  return parts.concat(markLast([...texts, ...calls], cacheControl(m.cache_control)));
}

function toolResult(m: Msg<"tool">): ToolResultPart {
  const part: ToolResultPart = {
    type: "tool_result",
    toolCallId: m.tool_call_id,
    content: textParts(m.content),
  };
  const cc = cacheControl(m.cache_control);
  if (cc) part.cacheControl = cc;
  return part;
}

/**
 * Split OpenAI messages into system text and conversation turns. System and developer
 * messages are hoisted into the system text, in order. Consecutive tool messages (parallel
 * calls) become one user turn of tool results, and a user message right after them joins that
 * turn behind the results, since Claude wants the results first in the turn after the calls.
 */
function decodeOpenAiChatMessages(messages: OpenAiChatMessage[]): {
  system: TextPart[];
  messages: IrMessage[];
} {
  const system: TextPart[] = [];
  const turns: IrMessage[] = [];
  // The user turn opened by tool messages, while it is still the last turn.
  let toolTurn: IrMessage | undefined;
  messages.forEach((m, i) => {
    switch (m.role) {
      case "system":
      case "developer":
        system.push(...markLast(textParts(m.content), cacheControl(m.cache_control)));
        break;
      case "user": {
        const parts = userParts(m, i);
        if (toolTurn) toolTurn.content.push(...parts);
        else if (parts.length > 0) turns.push({ role: "user", content: parts });
        break;
      }
      case "assistant": {
        toolTurn = undefined;
        const parts = assistantParts(m, i);
        if (parts.length > 0) turns.push({ role: "assistant", content: parts });
        break;
      }
      case "tool": {
        if (!toolTurn) {
          toolTurn = { role: "user", content: [] };
          turns.push(toolTurn);
        }
        const firstOther = toolTurn.content.findIndex((p) => p.type !== "tool_result");
        toolTurn.content.splice(firstOther < 0 ? toolTurn.content.length : firstOther, 0, toolResult(m));
        break;
      }
    }
  });
  return { system, messages: turns };
}
