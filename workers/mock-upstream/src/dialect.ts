/**
 * Which API a request speaks, for its auth rule and error shape: Gemini's (/v1beta/…), OpenAI's routes
 * (/v1/chat/…, /v1/responses…) and /v1/models without `anthropic-version` speak OpenAI;
 * everything else (/v1/messages…, unknown paths) speaks Anthropic.
 */
export type Dialect = "anthropic" | "openai" | "gemini";

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

export function dialectOf(path: string, anthropicVersion: string | undefined): Dialect {
  // Gemini's API: /v1beta/…, and /v1/models/{model}:{method} (https://ai.google.dev/api).
  if (under(path, "/v1beta") || /^\/v1\/models\/[^/]+:/.test(path)) return "gemini";
  if (under(path, "/v1/chat") || under(path, "/v1/responses")) return "openai";
  if (under(path, "/v1/models")) return anthropicVersion === undefined ? "openai" : "anthropic";
  return "anthropic";
}
