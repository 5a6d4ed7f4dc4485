/**
 * The Gemini JSON the gateway writes: the request body it sends to `generateContent`
 * (https://ai.google.dev/api/generate-content) and the answers, stream chunks and errors a
 * Gemini client gets. What it reads is validated by schema.ts.
 */

/** A part as the gateway writes it: one kind of data, plus thought markers. */
export interface GeminiPartOut {
  text?: string;
  thought?: boolean;
  thoughtSignature?: string;
  inlineData?: { mimeType: string; data: string };
  functionCall?: { id?: string; name: string; args: Record<string, unknown> };
  functionResponse?: { id?: string; name: string; response: Record<string, unknown> };
}

export interface GeminiContentOut {
  role: "user" | "model";
  parts: GeminiPartOut[];
}

/** `thinkingConfig`: a level (Gemini 3) or a budget (Gemini 2.5), and whether thoughts are shown. */
export interface GeminiThinkingConfigOut {
  thinkingLevel?: "MINIMAL" | "LOW" | "MEDIUM" | "HIGH";
  thinkingBudget?: number;
  includeThoughts?: boolean;
}

export interface GeminiGenerationConfigOut {
  maxOutputTokens: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
  responseMimeType?: string;
  responseJsonSchema?: Record<string, unknown>;
  thinkingConfig?: GeminiThinkingConfigOut;
}

/** A function the model may call; the schema as the client wrote it (JSON Schema). */
export interface GeminiFunctionDeclarationOut {
  name: string;
  description?: string;
  parametersJsonSchema: Record<string, unknown>;
}

/** The body the gateway sends to `models/{model}:generateContent` (the model is in the path). */
export interface GeminiRequestBody {
  contents: GeminiContentOut[];
  systemInstruction?: { parts: { text: string }[] };
  tools?: { functionDeclarations: GeminiFunctionDeclarationOut[] }[];
  toolConfig?: {
    functionCallingConfig: { mode: "AUTO" | "ANY" | "NONE"; allowedFunctionNames?: string[] };
  };
  generationConfig: GeminiGenerationConfigOut;
}

/** Gemini's `finishReason` values (https://ai.google.dev/api/generate-content#FinishReason). */
export type GeminiFinishReason =
  | "STOP"
  | "MAX_TOKENS"
  | "SAFETY"
  | "RECITATION"
  | "LANGUAGE"
  | "OTHER"
  | "BLOCKLIST"
  | "PROHIBITED_CONTENT"
  | "SPII"
  | "MALFORMED_FUNCTION_CALL"
  | "IMAGE_SAFETY"
  | "UNEXPECTED_TOOL_CALL"
  | "TOO_MANY_TOOL_CALLS";

/** `usageMetadata` as the gateway writes it: counts that are 0 are left out, as Google does. */
export interface GeminiUsageMetadataOut {
  promptTokenCount: number;
  candidatesTokenCount: number;
  totalTokenCount: number;
  cachedContentTokenCount?: number;
  thoughtsTokenCount?: number;
}

export interface GeminiCandidateOut {
  content: GeminiContentOut;
  finishReason?: GeminiFinishReason;
  finishMessage?: string;
  index: 0;
}

/** A `GenerateContentResponse`: a whole answer, or one chunk of a stream. */
export interface GeminiResponseOut {
  candidates: GeminiCandidateOut[];
  usageMetadata?: GeminiUsageMetadataOut;
  modelVersion: string;
  responseId: string;
}

/** Google's error body (https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes). */
export interface GeminiErrorBody {
  error: { code: number; message: string; status: string; details?: Record<string, unknown>[] };
}
