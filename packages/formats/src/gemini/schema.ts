/**
 * Zod schemas of Gemini's `generateContent` API (https://ai.google.dev/api/generate-content):
 * what the gateway reads of requests, answers and stream chunks. Loose objects: the vendor adds
 * fields often, and a passthrough must not drop or reject what it does not know (Google itself
 * rejects unknown fields; that is the upstream's call, not ours).
 *
 * Google's JSON parser takes each field in lowerCamelCase or in the proto's snake_case
 * (`systemInstruction` or `system_instruction`); {@link camelizeGeminiBody} reads both as one.
 */
import { z } from "zod";
import { outputTokenCap } from "../request-params.ts";

/** A part of a Content: one kind of data (text, inline bytes, a call…) plus thought markers. */
export const GeminiPartSchema = z.looseObject({
  text: z.string().optional(),
  thought: z.boolean().optional(),
  thoughtSignature: z.string().optional(),
  inlineData: z.looseObject({ mimeType: z.string(), data: z.string() }).optional(),
  fileData: z.looseObject({ mimeType: z.string().optional(), fileUri: z.string() }).optional(),
  functionCall: z
    .looseObject({
      id: z.string().optional(),
      name: z.string(),
      args: z.record(z.string(), z.unknown()).nullish(),
    })
    .optional(),
  functionResponse: z
    .looseObject({
      id: z.string().optional(),
      name: z.string(),
      response: z.record(z.string(), z.unknown()).nullish(),
      parts: z.array(z.looseObject({})).optional(),
    })
    .optional(),
});
export type GeminiPart = z.infer<typeof GeminiPartSchema>;

/** One turn: `user` or `model` (a missing role is the user's, as Google reads it). */
export const GeminiContentSchema = z.looseObject({
  role: z.string().optional(),
  parts: z.array(GeminiPartSchema),
});
export type GeminiContent = z.infer<typeof GeminiContentSchema>;

const ThinkingConfigSchema = z.looseObject({
  thinkingBudget: z.int().optional(),
  thinkingLevel: z.string().optional(),
  includeThoughts: z.boolean().optional(),
});

/** `generationConfig`: sampling, limits, structured output, thinking. */
export const GeminiGenerationConfigSchema = z.looseObject({
  maxOutputTokens: outputTokenCap(1).optional(),
  temperature: z.number().min(0).max(2).optional(),
  topP: z.number().min(0).max(1).optional(),
  topK: z.number().optional(),
  candidateCount: z.int().min(1).optional(),
  stopSequences: z.array(z.string()).optional(),
  responseMimeType: z.string().optional(),
  responseSchema: z.record(z.string(), z.unknown()).optional(),
  responseJsonSchema: z.record(z.string(), z.unknown()).optional(),
  responseModalities: z.array(z.string()).optional(),
  responseLogprobs: z.boolean().optional(),
  thinkingConfig: ThinkingConfigSchema.optional(),
});

const FunctionDeclarationSchema = z.looseObject({
  name: z.string().min(1),
  description: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  parametersJsonSchema: z.record(z.string(), z.unknown()).optional(),
});

/** A `tools` entry: function declarations, or one of Google's own tools (search, code…). */
export const GeminiToolSchema = z.looseObject({
  functionDeclarations: z.array(FunctionDeclarationSchema).optional(),
});

const ToolConfigSchema = z.looseObject({
  functionCallingConfig: z
    .looseObject({
      mode: z.string().optional(),
      allowedFunctionNames: z.array(z.string()).optional(),
    })
    .optional(),
});

/** Body of `POST /v1beta/models/{model}:generateContent` (and `:streamGenerateContent`). */
export const GeminiGenerateContentRequestSchema = z.looseObject({
  /** `models/{model}`: the path names it; a body may repeat it. */
  model: z.string().optional(),
  contents: z.array(GeminiContentSchema),
  systemInstruction: GeminiContentSchema.partial({ parts: true }).optional(),
  tools: z.array(GeminiToolSchema).optional(),
  toolConfig: ToolConfigSchema.optional(),
  safetySettings: z.array(z.looseObject({})).optional(),
  generationConfig: GeminiGenerationConfigSchema.optional(),
  cachedContent: z.string().optional(),
});
export type GeminiGenerateContentRequest = z.infer<typeof GeminiGenerateContentRequestSchema>;

/** Body of `POST /v1beta/models/{model}:countTokens`: contents alone, or a whole request. */
export const GeminiCountTokensRequestSchema = z.looseObject({
  contents: z.array(GeminiContentSchema).optional(),
  generateContentRequest: GeminiGenerateContentRequestSchema.optional(),
});
export type GeminiCountTokensRequest = z.infer<typeof GeminiCountTokensRequestSchema>;

const count = z.number().nullish();

/** `usageMetadata` of an answer or stream chunk (https://ai.google.dev/api/generate-content#UsageMetadata). */
export const GeminiUsageMetadataSchema = z.looseObject({
  promptTokenCount: count,
  cachedContentTokenCount: count,
  candidatesTokenCount: count,
  toolUsePromptTokenCount: count,
  thoughtsTokenCount: count,
  totalTokenCount: count,
});

/** One candidate answer (the gateway reads candidate 0). */
export const GeminiCandidateSchema = z.looseObject({
  content: z
    .looseObject({ role: z.string().optional(), parts: z.array(GeminiPartSchema).optional() })
    .nullish(),
  finishReason: z.string().nullish(),
  finishMessage: z.string().nullish(),
  index: z.number().nullish(),
});

/** A `GenerateContentResponse`: a whole answer, or one chunk of a stream. */
export const GeminiResponseSchema = z.looseObject({
  candidates: z.array(GeminiCandidateSchema).nullish(),
  promptFeedback: z.looseObject({ blockReason: z.string().nullish() }).nullish(),
  usageMetadata: GeminiUsageMetadataSchema.nullish(),
  modelVersion: z.string().nullish(),
  responseId: z.string().nullish(),
});
export type GeminiResponse = z.infer<typeof GeminiResponseSchema>;

/** Google's error body, also sent as a stream's last `data:` frame: `{"error": {code, message, status}}`. */
export const GeminiErrorBodySchema = z.looseObject({
  error: z.looseObject({
    code: z.number().optional(),
    message: z.string().optional(),
    status: z.string().optional(),
    details: z.array(z.unknown()).optional(),
  }),
});

// Values the client wrote as data, never renamed: call arguments, function results, schemas.
const OPAQUE: ReadonlySet<string> = new Set([
  "args",
  "response",
  "parameters",
  "parametersJsonSchema",
  "responseSchema",
  "responseJsonSchema",
  "responseJsonSchemaOrdering",
  "labels",
  "data",
]);

const camel = (key: string): string => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * A request body with every field name in lowerCamelCase, as Google reads either spelling
 * (https://protobuf.dev/programming-guides/json/: "parsers accept both"). The client's own data
 * (call arguments, function results, schemas) is left as written.
 */
export function camelizeGeminiBody(value: unknown, depth = 0): unknown {
  if (depth > 64 || typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => camelizeGeminiBody(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const name = camel(key);
    out[name] = OPAQUE.has(name) ? v : camelizeGeminiBody(v, depth + 1);
  }
  return out;
}
