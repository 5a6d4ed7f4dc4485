import { queries } from "@cc/db";
import { GatewayError } from "@cc/formats";
import { drizzle } from "drizzle-orm/d1";
import { hashApiKey, isWellFormedKey, presentedKey } from "../keys/api-key.ts";
import { clientIp } from "./client-ip.ts";

/** Who is calling: the key and its account. */
export interface Caller {
  keyId: string;
  keyHash: string;
  accountId: string;
  allowedModels: string[] | null;
}

const unauthorized = (message: string) => new GatewayError("authentication", message);

/**
 * Resolves the presented key to its account, or throws 401. Failed attempts count against
 * the caller's IP; past the limit every attempt from that IP gets 429 before any lookup, so
 * even a correct guess is not confirmed.
 */
export async function authenticate(env: Env, headers: Headers): Promise<Caller> {
  const throttle = env.AUTH_THROTTLE.get(env.AUTH_THROTTLE.idFromName(clientIp(headers)));
  const verdict = await throttle.check();
  if (verdict.blocked) {
    throw new GatewayError("rate_limit", "Too many failed authentication attempts from this address.", {
      retryAfterSeconds: Math.ceil(verdict.retryAfterMs / 1000),
    });
  }
  const fail = async (message: string): Promise<never> => {
    await throttle.recordFailure();
    throw unauthorized(message);
  };

  const key = presentedKey(headers);
  if (!key) return fail("Missing API key: send it as x-api-key or Authorization: Bearer.");
  if (!isWellFormedKey(key)) return fail("Malformed API key: gateway keys look like sk-cc-….");
  const keyHash = await hashApiKey(key);
  const row = await queries.findKeyByHash(drizzle(env.DB), keyHash);
  if (!row) return fail("Invalid API key.");
  if (row.revokedAt !== null) return fail("This API key has been revoked.");
  return { keyId: row.id, keyHash, accountId: row.accountId, allowedModels: row.allowedModels ?? null };
}
