import type { AppContext } from "../context.ts";

/** HTTP status → Anthropic `error.type` (https://docs.anthropic.com/en/api/errors). */
const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  402: "billing_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  504: "timeout_error",
  529: "overloaded_error",
};

const DEFAULT_MESSAGES: Record<number, string> = {
  400: "mock: invalid request",
  401: "invalid x-api-key",
  402: "Your credit balance is too low to access the Anthropic API.",
  403: "Your API key does not have permission to use the specified resource.",
  404: "The requested resource could not be found.",
  413: "Request exceeds the maximum allowed number of bytes.",
  429: "Number of request tokens has exceeded your per-minute rate limit (mock)",
  500: "Internal server error",
  504: "Request timed out",
  529: "Overloaded",
};

/** Statuses the `error` scenario can produce: exactly those with a documented error type. */
export const ERROR_STATUSES = Object.keys(ERROR_TYPES).map(Number);

export function errorTypeFor(status: number): string {
  return ERROR_TYPES[status] ?? (status >= 500 ? "api_error" : "invalid_request_error");
}

export function errorBody(requestId: string, type: string, message: string): string {
  return JSON.stringify({ type: "error", error: { type, message }, request_id: requestId });
}

/** An Anthropic-shaped error response (raw Response: Hono's status type lacks 529). */
export function errorResponse(
  c: AppContext,
  status: number,
  message?: string,
  headers: Record<string, string> = {},
): Response {
  const body = errorBody(
    c.get("requestId"),
    errorTypeFor(status),
    message ?? DEFAULT_MESSAGES[status] ?? "error",
  );
  return new Response(body, { status, headers: { "content-type": "application/json", ...headers } });
}
