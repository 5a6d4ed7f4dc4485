/**
 * The gateway's closed set of errors. Every failure the gateway reports is one of these kinds,
 * each with exactly one HTTP status; one renderer per wire format turns a {@link GatewayError}
 * into that format's body, so every client gets errors in its own shape.
 */

/** HTTP status of each error kind. */
export const ERROR_STATUS = {
  invalid_request: 400,
  authentication: 401,
  insufficient_balance: 402,
  permission: 403,
  not_found: 404,
  request_too_large: 413,
  rate_limit: 429,
  internal: 500,
  upstream: 502,
  timeout: 504,
  // 529 is Anthropic's "overloaded"; SDKs treat every status ≥ 500 as retryable.
  overloaded: 529,
} as const satisfies Record<string, number>;

/** One of the gateway's error kinds. */
export type ErrorKind = keyof typeof ERROR_STATUS;

/** Optional details of a {@link GatewayError}. */
export interface GatewayErrorOptions {
  /**
   * The request field at fault, dotted (`messages.0.content`), for invalid_request. Rendered
   * only where the wire format has a field for it (OpenAI `param`); name it in the message too.
   */
  param?: string;
  /**
   * The vendor's own error code, for an error the gateway words as the vendor would (OpenAI
   * `code`, e.g. `previous_response_not_found`); rendered where the wire format has the field.
   */
  code?: string;
  /** Seconds the client should wait before retrying; rendered as a `retry-after` header. */
  retryAfterSeconds?: number;
  /** Extra response headers. */
  headers?: Record<string, string>;
  /** The underlying error, kept for logs only; never rendered to the client. */
  cause?: unknown;
}

/** An error the gateway reports to its client: a kind, its status and a client-safe message. */
export class GatewayError extends Error {
  override name = "GatewayError";
  readonly kind: ErrorKind;
  readonly status: (typeof ERROR_STATUS)[ErrorKind];
  readonly param: string | undefined;
  readonly code: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(kind: ErrorKind, message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.status = ERROR_STATUS[kind];
    this.param = options.param;
    this.code = options.code;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.headers = options.headers;
  }
}

/**
 * The headers of an error answer in any wire format: the error's own (rate limits), JSON, the
 * request id under the vendor's header name, and `retry-after` when the client should wait.
 */
export function errorHeaders(
  err: GatewayError,
  requestIdHeader: "request-id" | "x-request-id",
  requestId: string,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(err.headers ?? {})) headers[name.toLowerCase()] = value;
  headers["content-type"] = "application/json";
  headers[requestIdHeader] = requestId;
  if (err.retryAfterSeconds !== undefined) {
    // RFC 9110, section 10.2.3: delay-seconds is a non-negative integer; round up so clients never retry early.
    headers["retry-after"] = String(Math.max(0, Math.ceil(err.retryAfterSeconds)));
  }
  return headers;
}

/** True for a {@link GatewayError}. */
export function isGatewayError(e: unknown): e is GatewayError {
  return e instanceof GatewayError;
}
