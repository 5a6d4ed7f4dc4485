import { GatewayError, upstreamErrorFromAnthropic } from "@cc/formats";

/**
 * An Anthropic upstream's error response as a GatewayError, for callers in another format.
 * The status follows the error's kind; retry-after passes through so SDK retries still work.
 */
export function anthropicUpstreamError(status: number, text: string, headers: Headers): GatewayError {
  let type = "";
  let message = "";
  try {
    const body = JSON.parse(text) as { error?: { type?: unknown; message?: unknown } };
    type = typeof body.error?.type === "string" ? body.error.type : "";
    message = typeof body.error?.message === "string" ? body.error.message : "";
  } catch {
    // Not JSON: the status decides.
  }
  if (!type)
    type =
      status === 429
        ? "rate_limit_error"
        : status === 529
          ? "overloaded_error"
          : status >= 500
            ? "api_error"
            : "invalid_request_error";
  const mapped = upstreamErrorFromAnthropic(type, message);
  const retryAfter = Number(headers.get("retry-after"));
  return new GatewayError(
    mapped.kind,
    mapped.message,
    Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {},
  );
}

/**
 * An OpenAI upstream's error response as a GatewayError, for callers in another format.
 * Authentication and permission failures concern the gateway's own upstream key, not the
 * caller's, so they become a generic upstream error.
 */
export function openAiUpstreamError(status: number, text: string, headers: Headers): GatewayError {
  let message = "";
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } };
    message = typeof body.error?.message === "string" ? body.error.message : "";
  } catch {
    // Not JSON: the status decides.
  }
  const retryAfter = Number(headers.get("retry-after"));
  const retry = Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {};
  if (status === 429)
    return new GatewayError("rate_limit", message || "The upstream is rate limited.", retry);
  if (status === 400 || status === 404 || status === 422) {
    return new GatewayError("invalid_request", message || "The upstream rejected the request.");
  }
  if (status === 503) return new GatewayError("overloaded", message || "The upstream is overloaded.", retry);
  return new GatewayError(
    "upstream",
    status === 401 || status === 403
      ? "The upstream provider refused the request."
      : message || "The upstream provider reported an error.",
    retry,
  );
}
