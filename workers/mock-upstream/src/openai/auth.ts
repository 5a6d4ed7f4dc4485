import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context.ts";
import { openAiError, openAiErrorResponse } from "./errors.ts";

/** OpenAI shows a wrong key with its middle starred out; so does the mock. */
function redact(key: string): string {
  return key.length <= 8
    ? "*".repeat(key.length)
    : `${key.slice(0, 3)}${"*".repeat(key.length - 7)}${key.slice(-4)}`;
}

function unauthorized(message: string): Response {
  return openAiErrorResponse(401, openAiError(message, "invalid_request_error", null, "invalid_api_key"));
}

/**
 * OpenAI routes: `Authorization: Bearer <MOCK_UPSTREAM_KEY>` is required. An `x-api-key`, if
 * present, must hold the same key too: a client key travelling beside the right one is a leak.
 */
export const requireBearer: MiddlewareHandler<AppEnv> = async (c, next) => {
  const expected = c.env.MOCK_UPSTREAM_KEY;
  const bearer = /^Bearer\s+(.*)$/i.exec(c.req.header("authorization") ?? "")?.[1]?.trim() ?? "";
  if (bearer === "") {
    return unauthorized(
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
    );
  }
  const apiKey = c.req.header("x-api-key");
  const wrong = [bearer, ...(apiKey === undefined ? [] : [apiKey])].find((k) => !expected || k !== expected);
  if (wrong !== undefined) {
    return unauthorized(
      `Incorrect API key provided: ${redact(wrong)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    );
  }
  await next();
};
