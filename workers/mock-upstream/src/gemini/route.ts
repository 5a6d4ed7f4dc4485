import { estimateTokens } from "@cc/formats";
import { splitWords, sseResponse } from "../anthropic/stream.ts";
import { GARBLED_FRAME, garbledJson, resetBody, resetJson, sseBody } from "../body-faults.ts";
import type { AppContext } from "../context.ts";
import { type Answer, generateAnswer, type TextFormat, type ToolChoice } from "../openai/answer.ts";
import { simulatePromptCache } from "../openai/cache.ts";
import { type Segment, segment, totalTokens } from "../openai/segments.ts";
import type { CallableTool } from "../openai/tool-calls.ts";
import { intParam, type Scenario, selectScenario } from "../scenario.ts";
import { apiKeyInvalid, googleErrorResponse, invalidArgument, OVERLOADED_FRAME } from "./errors.ts";
import { GEMINI_MODELS, geminiModelJson, isGemini3, isGeminiModel } from "./models.ts";
import { camelize, refusalOf } from "./request.ts";

type Json = Record<string, unknown>;
const asJson = (v: unknown): Json =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : {};
const parts = (c: unknown): Json[] =>
  Array.isArray(asJson(c).parts) ? (asJson(c).parts as unknown[]).map(asJson) : [];

/**
 * Google's key rules: `x-goog-api-key` or `?key=` must be the mock's key. A missing key is a
 * 403, an unknown one a 400 (reason API_KEY_INVALID), and a Bearer or x-api-key beside it (a
 * client credential leaking through) a 401, as Google answers a bad OAuth token.
 */
export function checkGeminiKey(c: AppContext): Response | undefined {
  if (c.req.header("authorization") !== undefined || c.req.header("x-api-key") !== undefined)
    return googleErrorResponse(
      401,
      "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
    );
  const key = c.req.header("x-goog-api-key") ?? c.req.query("key");
  if (key === undefined)
    return googleErrorResponse(
      403,
      "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
    );
  return key === c.env.MOCK_UPSTREAM_KEY ? undefined : apiKeyInvalid();
}

/** The model and method of `/v1beta/models/{model}:{method}`. */
function callOf(c: AppContext): { model: string; method: string } | undefined {
  const m = /\/models\/([^/:]+):([A-Za-z]+)$/.exec(c.req.path);
  return m ? { model: m[1] as string, method: m[2] as string } : undefined;
}

const notFound = (model: string, version: string, method: string) =>
  googleErrorResponse(
    404,
    `models/${model} is not found for API version ${version}, or is not supported for ${method}. Call ListModels to see the list of available models and their supported methods.`,
  );

/** Input tokens, in order: tools, system instruction, every part (text, call arguments, responses). */
function segments(body: Json): Segment[] {
  const out: Segment[] = [];
  for (const tool of Array.isArray(body.tools) ? body.tools : [])
    out.push(segment("tool", tool, JSON.stringify(tool)));
  for (const p of parts(body.systemInstruction)) out.push(segment("system", p, String(p.text ?? "")));
  for (const c of Array.isArray(body.contents) ? body.contents : []) {
    for (const p of parts(c)) {
      const text =
        typeof p.text === "string"
          ? p.text
          : p.functionCall
            ? JSON.stringify(asJson(p.functionCall).args ?? {})
            : p.functionResponse
              ? JSON.stringify(asJson(p.functionResponse).response ?? {})
              : "";
      out.push(segment("part", p, text));
    }
  }
  return out;
}

/** JSON Schema from a Gemini Schema: its upper-case type names lowered. */
function jsonSchema(schema: unknown): unknown {
  if (typeof schema !== "object" || schema === null) return schema;
  if (Array.isArray(schema)) return schema.map(jsonSchema);
  return Object.fromEntries(
    Object.entries(schema).map(([k, v]) => [
      k,
      k === "type" && typeof v === "string" ? v.toLowerCase() : jsonSchema(v),
    ]),
  );
}

/** What the answer needs of the conversation: the last user text, the function responses after it. */
function conversation(body: Json) {
  const contents = (body.contents as unknown[]).map(asJson);
  const hasText = (c: Json) => c.role !== "model" && parts(c).some((p) => typeof p.text === "string");
  const last = contents.findLastIndex(hasText);
  const userText = parts(contents[last])
    .flatMap((p) => (typeof p.text === "string" ? [p.text] : []))
    .join("\n");
  const toolResults = contents.slice(last + 1).flatMap((c) =>
    parts(c).flatMap((p) => {
      const r = asJson(asJson(p.functionResponse).response);
      if (!p.functionResponse) return [];
      return [
        typeof r.output === "string" ? r.output : typeof r.error === "string" ? r.error : JSON.stringify(r),
      ];
    }),
  );
  return { userText, toolResults };
}

function toolsOf(body: Json): CallableTool[] {
  return (Array.isArray(body.tools) ? body.tools : []).flatMap((t) =>
    (Array.isArray(asJson(t).functionDeclarations) ? (asJson(t).functionDeclarations as unknown[]) : []).map(
      (d) => {
        const decl = asJson(d);
        return {
          kind: "function" as const,
          name: String(decl.name),
          parameters: decl.parametersJsonSchema ?? jsonSchema(decl.parameters),
        };
      },
    ),
  );
}

function choiceOf(body: Json): ToolChoice {
  const config = asJson(asJson(body.toolConfig).functionCallingConfig);
  const mode = String(config.mode ?? "AUTO").toUpperCase();
  const names = Array.isArray(config.allowedFunctionNames) ? (config.allowedFunctionNames as string[]) : [];
  if (mode === "NONE") return { mode: "none" };
  if (mode === "ANY")
    return names.length === 1 ? { mode: "required", name: names[0] as string } : { mode: "required" };
  return { mode: "auto" };
}

function formatOf(config: Json): TextFormat {
  if (config.responseMimeType !== "application/json") return { type: "text" };
  const schema =
    config.responseJsonSchema ?? (config.responseSchema ? jsonSchema(config.responseSchema) : undefined);
  return schema ? { type: "json_schema", schema } : { type: "json_object" };
}

/** A deterministic thought signature (base64, as Google's are). */
const signatureFor = (model: string, n: number) => btoa(`mock-thought-signature:${model}:${n}`);

interface Built {
  json: Json;
  frames: string[];
  breakAt: number;
}

const frame = (chunk: unknown) => `data: ${JSON.stringify(chunk)}\r\n\r\n`;

/**
 * The answer as one GenerateContentResponse and as a stream of chunks. Thoughts (shown only with
 * includeThoughts) come first; text in 3–6 pieces; each function call whole in its own chunk,
 * the first one carrying the thought signature; on Gemini 3 a text answer's last piece carries
 * it. usageMetadata is cumulative on every chunk; the last chunk has the finishReason.
 */
function build(
  model: string,
  n: number,
  answer: Answer,
  showThoughts: boolean,
  prompt: number,
  cached: number,
): Built {
  const responseId = `mock-${n}`;
  const signature = answer.reasoning !== null || isGemini3(model) ? signatureFor(model, n) : undefined;
  const finishReason = answer.truncated ? "MAX_TOKENS" : "STOP";
  const usage = (candidates: number, thoughts: number, final: boolean) => ({
    promptTokenCount: prompt,
    ...(final || candidates > 0 ? { candidatesTokenCount: candidates } : {}),
    totalTokenCount: prompt + candidates + thoughts,
    ...(cached > 0 ? { cachedContentTokenCount: cached } : {}),
    ...(thoughts > 0 ? { thoughtsTokenCount: thoughts } : {}),
  });
  const thoughts = answer.reasoningTokens;
  const candidates = answer.outputTokens - thoughts;

  const whole: Json[] = [];
  const chunks: Json[][] = [];
  if (answer.reasoning !== null && showThoughts) {
    whole.push({ text: answer.reasoning, thought: true });
    for (const text of splitWords(answer.reasoning)) chunks.push([{ text, thought: true }]);
  }
  const text = answer.text ?? "";
  const calls = answer.toolCalls.flatMap((c) => (c.kind === "function" ? [c] : []));
  if (text !== "") {
    const signed = calls.length === 0 && signature !== undefined && isGemini3(model);
    whole.push({ text, ...(signed ? { thoughtSignature: signature } : {}) });
    const pieces = splitWords(text);
    pieces.forEach((piece, i) => {
      const last = signed && i === pieces.length - 1;
      chunks.push([{ text: piece, ...(last ? { thoughtSignature: signature } : {}) }]);
    });
  }
  calls.forEach((call, i) => {
    const part = {
      functionCall: { name: call.name, args: JSON.parse(call.arguments) as Json },
      ...(i === 0 && signature !== undefined ? { thoughtSignature: signature } : {}),
    };
    whole.push(part);
    chunks.push([part]);
  });
  if (chunks.length === 0) chunks.push([{ text: "" }]);

  const base = { modelVersion: model, responseId };
  const json = {
    candidates: [{ content: { parts: whole, role: "model" }, finishReason, index: 0 }],
    usageMetadata: usage(candidates, thoughts, true),
    ...base,
  };
  let soFar = "";
  const frames = chunks.map((p, i) => {
    const last = i === chunks.length - 1;
    for (const part of p) soFar += typeof part.text === "string" && part.thought !== true ? part.text : "";
    const candidate: Json = { content: { parts: p, role: "model" }, index: 0 };
    if (last) candidate.finishReason = finishReason;
    const partial = last ? usage(candidates, thoughts, true) : usage(estimateTokens(soFar), 0, false);
    return frame({ candidates: [candidate], usageMetadata: partial, ...base });
  });
  // `cut` and `stream-error` keep up to two chunks, never the last.
  return { json, frames, breakAt: Math.min(2, frames.length - 1) };
}

const ERRORS: Record<number, string> = {
  400: "mock: invalid argument",
  403: "The caller does not have permission",
  404: "Requested entity was not found.",
  429: "Resource has been exhausted (e.g. check quota).",
  500: "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
  503: "The model is overloaded. Please try again later.",
  504: "Deadline expired before operation could complete.",
};

/** `error status=<s>` (default 500); a 429 carries Google's RetryInfo (`retry-after=<s>`, default 1). */
function errorScenario(s: Scenario): Response {
  const status = intParam(s, "status", 400, 599) ?? (s.params.status === undefined ? 500 : 0);
  const message = ERRORS[status];
  if (message === undefined)
    return invalidArgument(`mock: error status must be one of ${Object.keys(ERRORS).join(", ")}`);
  if (status !== 429) return googleErrorResponse(status, message);
  const retry = intParam(s, "retry-after", 0, 86_400) ?? 1;
  return googleErrorResponse(
    429,
    message,
    [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${retry}s` }],
    { "retry-after": String(retry) },
  );
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** POST /v1beta/models/{model}:generateContent | :streamGenerateContent | :countTokens (also /v1). */
export async function geminiCall(c: AppContext): Promise<Response> {
  const refused = checkGeminiKey(c);
  if (refused) return refused;
  const call = callOf(c);
  const version = c.req.path.startsWith("/v1beta/") ? "v1beta" : "v1";
  if (!call) return googleErrorResponse(404, `Method not found: ${c.req.path}`);
  const { model, method } = call;
  if (!["generateContent", "streamGenerateContent", "countTokens"].includes(method) || !isGeminiModel(model))
    return notFound(model, version, method);
  const raw = c.get("body");
  if (raw.kind !== "json") return invalidArgument("Invalid JSON payload received. Unexpected token.");
  let body = asJson(camelize(raw.value));
  if (method === "countTokens") {
    const request = body.generateContentRequest ? asJson(body.generateContentRequest) : body;
    if (body.generateContentRequest && body.contents)
      return invalidArgument("contents and generateContentRequest cannot both be set.");
    const { model: _model, ...rest } = request;
    const problem = refusalOf(
      rest.contents ? rest : { ...rest, contents: [{ role: "user", parts: [{ text: "" }] }] },
      model,
    );
    if (problem) return invalidArgument(problem);
    const tokens = totalTokens(segments(rest));
    return Response.json({
      totalTokens: tokens,
      promptTokensDetails: [{ modality: "TEXT", tokenCount: tokens }],
    });
  }
  const problem = refusalOf(body, model);
  if (problem) return invalidArgument(problem);
  body = asJson(body);
  const { userText, toolResults } = conversation(body);
  const selected = selectScenario(c.req.header("x-mock-scenario"), userText);
  if (!selected.ok) return invalidArgument(selected.message);
  const scenario = selected.scenario;
  if (scenario.name === "error") return errorScenario(scenario);
  if (scenario.name === "replay" || scenario.name === "extras")
    return invalidArgument(`mock: scenario ${scenario.name} is not simulated on Gemini routes`);
  const config = asJson(body.generationConfig);
  const thinking = asJson(config.thinkingConfig);
  const stream = method === "streamGenerateContent";
  if (stream && c.req.query("alt") !== "sse")
    return invalidArgument("mock: streams are served with ?alt=sse only");

  const n = c.get("requestNumber");
  const segs = segments(body);
  const prompt = totalTokens(segs);
  const cached = simulatePromptCache(model, "gemini", segs, null);
  if (scenario.name === "safety") {
    // A prompt Google blocked: no candidate, the reason in promptFeedback.
    const blocked = {
      promptFeedback: { blockReason: "SAFETY" },
      usageMetadata: { promptTokenCount: prompt, totalTokenCount: prompt },
      modelVersion: model,
      responseId: `mock-${n}`,
    };
    return stream ? sseResponse([frame(blocked)]) : Response.json(blocked);
  }
  const count = scenario.name === "tool" ? intParam(scenario, "count", 1, 8) : 1;
  if (count === null) return invalidArgument("mock: tool needs count=<1..8>");
  const reasons =
    thinking.thinkingBudget !== 0 &&
    (thinking.includeThoughts === true ||
      thinking.thinkingBudget !== undefined ||
      thinking.thinkingLevel !== undefined);
  const result = generateAnswer({
    userText,
    toolResults,
    tools: toolsOf(body),
    choice: choiceOf(body),
    parallelToolCalls: true,
    reasoning: reasons,
    maxTokens: typeof config.maxOutputTokens === "number" ? config.maxOutputTokens : undefined,
    format: formatOf(config),
    scenario,
    toolCount: count ?? 1,
    callId: (i) => `mock_${n}_${i}`,
  });
  if (!result.ok) return invalidArgument(result.message);
  const built = build(model, n, result.answer, thinking.includeThoughts === true, prompt, cached);

  const name = scenario.name;
  const delay = name === "slow" ? (intParam(scenario, "delay", 0, 60_000) ?? 50) : 0;
  if (delay === null) return invalidArgument("mock: slow needs delay=<0..60000 ms>");
  if (!stream) {
    if (name === "slow") await sleep(delay);
    if (name === "stream-error") return googleErrorResponse(503, ERRORS[503] as string);
    const json = JSON.stringify(built.json);
    if (name === "reset") return resetJson(json);
    if (name === "garbled") return garbledJson();
    const text = name === "cut" ? json.slice(0, Math.floor(json.length / 2)) : json;
    return new Response(text, { headers: { "content-type": "application/json; charset=UTF-8" } });
  }
  let frames = built.frames;
  if (["cut", "stream-error", "reset", "garbled"].includes(name)) frames = frames.slice(0, built.breakAt);
  if (name === "stream-error") frames.push(OVERLOADED_FRAME);
  if (name === "reset") return sseBody(resetBody(frames));
  if (name === "garbled") frames.push(GARBLED_FRAME);
  return sseResponse(frames, delay);
}

/** GET /v1beta/models and /v1beta/models/{model}: Google's model list and model. */
export function geminiModels(c: AppContext): Response {
  const refused = checkGeminiKey(c);
  if (refused) return refused;
  const m = /\/models\/([^/]+)$/.exec(c.req.path);
  if (!m) return Response.json({ models: GEMINI_MODELS.map(geminiModelJson) });
  const id = m[1] as string;
  return isGeminiModel(id)
    ? Response.json(geminiModelJson(id))
    : googleErrorResponse(404, `models/${id} is not found for API version v1beta.`);
}
