import { type ErrorKind, errorHeaders, type GatewayError } from "../errors.ts";
import { encodeSse } from "../sse/encoder.ts";
import type { OpenAiErrorBody, OpenAiErrorObject } from "./types.ts";

// `type` and `code` per kind (https://platform.openai.com/docs/guides/error-codes; docs/wire-formats.md, "Errors in each format"). Where OpenAI has a real value we use
// it (401 invalid_api_key, 429 rate_limit_exceeded); 402 carries the product's own
// insufficient_balance in both, since OpenAI's insufficient_quota is a 429 that clients treat
// as "your plan is exhausted", not "top up". Every status ≥ 500 is a server_error to OpenAI
// SDKs (they retry it); 502 says api_error, as the product spec asks.
const ERROR_FIELDS: Record<ErrorKind, { type: string; code: string | null }> = {
  invalid_request: { type: "invalid_request_error", code: null },
  authentication: { type: "invalid_request_error", code: "invalid_api_key" },
  insufficient_balance: { type: "insufficient_balance", code: "insufficient_balance" },
  permission: { type: "permission_error", code: null },
  not_found: { type: "invalid_request_error", code: null },
  request_too_large: { type: "invalid_request_error", code: "request_too_large" },
  rate_limit: { type: "rate_limit_error", code: "rate_limit_exceeded" },
  internal: { type: "server_error", code: "internal_error" },
  upstream: { type: "api_error", code: "upstream_error" },
  timeout: { type: "server_error", code: "timeout" },
  overloaded: { type: "server_error", code: "overloaded" },
};

/** A rendered error response: status, headers (lower-case names) and JSON body. */
export interface RenderedOpenAiError {
  status: number;
  headers: Record<string, string>;
  body: OpenAiErrorBody;
}

// Anthropic's 400 for an over-long prompt ("prompt is too long: 201234 tokens > 200000 maximum").
const PROMPT_TOO_LONG = /prompt is too long/i;

/**
 * The OpenAI `code` for an error: a not_found about the `model` field is `model_not_found`, and
 * a prompt over the context window is `context_length_exceeded`, OpenAI's own code, on which
 * clients act (Codex compacts its history instead of retrying).
 */
function errorCode(kind: ErrorKind, message: string, param: string | undefined): string | null {
  if (kind === "not_found" && param === "model") return "model_not_found";
  if (kind === "invalid_request" && PROMPT_TOO_LONG.test(message)) return "context_length_exceeded";
  return ERROR_FIELDS[kind].code;
}

/** The OpenAI `error` object for an error kind. `param` is the field at fault (dotted path). */
export function openAiErrorObject(
  kind: ErrorKind,
  message: string,
  param?: string,
  code?: string,
): OpenAiErrorObject {
  return {
    message,
    type: ERROR_FIELDS[kind].type,
    param: param ?? null,
    code: code ?? errorCode(kind, message, param),
  };
}

/** Render a {@link GatewayError} as OpenAI's HTTP error response (before any stream began). */
export function renderOpenAiChatError(err: GatewayError, requestId: string): RenderedOpenAiError {
  const headers = errorHeaders(err, "x-request-id", requestId);
  return {
    status: err.status,
    headers,
    body: { error: openAiErrorObject(err.kind, err.message, err.param, err.code) },
  };
}

/**
 * Render a {@link GatewayError} as the frame an OpenAI stream carries when it fails after HTTP
 * 200: `data: {"error":{…}}`. The OpenAI SDK raises any frame with a top-level `error`.
 */
export function renderOpenAiChatStreamError(err: GatewayError): string {
  return encodeSse({ data: JSON.stringify({ error: openAiErrorObject(err.kind, err.message, err.param) }) });
}
