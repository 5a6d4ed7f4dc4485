/**
 * Errors in the OpenAI Responses format (https://platform.openai.com/docs/guides/error-codes). Before a stream begins the
 * HTTP error body is the same as Chat's, so {@link renderOpenAiResponsesError} is Chat's
 * renderer. After HTTP 200 a Responses client gets `response.failed` with `response.error`
 * (built by the stream encoder from {@link responsesError}), never a bare top-level error
 * (https://github.com/openai/codex/issues/24973).
 */
import { type ErrorKind, GatewayError } from "../errors.ts";
import { openAiErrorObject, renderOpenAiChatError } from "../openai-chat/errors.ts";
import { encodeSse } from "../sse/encoder.ts";
import type { ResponsesError } from "./types.ts";

/** Render a {@link GatewayError} as OpenAI's HTTP error response: identical for Chat and Responses. */
export const renderOpenAiResponsesError = renderOpenAiChatError;

/**
 * The `response.error` of a failed response. Codex reads `code`: `context_length_exceeded` and
 * `insufficient_quota` stop it, any other code is retried (codex-rs sse/responses.rs).
 */
export function responsesError(kind: ErrorKind, message: string): ResponsesError {
  const code = openAiErrorObject(kind, message).code;
  return { code: code ?? (kind === "invalid_request" ? "invalid_prompt" : "server_error"), message };
}

/**
 * The error frame an OpenAI Responses upstream sends after HTTP 200
 * (`event: error`, `{"type":"error","code","message","param"}`). It is an upstream-side frame:
 * write it into the pipe before an {@link OpenAiResponsesStreamDecoder} when a GPT upstream
 * breaks, and the client gets the error in its own format. Never send it to a Responses client
 * as is: Codex needs `response.failed` (the encoder makes one).
 */
export function renderOpenAiResponsesStreamError(err: GatewayError): string {
  const { code, message, param } = openAiErrorObject(err.kind, err.message, err.param);
  return encodeSse({ event: "error", data: JSON.stringify({ type: "error", code, message, param }) });
}

// OpenAI error code (from upstream) → the kind we report. Key and quota errors concern the
// gateway's upstream account, not the client: they become `upstream` with a message that does
// not describe our account.
const FROM_OPENAI: Record<string, ErrorKind> = {
  rate_limit_exceeded: "rate_limit",
  server_is_overloaded: "overloaded",
  slow_down: "overloaded",
  context_length_exceeded: "invalid_request",
  invalid_prompt: "invalid_request",
  invalid_request_error: "invalid_request",
  model_not_found: "not_found",
  insufficient_quota: "upstream",
  invalid_api_key: "upstream",
};
const ACCOUNT_ERRORS: ReadonlySet<string> = new Set(["insufficient_quota", "invalid_api_key"]);
const KNOWN_CODES: ReadonlySet<string> = new Set(Object.keys(FROM_OPENAI));

/**
 * The gateway error kind and client-safe message for an error an OpenAI upstream reported (an
 * error body's or a failed response's `code` and `message`). Unknown codes are `upstream`. A
 * context overflow is worded like Anthropic's ("prompt is too long: …"), which Claude Code
 * recognises and which the OpenAI renderers turn back into `context_length_exceeded`.
 */
export function upstreamErrorFromOpenAi(
  code: string | null | undefined,
  message: string | null | undefined,
): { kind: ErrorKind; message: string } {
  const c = code ?? "";
  const kind = Object.hasOwn(FROM_OPENAI, c) ? (FROM_OPENAI[c] as ErrorKind) : "upstream";
  if (ACCOUNT_ERRORS.has(c)) return { kind, message: "The upstream provider refused the request." };
  const text = message || "The upstream provider reported an error.";
  return { kind, message: c === "context_length_exceeded" ? `prompt is too long: ${text}` : text };
}

/** The kind an OpenAI error status means when its body names no code we know. */
function kindOfStatus(status: number): { kind: ErrorKind; message: string } {
  if (status === 429) return { kind: "rate_limit", message: "The upstream is rate limited." };
  if (status === 404) return { kind: "not_found", message: "The upstream found no such resource." };
  if (status === 400 || status === 422)
    return { kind: "invalid_request", message: "The upstream rejected the request." };
  if (status === 503) return { kind: "overloaded", message: "The upstream is overloaded." };
  if (status === 401 || status === 403)
    return { kind: "upstream", message: "The upstream provider refused the request." };
  return { kind: "upstream", message: "The upstream provider reported an error." };
}

/**
 * An OpenAI error response (status and body text) as the GatewayError to report to a client of
 * another format: by the error's `code` when it is one we know (so a context overflow reads
 * "prompt is too long", as Claude Code expects), else by the status. Credential and quota
 * errors concern the gateway's own upstream account and never show the vendor's text.
 */
export function openAiUpstreamError(status: number, text: string, retryAfterSeconds?: number): GatewayError {
  let code: string | undefined;
  let message = "";
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    code = typeof body.error?.code === "string" ? body.error.code : undefined;
    message = typeof body.error?.message === "string" ? body.error.message : "";
  } catch {
    // Not JSON: the status decides.
  }
  const byStatus = kindOfStatus(status);
  const mapped =
    code !== undefined && KNOWN_CODES.has(code)
      ? upstreamErrorFromOpenAi(code, message)
      : {
          kind: byStatus.kind,
          message: status === 401 || status === 403 || !message ? byStatus.message : message,
        };
  return new GatewayError(mapped.kind, mapped.message, retryAfterSeconds ? { retryAfterSeconds } : {});
}
