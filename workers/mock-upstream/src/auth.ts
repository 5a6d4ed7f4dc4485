import type { MiddlewareHandler } from "hono";
import { errorResponse } from "./anthropic/errors.ts";
import type { AppEnv } from "./context.ts";

/**
 * Accepts the key as `x-api-key` or `Authorization: Bearer`. At least one must be present and
 * every credential present must equal MOCK_UPSTREAM_KEY: a client key forwarded beside the
 * upstream key is a leak, so it fails loudly too.
 */
export const requireKey: MiddlewareHandler<AppEnv> = async (c, next) => {
  const expected = c.env.MOCK_UPSTREAM_KEY;
  const credentials: string[] = [];
  const apiKey = c.req.header("x-api-key");
  if (apiKey !== undefined) credentials.push(apiKey);
  const authorization = c.req.header("authorization");
  if (authorization !== undefined) credentials.push(authorization.replace(/^Bearer\s+/i, ""));
  const ok = Boolean(expected) && credentials.length > 0 && credentials.every((k) => k === expected);
  if (!ok) return errorResponse(c, 401, "invalid x-api-key");
  await next();
};
