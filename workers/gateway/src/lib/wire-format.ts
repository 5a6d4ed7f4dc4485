/** The inbound wire formats the gateway speaks. */
export type WireFormat = "anthropic-messages" | "openai-chat" | "openai-responses" | "gemini";

/** The wire format a path speaks, for errors raised before a route has set it (404, …). */
export const formatOfPath = (path: string): WireFormat | "admin" =>
  path.startsWith("/api/admin")
    ? "admin"
    : /\/v1\/(chat|responses)/.test(path)
      ? "openai-chat"
      : /\/v1(beta)?\/models\/[^/]+:/.test(path) || path.includes("/v1beta/")
        ? "gemini"
        : "anthropic-messages";
