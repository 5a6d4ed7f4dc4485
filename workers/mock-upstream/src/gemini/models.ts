/** The Gemini models the mock serves (https://ai.google.dev/gemini-api/docs/models), in Google's list shape. */
export const GEMINI_MODELS = [
  "gemini-3.1-pro-preview",
  "gemini-3.5-flash",
  "gemini-3.5-flash-lite",
  "gemini-3-flash-preview",
  "gemini-3.1-flash-lite",
  "gemini-2.5-pro",
  "gemini-2.5-flash",
  "gemini-2.5-flash-lite",
] as const;

export const isGeminiModel = (id: string): boolean => (GEMINI_MODELS as readonly string[]).includes(id);

/** Gemini 3 and later: thinking by level, and signed function calls required. */
export const isGemini3 = (id: string): boolean => /^gemini-([3-9]|\d{2,})/.test(id);

/** Models that always think: a budget of 0 is refused. */
export const alwaysThinks = (id: string): boolean => id.includes("-pro") || isGemini3(id);

export function geminiModelJson(id: string) {
  return {
    name: `models/${id}`,
    version: id,
    displayName: id,
    inputTokenLimit: 1_048_576,
    outputTokenLimit: 65_536,
    supportedGenerationMethods: ["generateContent", "countTokens"],
    temperature: 1,
    topP: 0.95,
    topK: 64,
    maxTemperature: 2,
    thinking: true,
  };
}
