/**
 * Errors in Gemini's shape (https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes):
 * `{"error": {"code": <HTTP status>, "message", "status": <google.rpc.Code name>}}`, with
 * `details` where Google gives them (RetryInfo on a 429, BadRequest field violations on a 400),
 * since clients read them: Gemini CLI waits a 429's `retryDelay`.
 */
import { type ErrorKind, errorHeaders, GatewayError } from "../errors.ts";
import { encodeSse } from "../sse/encoder.ts";
import type { RenderedError } from "../wire-format.ts";
import type { GeminiErrorBody } from "./types.ts";

/** The google.rpc status name of each kind (https://cloud.google.com/apis/design/errors#handling_errors). */
const STATUS: Record<ErrorKind, string> = {
  invalid_request: "INVALID_ARGUMENT",
  authentication: "UNAUTHENTICATED",
  // Google has no 402: FAILED_PRECONDITION is its status for "enable billing first". The HTTP
  // status stays 402 and the message starts with the product's code, as in every format.
  insufficient_balance: "FAILED_PRECONDITION",
  permission: "PERMISSION_DENIED",
  not_found: "NOT_FOUND",
  request_too_large: "INVALID_ARGUMENT",
  rate_limit: "RESOURCE_EXHAUSTED",
  internal: "INTERNAL",
  upstream: "UNAVAILABLE",
  timeout: "DEADLINE_EXCEEDED",
  overloaded: "UNAVAILABLE",
};

const INSUFFICIENT_BALANCE_PREFIX = "insufficient_balance: ";

/** The `error` member of a Gemini error body for a kind and client-safe message. */
export function geminiErrorObject(
  kind: ErrorKind,
  status: number,
  message: string,
  options: { param?: string | undefined; retryAfterSeconds?: number | undefined } = {},
): GeminiErrorBody["error"] {
  const text =
    kind === "insufficient_balance" && !message.startsWith(INSUFFICIENT_BALANCE_PREFIX)
      ? INSUFFICIENT_BALANCE_PREFIX + message
      : message;
  const error: GeminiErrorBody["error"] = { code: status, message: text, status: STATUS[kind] };
  const details: Record<string, unknown>[] = [];
  if (options.retryAfterSeconds !== undefined) {
    details.push({
      "@type": "type.googleapis.com/google.rpc.RetryInfo",
      retryDelay: `${Math.max(0, Math.ceil(options.retryAfterSeconds))}s`,
    });
  }
  if (kind === "invalid_request" && options.param) {
    details.push({
      "@type": "type.googleapis.com/google.rpc.BadRequest",
      fieldViolations: [{ field: options.param, description: text }],
    });
  }
  if (details.length > 0) error.details = details;
  return error;
}

/** Render a {@link GatewayError} as Google's HTTP error answer (before any stream began). */
export function renderGeminiError(err: GatewayError, requestId: string): RenderedError {
  const headers = errorHeaders(err, "x-request-id", requestId);
  const body: GeminiErrorBody = {
    error: geminiErrorObject(err.kind, err.status, err.message, {
      param: err.param,
      retryAfterSeconds: err.retryAfterSeconds,
    }),
  };
  return { status: err.status, headers, body };
}

/**
 * The frame that ends a Gemini stream after HTTP 200: a `data:` line holding Google's error
 * body, as the API sends a fault mid-stream.
 */
export function renderGeminiStreamError(err: GatewayError): string {
  return encodeSse({ data: JSON.stringify({ error: geminiErrorObject(err.kind, err.status, err.message) }) });
}

// Google's status (from an upstream answer) → the kind we report. Credential, permission and
// billing refusals concern the gateway's own upstream key: they become `upstream` with a
// message that does not describe our account.
const FROM_STATUS: Record<string, ErrorKind> = {
  INVALID_ARGUMENT: "invalid_request",
  OUT_OF_RANGE: "invalid_request",
  FAILED_PRECONDITION: "upstream",
  UNAUTHENTICATED: "upstream",
  PERMISSION_DENIED: "upstream",
  NOT_FOUND: "not_found",
  RESOURCE_EXHAUSTED: "rate_limit",
  INTERNAL: "upstream",
  UNKNOWN: "upstream",
  UNAVAILABLE: "overloaded",
  DEADLINE_EXCEEDED: "timeout",
  CANCELLED: "upstream",
};
const ACCOUNT_ERRORS: ReadonlySet<string> = new Set([
  "FAILED_PRECONDITION",
  "UNAUTHENTICATED",
  "PERMISSION_DENIED",
]);

// Gemini's 400 for a prompt over the context window ("The input token count (1048577) exceeds
// the maximum number of tokens allowed (1048576).").
const TOO_LONG = /input token count.*exceeds the maximum/i;

/**
 * The kind and client-safe message for an error Gemini reported (an error body's or a stream
 * frame's `status` and `message`). An invalid key is a 400 with reason API_KEY_INVALID: our
 * credential, not the client's request. A prompt over the context window is worded as
 * Anthropic's ("prompt is too long: …"), which Claude Code recognises and the OpenAI renderers
 * turn into `context_length_exceeded`.
 */
export function upstreamErrorFromGemini(
  status: string | undefined,
  message: string | undefined,
  keyRefused = false,
): { kind: ErrorKind; message: string } {
  const s = status ?? "";
  if (keyRefused || ACCOUNT_ERRORS.has(s))
    return { kind: "upstream", message: "The upstream provider refused the request." };
  const kind = Object.hasOwn(FROM_STATUS, s) ? (FROM_STATUS[s] as ErrorKind) : "upstream";
  const text = message || "The upstream provider reported an error.";
  return {
    kind,
    message: kind === "invalid_request" && TOO_LONG.test(text) ? `prompt is too long: ${text}` : text,
  };
}

/** The status name Google gives an HTTP status, for a body that names none. */
function statusOf(code: number): string {
  if (code === 400) return "INVALID_ARGUMENT";
  if (code === 401) return "UNAUTHENTICATED";
  if (code === 403) return "PERMISSION_DENIED";
  if (code === 404) return "NOT_FOUND";
  if (code === 429) return "RESOURCE_EXHAUSTED";
  if (code === 503) return "UNAVAILABLE";
  if (code === 504) return "DEADLINE_EXCEEDED";
  return "INTERNAL";
}

/** True when a Gemini error body is its refusal of the API key (a 400, reason API_KEY_INVALID). */
export const isGeminiKeyRefusal = (text: string): boolean => text.includes("API_KEY_INVALID");

/**
 * A Gemini error answer (status and body text) as the GatewayError to report to a client of
 * another format: by the body's `status`, else the HTTP status; a retry-after the upstream
 * sent passes through.
 */
export function geminiUpstreamError(status: number, text: string, retryAfterSeconds?: number): GatewayError {
  let name: string | undefined;
  let message = "";
  try {
    const body = JSON.parse(text) as { error?: { status?: unknown; message?: unknown } };
    name = typeof body.error?.status === "string" ? body.error.status : undefined;
    message = typeof body.error?.message === "string" ? body.error.message : "";
  } catch {
    // Not JSON: the status decides.
  }
  const mapped = upstreamErrorFromGemini(name ?? statusOf(status), message, isGeminiKeyRefusal(text));
  return new GatewayError(mapped.kind, mapped.message, retryAfterSeconds ? { retryAfterSeconds } : {});
}
