import { type ErrorKind, errorHeaders, GatewayError } from "../errors.ts";
import { encodeSse } from "../sse/encoder.ts";

/** Anthropic's `error.type` values the gateway emits (SDK `ErrorType`, https://docs.anthropic.com/en/api/errors). */
export type AnthropicErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "billing_error"
  | "permission_error"
  | "not_found_error"
  | "request_too_large"
  | "rate_limit_error"
  | "api_error"
  | "timeout_error"
  | "overloaded_error";

const ERROR_TYPE: Record<ErrorKind, AnthropicErrorType> = {
  invalid_request: "invalid_request_error",
  authentication: "authentication_error",
  // 402 decision: Anthropic's own type for 402 is `billing_error`, and clients key off status and
  // error.type, so we keep the vendor's type (typed SDK clients decode it) and carry the
  // product's code as a stable message prefix: "insufficient_balance: …". No extra fields.
  insufficient_balance: "billing_error",
  permission: "permission_error",
  not_found: "not_found_error",
  request_too_large: "request_too_large",
  rate_limit: "rate_limit_error",
  internal: "api_error",
  upstream: "api_error",
  timeout: "timeout_error",
  overloaded: "overloaded_error",
};

/** The `error` member of an Anthropic error body or stream error event. */
export interface AnthropicErrorObject {
  type: AnthropicErrorType;
  message: string;
}

/** An Anthropic error response body (SDK `ErrorResponse`). */
export interface AnthropicErrorBody {
  type: "error";
  error: AnthropicErrorObject;
  request_id: string;
}

/** A rendered error response: status, headers (lower-case names) and JSON body. */
export interface RenderedAnthropicError {
  status: number;
  headers: Record<string, string>;
  body: AnthropicErrorBody;
}

/** The prefix that marks a 402 as the product's `insufficient_balance` (see ERROR_TYPE). */
export const INSUFFICIENT_BALANCE_PREFIX = "insufficient_balance: ";

/** The `error` member for an error kind and client-safe message (also of a stream error event). */
export function anthropicErrorObject(kind: ErrorKind, message: string): AnthropicErrorObject {
  if (kind === "insufficient_balance" && !message.startsWith(INSUFFICIENT_BALANCE_PREFIX)) {
    return { type: ERROR_TYPE[kind], message: INSUFFICIENT_BALANCE_PREFIX + message };
  }
  return { type: ERROR_TYPE[kind], message };
}

// `param` is not rendered: Anthropic bodies have no such field, and callers already name the
// field in the message the way Anthropic does ("max_tokens: Field required").
const errorObject = (err: GatewayError): AnthropicErrorObject => anthropicErrorObject(err.kind, err.message);

/** Render a {@link GatewayError} as Anthropic's HTTP error response (before any stream began). */
export function renderAnthropicError(err: GatewayError, requestId: string): RenderedAnthropicError {
  const headers = errorHeaders(err, "request-id", requestId);
  return {
    status: err.status,
    headers,
    body: { type: "error", error: errorObject(err), request_id: requestId },
  };
}

/**
 * Render a {@link GatewayError} as the SSE frame Anthropic sends when a stream fails after
 * HTTP 200: `event: error\ndata: {"type":"error","error":{…}}\n\n`.
 */
export function renderAnthropicStreamError(err: GatewayError): string {
  return encodeSse({ event: "error", data: JSON.stringify({ type: "error", error: errorObject(err) }) });
}

// Anthropic error type (from upstream) → the kind the gateway reports to its own client.
// Authentication, billing and permission errors concern the gateway's upstream account, not the
// client's key or balance: they become `upstream` with a message that does not describe our
// account (see upstreamErrorFromAnthropic).
const FROM_ANTHROPIC: Record<AnthropicErrorType, ErrorKind> = {
  invalid_request_error: "invalid_request",
  authentication_error: "upstream",
  billing_error: "upstream",
  permission_error: "upstream",
  not_found_error: "not_found",
  request_too_large: "request_too_large",
  rate_limit_error: "rate_limit",
  api_error: "upstream",
  timeout_error: "timeout",
  overloaded_error: "overloaded",
};
const ACCOUNT_ERRORS: ReadonlySet<string> = new Set([
  "authentication_error",
  "billing_error",
  "permission_error",
]);

/**
 * The gateway error kind and client-safe message for an error Anthropic reported (an HTTP error
 * body's or an `event: error` frame's `error.type` and `error.message`). Unknown types are
 * `upstream`.
 */
export function upstreamErrorFromAnthropic(
  type: string,
  message: string,
): { kind: ErrorKind; message: string } {
  const kind = Object.hasOwn(FROM_ANTHROPIC, type) ? FROM_ANTHROPIC[type as AnthropicErrorType] : "upstream";
  if (ACCOUNT_ERRORS.has(type)) return { kind, message: "The upstream provider refused the request." };
  return { kind, message: message === "" ? "The upstream provider reported an error." : message };
}

// Anthropic's error type for each status (https://platform.claude.com/docs/en/api/errors), for an
// error body that names none: a 413 comes from Cloudflare, before Anthropic's servers.
const TYPE_OF_STATUS: Readonly<Record<number, AnthropicErrorType>> = {
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

/**
 * An Anthropic error response (status and body text) as the GatewayError to report to a client
 * of another format. The error type decides, else the status; a retry-after the vendor sent
 * passes through so the client's SDK retries when Anthropic says.
 */
export function anthropicUpstreamError(
  status: number,
  text: string,
  retryAfterSeconds?: number,
): GatewayError {
  let type = "";
  let message = "";
  try {
    const body = JSON.parse(text) as { error?: { type?: unknown; message?: unknown } };
    type = typeof body.error?.type === "string" ? body.error.type : "";
    message = typeof body.error?.message === "string" ? body.error.message : "";
  } catch {
    // Not JSON: the status decides.
  }
  if (!type) type = TYPE_OF_STATUS[status] ?? (status >= 500 ? "api_error" : "invalid_request_error");
  const mapped = upstreamErrorFromAnthropic(type, message);
  return new GatewayError(mapped.kind, mapped.message, retryAfterSeconds ? { retryAfterSeconds } : {});
}
