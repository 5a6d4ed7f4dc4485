import { queries } from "@cc/db";
import { GatewayError } from "@cc/formats";
import { drizzle } from "drizzle-orm/d1";
import { accountStub } from "../account/client.ts";
import { hashApiKey, isWellFormedKey, presentedKey } from "../keys/api-key.ts";
import { clientIp } from "./client-ip.ts";

/** Who is calling: the key and its account. Whether the key is active is the AccountDO's call. */
export interface Caller {
  keyId: string;
  keyHash: string;
  accountId: string;
}

/**
 * hash → account is immutable (a key never moves), so it is cached for the isolate's life:
 * the hot path reads D1 once per key per isolate. Bounded so a flood of keys cannot grow it.
 */
const known = new Map<string, Caller>();
const KNOWN_MAX = 10_000;

const throttleFor = (env: Env, headers: Headers) =>
  env.AUTH_THROTTLE.get(env.AUTH_THROTTLE.idFromName(clientIp(headers)));

/** Counts a failed authentication against the caller's IP and throws 401. */
export async function refuse(env: Env, headers: Headers, message: string): Promise<never> {
  await throttleFor(env, headers).recordFailure();
  throw new GatewayError("authentication", message);
}

/**
 * Resolves the presented key to its account, or throws 401. Failed attempts count against
 * the caller's IP; past the limit every unknown key from that IP gets 429 before any lookup,
 * so a correct guess is not confirmed either.
 */
export async function identify(env: Env, headers: Headers): Promise<Caller> {
  const key = presentedKey(headers);
  const keyHash = key && isWellFormedKey(key) ? await hashApiKey(key) : undefined;
  const cached = keyHash ? known.get(keyHash) : undefined;
  if (cached) return cached;

  const verdict = await throttleFor(env, headers).check();
  if (verdict.blocked) {
    throw new GatewayError("rate_limit", "Too many failed authentication attempts from this address.", {
      retryAfterSeconds: Math.ceil(verdict.retryAfterMs / 1000),
    });
  }
  if (!key) return refuse(env, headers, "Missing API key: send it as x-api-key or Authorization: Bearer.");
  if (!keyHash) return refuse(env, headers, "Malformed API key: gateway keys look like sk-cc-….");
  const row = await queries.findKeyByHash(drizzle(env.DB), keyHash);
  if (!row) return refuse(env, headers, "Invalid API key.");
  const caller = { keyId: row.id, keyHash, accountId: row.accountId };
  if (known.size >= KNOWN_MAX) known.clear();
  known.set(keyHash, caller);
  return caller;
}

/** identify() plus the AccountDO's word that the key is active: for routes that bill nothing. */
export async function authenticate(env: Env, headers: Headers): Promise<Caller> {
  const caller = await identify(env, headers);
  const status = await accountStub(env, caller.accountId).authorize(caller.accountId, caller.keyHash);
  if (status === "revoked") return refuse(env, headers, "This API key has been revoked.");
  if (status === "unknown_key") return refuse(env, headers, "Invalid API key.");
  return caller;
}
