/**
 * Gemini `generateContent` request → IR request (https://ai.google.dev/api/generate-content): a
 * Gemini client (Gemini CLI, the Gen AI SDKs) in front of Claude or GPT. It says what the client
 * asked for; the target's encoder decides how to say it. What no other vendor can do is a 400
 * naming the field (docs/wire-formats.md, "Gemini → Claude and GPT").
 */
import { GatewayError } from "../errors.ts";
import { parseRequest } from "../invalid-request.ts";
import type {
  ContentPart,
  ImagePart,
  TextPart,
  ToolResultContentPart,
  ToolResultPart,
} from "../ir/content.ts";
import type { EffortValue, IrMessage, IrReasoning, IrRequest, IrTool } from "../ir/request.ts";
import { decodeReasoningToken } from "../openai-responses/reasoning-token.ts";
import { DEFAULT_MAX_OUTPUT_TOKENS } from "../request-params.ts";
import { jsonSchemaOf } from "./parts.ts";
import {
  camelizeGeminiBody,
  type GeminiContent,
  type GeminiGenerateContentRequest,
  GeminiGenerateContentRequestSchema,
  type GeminiPart,
} from "./schema.ts";

const invalid = (param: string, problem: string) =>
  new GatewayError("invalid_request", `${param}: ${problem}`, { param });

/** A parsed JSON body validated as a generateContent request (either spelling of its fields). */
export function parseGeminiRequest(body: unknown): GeminiGenerateContentRequest {
  return parseRequest(GeminiGenerateContentRequestSchema, camelizeGeminiBody(body));
}

// Fields this decoder reads; the others are kept in `extra` (for logs), not forwarded.
const MODELLED = new Set([
  "model",
  "contents",
  "systemInstruction",
  "tools",
  "toolConfig",
  "generationConfig",
  "safetySettings",
]);

// Google's own tools: only Gemini runs them.
const SERVER_TOOLS = [
  "googleSearch",
  "googleSearchRetrieval",
  "googleMaps",
  "codeExecution",
  "urlContext",
  "fileSearch",
  "computerUse",
  "enterpriseWebSearch",
];

const LEVELS: Record<string, { value: EffortValue; raw: string }> = {
  MINIMAL: { value: "low", raw: "minimal" },
  LOW: { value: "low", raw: "low" },
  MEDIUM: { value: "medium", raw: "medium" },
  HIGH: { value: "high", raw: "high" },
};

/**
 * Decode a validated generateContent request for `model` (the path's). Throws a 400 naming the
 * field for what only Gemini can do: more than one candidate, Google's own tools, explicit
 * caches, audio or image output, file references.
 */
export function decodeGeminiRequest(
  body: GeminiGenerateContentRequest,
  model: string,
  stream: boolean,
): IrRequest {
  const config = body.generationConfig ?? {};
  if (config.candidateCount !== undefined && config.candidateCount > 1)
    throw invalid("generationConfig.candidateCount", "only 1 candidate is supported for this model");
  if (config.responseModalities?.some((m) => m.toUpperCase() !== "TEXT"))
    throw invalid("generationConfig.responseModalities", "only TEXT output is supported for this model");
  if (config.responseLogprobs === true)
    throw invalid("generationConfig.responseLogprobs", "log probabilities are not supported for this model");
  if (body.cachedContent !== undefined)
    throw invalid("cachedContent", "explicit context caches are only available on Gemini models");

  const ir: IrRequest = {
    model,
    system: systemText(body.systemInstruction),
    messages: decodeContents(body.contents),
    tools: tools(body),
    maxOutputTokens: config.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
    stopSequences: config.stopSequences ?? [],
    metadata: {},
    stream,
    extra: Object.fromEntries(Object.entries(body).filter(([k]) => !MODELLED.has(k))),
  };
  const calling = body.toolConfig?.functionCallingConfig;
  const mode = calling?.mode?.toUpperCase();
  if (mode === "NONE") ir.toolChoice = { type: "none" };
  else if (mode === "AUTO" || mode === "VALIDATED") ir.toolChoice = { type: "auto" };
  else if (mode === "ANY") {
    const only = calling?.allowedFunctionNames ?? [];
    ir.toolChoice = only.length === 1 ? { type: "tool", name: only[0] as string } : { type: "required" };
  }
  // allowedFunctionNames limits which declared functions may be called: the others are not offered.
  const allowed = calling?.allowedFunctionNames;
  if (allowed && allowed.length > 0 && (mode === "ANY" || mode === "VALIDATED"))
    ir.tools = ir.tools.filter((t) => allowed.includes(t.name));
  if (config.temperature !== undefined) ir.temperature = config.temperature;
  if (config.topP !== undefined) ir.topP = config.topP;
  const r = reasoning(config.thinkingConfig);
  if (r) ir.reasoning = r;
  const schema =
    config.responseJsonSchema ?? (config.responseSchema ? jsonSchemaOf(config.responseSchema) : undefined);
  if (config.responseMimeType === "application/json" && schema)
    ir.responseFormat = { type: "json_schema", schema: schema as Record<string, unknown> };
  else if (config.responseMimeType === "text/x.enum")
    throw invalid("generationConfig.responseMimeType", "text/x.enum is only available on Gemini models");
  return ir;
}

function reasoning(t: NonNullable<GeminiGenerateContentRequest["generationConfig"]>["thinkingConfig"]) {
  if (!t || (t.thinkingBudget === undefined && t.thinkingLevel === undefined)) return undefined;
  if (t.thinkingBudget === 0) return { mode: "off" } satisfies IrReasoning;
  const level = t.thinkingLevel === undefined ? undefined : LEVELS[t.thinkingLevel.toUpperCase()];
  if (t.thinkingLevel !== undefined && !level)
    throw invalid("generationConfig.thinkingConfig.thinkingLevel", "must be MINIMAL, LOW, MEDIUM or HIGH");
  const budget = t.thinkingBudget !== undefined && t.thinkingBudget > 0 ? t.thinkingBudget : undefined;
  const r: IrReasoning = { mode: budget !== undefined && !level ? "budget" : "adaptive" };
  if (budget !== undefined) r.budgetTokens = budget;
  if (level) r.effort = level;
  if (t.includeThoughts !== undefined) r.display = t.includeThoughts ? "summarized" : "omitted";
  return r;
}

function systemText(system: GeminiGenerateContentRequest["systemInstruction"]): TextPart[] {
  return (system?.parts ?? []).flatMap((p, i) => {
    if (p.text === undefined) throw invalid(`systemInstruction.parts.${i}`, "only text parts are supported");
    return p.text === "" ? [] : [{ type: "text", text: p.text }];
  });
}

function tools(body: GeminiGenerateContentRequest): IrTool[] {
  return (body.tools ?? []).flatMap((tool, i) => {
    const server = SERVER_TOOLS.find((name) => Object.hasOwn(tool, name));
    if (server) throw invalid(`tools.${i}.${server}`, `${server} is only available on Gemini models`);
    return (tool.functionDeclarations ?? []).map((f) => {
      const schema =
        f.parametersJsonSchema ??
        (f.parameters ? (jsonSchemaOf(f.parameters) as Record<string, unknown>) : undefined);
      // Claude requires an object schema: a function without parameters takes none.
      const out: IrTool = { name: f.name, inputSchema: schema ?? { type: "object", properties: {} } };
      if (f.description !== undefined) out.description = f.description;
      return out;
    });
  });
}

// ── contents → IR turns ───────────────────────────────────────────────────────────────────

/** The reasoning a `thoughtSignature` carries back from another vendor (parts.ts), if any. */
function carried(signature: string | undefined, param: string): ContentPart[] {
  if (!signature) return [];
  const read = decodeReasoningToken(signature);
  if (read.kind === "invalid")
    throw invalid(`${param}.thoughtSignature`, "was altered; send it back as received");
  // A real Gemini signature means nothing to another vendor.
  if (read.kind === "foreign") return [];
  const t = read.token;
  if ("thinking" in t) return [{ type: "thinking", text: t.thinking, signature: t.signature }];
  if ("redacted" in t) return [{ type: "redacted_thinking", data: t.redacted }];
  if ("openai" in t) return [{ type: "thinking", text: "", signature: signature }];
  return [];
}

/** Inline bytes: an image, a PDF, or text; any other media is refused. */
function inline(data: { mimeType: string; data: string }, param: string): ToolResultContentPart {
  const mediaType = data.mimeType.toLowerCase();
  if (mediaType.startsWith("image/"))
    return { type: "image", source: { type: "base64", mediaType, data: data.data } } satisfies ImagePart;
  if (mediaType === "application/pdf")
    return { type: "document", source: { type: "base64", mediaType, data: data.data } };
  if (mediaType.startsWith("text/")) {
    try {
      const bytes = Uint8Array.from(atob(data.data), (c) => c.charCodeAt(0));
      return {
        type: "text",
        text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes),
      };
    } catch {
      throw invalid(`${param}.data`, "is not base64 UTF-8 text");
    }
  }
  throw invalid(`${param}.mimeType`, `${data.mimeType} input is only available on Gemini models`);
}

/** A function's result as the IR's tool result content: `output` or `error` text, else its JSON. */
function resultContent(response: Record<string, unknown> | null | undefined): {
  text: string;
  isError: boolean;
} {
  const r = response ?? {};
  const keys = Object.keys(r);
  if (keys.length === 1 && typeof r.output === "string") return { text: r.output, isError: false };
  if (keys.length === 1 && typeof r.error === "string") return { text: r.error, isError: true };
  return { text: keys.length === 0 ? "" : JSON.stringify(r), isError: false };
}

/**
 * Gemini's function responses name their call by `id` when the call had one, else by name in
 * order (https://ai.google.dev/gemini-api/docs/function-calling): the IR needs the id, so calls
 * without one get `call_<turn>_<n>` and responses find their call the same way Gemini does.
 */
class CallIds {
  private readonly open: { id: string; name: string }[] = [];

  call(id: string | undefined, name: string, turn: number, n: number): string {
    const callId = id ?? `call_${turn}_${n}`;
    this.open.push({ id: callId, name });
    return callId;
  }

  response(id: string | undefined, name: string, param: string): string {
    const at = this.open.findIndex((c) => (id !== undefined ? c.id === id : c.name === name));
    if (at >= 0) return (this.open.splice(at, 1)[0] as { id: string }).id;
    if (id !== undefined) return id;
    throw invalid(`${param}.functionResponse`, `no function call named ${name} precedes this response`);
  }
}

function partsOf(content: GeminiContent, turn: number, ids: CallIds): ContentPart[] {
  const param = `contents.${turn}.parts`;
  const out: ContentPart[] = [];
  content.parts.forEach((p: GeminiPart, j) => {
    const at = `${param}.${j}`;
    const reasoning = carried(p.thoughtSignature, at);
    if (p.functionCall) {
      out.push(...reasoning, {
        type: "tool_call",
        id: ids.call(p.functionCall.id, p.functionCall.name, turn, j),
        name: p.functionCall.name,
        input: p.functionCall.args ?? {},
      });
    } else if (p.functionResponse) {
      const f = p.functionResponse;
      const { text, isError } = resultContent(f.response);
      const part: ToolResultPart = {
        type: "tool_result",
        toolCallId: ids.response(f.id, f.name, at),
        content: text === "" ? [] : [{ type: "text", text }],
      };
      (f.parts ?? []).forEach((inner, k) => {
        const data = (inner as { inlineData?: { mimeType?: unknown; data?: unknown } }).inlineData;
        if (typeof data?.mimeType === "string" && typeof data.data === "string")
          part.content.push(
            inline(
              { mimeType: data.mimeType, data: data.data },
              `${at}.functionResponse.parts.${k}.inlineData`,
            ),
          );
      });
      if (isError) part.isError = true;
      out.push(...reasoning, part);
    } else if (p.thought === true) {
      // Thought summaries are the model's, shown to the client; only a signature goes back.
      out.push(...reasoning);
    } else if (p.text !== undefined) {
      out.push(...reasoning);
      if (p.text !== "") out.push({ type: "text", text: p.text });
    } else if (p.inlineData) {
      out.push(...reasoning, inline(p.inlineData, `${at}.inlineData`));
    } else if (p.fileData) {
      throw invalid(
        `${at}.fileData`,
        "file references are only available on Gemini models; send the bytes as inlineData",
      );
    } else out.push(...reasoning);
    // executableCode and codeExecutionResult belong to Gemini's own code execution: dropped.
  });
  return out;
}

function decodeContents(contents: GeminiContent[]): IrMessage[] {
  const ids = new CallIds();
  const turns: IrMessage[] = [];
  contents.forEach((c, i) => {
    const role = c.role ?? "user";
    // `function` is the role older clients gave function responses.
    if (role !== "user" && role !== "model" && role !== "function")
      throw invalid(`contents.${i}.role`, "must be user or model");
    const ir = role === "model" ? "assistant" : "user";
    const content = partsOf(c, i, ids);
    const last = turns.at(-1);
    if (last?.role === ir) last.content.push(...content);
    else if (content.length > 0) turns.push({ role: ir, content });
  });
  // Tool results go first in their turn, as Claude requires: once consecutive contents of one
  // role are merged, so that a result sent after a text of its own still leads.
  for (const turn of turns) {
    if (turn.role !== "user") continue;
    turn.content = [
      ...turn.content.filter((p) => p.type === "tool_result"),
      ...turn.content.filter((p) => p.type !== "tool_result"),
    ];
  }
  return turns;
}
