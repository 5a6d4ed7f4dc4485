/**
 * Google's error bodies (https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes):
 * `{"error": {"code", "message", "status", "details"?}}`, with the statuses Google uses.
 */
export const GOOGLE_STATUS: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

export function googleError(code: number, message: string, details?: unknown[]) {
  return {
    error: { code, message, status: GOOGLE_STATUS[code] ?? "UNKNOWN", ...(details ? { details } : {}) },
  };
}

export function googleErrorResponse(
  code: number,
  message: string,
  details?: unknown[],
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(googleError(code, message, details)), {
    status: code,
    headers: { "content-type": "application/json; charset=UTF-8", ...headers },
  });
}

/** A 400 INVALID_ARGUMENT, Google's answer to anything malformed. */
export const invalidArgument = (message: string) => googleErrorResponse(400, message);

/** Google's refusal of a key it does not know: a 400 whose reason is API_KEY_INVALID. */
export const apiKeyInvalid = () =>
  googleErrorResponse(400, "API key not valid. Please pass a valid API key.", [
    {
      "@type": "type.googleapis.com/google.rpc.ErrorInfo",
      reason: "API_KEY_INVALID",
      domain: "googleapis.com",
      metadata: { service: "generativelanguage.googleapis.com" },
    },
  ]);

/** The mid-stream fault of `stream-error`: Google's error body in a `data:` frame. */
export const OVERLOADED_FRAME = `data: ${JSON.stringify(
  googleError(503, "The model is overloaded. Please try again later."),
)}\r\n\r\n`;
