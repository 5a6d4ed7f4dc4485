/**
 * What Google refuses of a generateContent request, refused here the same way: unknown fields
 * (Google's JSON parser rejects them), empty contents or parts, roles other than user/model,
 * more than five stop sequences, thinking settings the model does not take, and on Gemini 3 a
 * function call of the current turn without its thought signature
 * (https://ai.google.dev/gemini-api/docs/thought-signatures). Field names are read in either
 * spelling (lowerCamelCase or snake_case), as Google reads them.
 */
import { alwaysThinks, isGemini3 } from "./models.ts";

type Json = Record<string, unknown>;

const TOP = [
  "model",
  "contents",
  "tools",
  "toolConfig",
  "safetySettings",
  "systemInstruction",
  "generationConfig",
  "cachedContent",
  "serviceTier",
];
const GENERATION = [
  "stopSequences",
  "responseMimeType",
  "responseSchema",
  "responseJsonSchema",
  "responseModalities",
  "candidateCount",
  "maxOutputTokens",
  "temperature",
  "topP",
  "topK",
  "seed",
  "presencePenalty",
  "frequencyPenalty",
  "responseLogprobs",
  "logprobs",
  "enableEnhancedCivicAnswers",
  "speechConfig",
  "thinkingConfig",
  "mediaResolution",
  "imageConfig",
];
const THINKING = ["includeThoughts", "thinkingBudget", "thinkingLevel"];
const CONTENT = ["role", "parts"];
const PART = [
  "text",
  "thought",
  "thoughtSignature",
  "inlineData",
  "fileData",
  "functionCall",
  "functionResponse",
  "executableCode",
  "codeExecutionResult",
  "videoMetadata",
  "partMetadata",
  "mediaResolution",
];
const TOOL = [
  "functionDeclarations",
  "googleSearch",
  "googleSearchRetrieval",
  "codeExecution",
  "urlContext",
  "googleMaps",
  "fileSearch",
  "computerUse",
];
const DECLARATION = [
  "name",
  "description",
  "parameters",
  "parametersJsonSchema",
  "response",
  "responseJsonSchema",
  "behavior",
];
const OPAQUE = new Set([
  "args",
  "response",
  "parameters",
  "parametersJsonSchema",
  "responseSchema",
  "responseJsonSchema",
  "data",
]);

const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Either spelling, as lowerCamelCase; data the client wrote (arguments, schemas) untouched. */
export function camelize(value: unknown, depth = 0): unknown {
  if (depth > 64 || typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => camelize(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [camel(k), OPAQUE.has(camel(k)) ? v : camelize(v, depth + 1)]),
  );
}

const asJson = (v: unknown): Json =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : {};

/** Google's wording for a field it does not know. */
function unknownField(obj: Json, allowed: string[], at: string): string | undefined {
  const extra = Object.keys(obj).find((k) => !allowed.includes(k));
  if (extra === undefined) return undefined;
  return `Invalid JSON payload received. Unknown name "${extra}"${at ? ` at '${at}'` : ""}: Cannot find field.`;
}

/** The refusal Google would give this request for `model`, or undefined when it would serve it. */
export function refusalOf(body: Json, model: string): string | undefined {
  const top = unknownField(body, TOP, "");
  if (top) return top;
  const contents = Array.isArray(body.contents) ? body.contents : [];
  if (contents.length === 0) return "* GenerateContentRequest.contents: contents is not specified\n";
  for (const [i, raw] of contents.entries()) {
    const content = asJson(raw);
    const bad = unknownField(content, CONTENT, `contents[${i}]`);
    if (bad) return bad;
    if (content.role !== undefined && content.role !== "user" && content.role !== "model")
      return "Please use a valid role: user, model.";
    const parts = Array.isArray(content.parts) ? content.parts : [];
    if (parts.length === 0)
      return `* GenerateContentRequest.contents[${i}].parts: contents.parts must not be empty.\n`;
    for (const [j, part] of parts.entries()) {
      const wrong = unknownField(asJson(part), PART, `contents[${i}].parts[${j}]`);
      if (wrong) return wrong;
    }
  }
  const config = asJson(body.generationConfig);
  const badConfig = unknownField(config, GENERATION, "generation_config");
  if (badConfig) return badConfig;
  const thinking = asJson(config.thinkingConfig);
  const badThinking = unknownField(thinking, THINKING, "generation_config.thinking_config");
  if (badThinking) return badThinking;
  if (thinking.thinkingBudget !== undefined && thinking.thinkingLevel !== undefined)
    return "You can only set one of thinking budget and thinking level.";
  if (thinking.thinkingLevel !== undefined && !isGemini3(model))
    return "Thinking level is not supported for this model.";
  if (thinking.thinkingBudget === 0 && alwaysThinks(model))
    return "Budget 0 is invalid. This model only works in thinking mode.";
  if (Array.isArray(config.stopSequences) && config.stopSequences.length > 5)
    return "* GenerateContentRequest.generation_config.stop_sequences: at most 5 stop sequences are allowed.\n";
  for (const [i, raw] of (Array.isArray(body.tools) ? body.tools : []).entries()) {
    const tool = asJson(raw);
    const bad = unknownField(tool, TOOL, `tools[${i}]`);
    if (bad) return bad;
    for (const [j, d] of (Array.isArray(tool.functionDeclarations)
      ? tool.functionDeclarations
      : []
    ).entries()) {
      const decl = asJson(d);
      const wrong = unknownField(decl, DECLARATION, `tools[${i}].function_declarations[${j}]`);
      if (wrong) return wrong;
      if (decl.parameters !== undefined && decl.parametersJsonSchema !== undefined)
        return `* GenerateContentRequest.tools[${i}].function_declarations[${j}]: parameters and parameters_json_schema cannot both be set.\n`;
    }
  }
  if (isGemini3(model)) return unsignedCall(contents.map(asJson));
  return undefined;
}

/**
 * Gemini 3 needs the signature of the first function call of every step of the current turn
 * (the contents after the last user message that is not function responses).
 */
function unsignedCall(contents: Json[]): string | undefined {
  const isUserText = (c: Json) =>
    c.role !== "model" && (c.parts as Json[]).some((p) => asJson(p).functionResponse === undefined);
  const start = contents.findLastIndex(isUserText) + 1;
  for (let i = start; i < contents.length; i++) {
    const c = contents[i] as Json;
    if (c.role !== "model") continue;
    const parts = (c.parts as unknown[]).map(asJson);
    const first = parts.findIndex((p) => p.functionCall !== undefined);
    if (first >= 0 && typeof parts[first]?.thoughtSignature !== "string") {
      const name = String(asJson(parts[first]?.functionCall).name ?? "");
      return `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call \`default_api:${name}\` , position ${first + 1}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.`;
    }
  }
  return undefined;
}
