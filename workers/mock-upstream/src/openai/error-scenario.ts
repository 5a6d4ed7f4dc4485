import { intParam, type Scenario } from "../scenario.ts";
import { badRequest, type OpenAiError, openAiError, openAiErrorResponse, SERVER_ERROR } from "./errors.ts";

const RATE_LIMIT_REQUESTS = 500;
const RATE_LIMIT_TOKENS = 30_000;

/** The `error` scenario's bodies, as OpenAI words them (https://platform.openai.com/docs/guides/error-codes), by status. */
const ERRORS: Record<number, (model: string, retryAfter: number) => OpenAiError> = {
  400: () => openAiError("mock: invalid request", "invalid_request_error"),
  401: () =>
    openAiError(
      "Incorrect API key provided: mock-*****-key. You can find your API key at https://platform.openai.com/account/api-keys.",
      "invalid_request_error",
      null,
      "invalid_api_key",
    ),
  403: () =>
    openAiError(
      "Country, region, or territory not supported",
      "request_forbidden",
      null,
      "unsupported_country_region_territory",
    ),
  404: (model) =>
    openAiError(
      `The model \`${model}\` does not exist or you do not have access to it.`,
      "invalid_request_error",
      null,
      "model_not_found",
    ),
  429: (model, retryAfter) =>
    openAiError(
      `Rate limit reached for ${model} in organization org-mock on tokens per min (TPM): Limit ${RATE_LIMIT_TOKENS}, Used ${RATE_LIMIT_TOKENS}, Requested 1. Please try again in ${retryAfter}s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
      "tokens",
      null,
      "rate_limit_exceeded",
    ),
  500: () => SERVER_ERROR,
  503: () =>
    openAiError("The engine is currently overloaded, please try again later.", "server_error", null, null),
};

const INSUFFICIENT_QUOTA = openAiError(
  "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
  "insufficient_quota",
  null,
  "insufficient_quota",
);

export const OPENAI_ERROR_STATUSES = Object.keys(ERRORS).map(Number);

/**
 * `error status=<s>` (default 500). A 429 carries retry-after (`retry-after=<s>`, default 1),
 * `retry-after-ms` when given, and exhausted x-ratelimit-* headers; `code=insufficient_quota`
 * turns it into the quota error.
 */
export function errorScenario(s: Scenario, model: string): Response {
  const status = intParam(s, "status", 400, 599) ?? (s.params.status === undefined ? 500 : 0);
  const make = ERRORS[status];
  if (make === undefined) {
    return badRequest(`mock: error status must be one of ${OPENAI_ERROR_STATUSES.join(", ")}`);
  }
  const retryAfter = intParam(s, "retry-after", 0, 86_400) ?? 1;
  if (status !== 429) return openAiErrorResponse(status, make(model, retryAfter));
  const headers: Record<string, string> = {
    "retry-after": String(retryAfter),
    "x-ratelimit-limit-requests": String(RATE_LIMIT_REQUESTS),
    "x-ratelimit-limit-tokens": String(RATE_LIMIT_TOKENS),
    "x-ratelimit-remaining-requests": String(RATE_LIMIT_REQUESTS - 1),
    "x-ratelimit-remaining-tokens": "0",
    "x-ratelimit-reset-requests": "120ms",
    "x-ratelimit-reset-tokens": `${retryAfter}s`,
  };
  const ms = intParam(s, "retry-after-ms", 0, 86_400_000);
  if (typeof ms === "number") headers["retry-after-ms"] = String(ms);
  const quota = s.params.code === "insufficient_quota";
  return openAiErrorResponse(429, quota ? INSUFFICIENT_QUOTA : make(model, retryAfter), headers);
}
