import { queries } from "@cc/db";
import { GatewayError } from "@cc/formats";
import { drizzle } from "drizzle-orm/d1";
import { accountStub } from "../account/client.ts";
import { hashApiKey, isWellFormedKey, presentedKey } from "../keys/api-key.ts";
import { logD1 } from "../observability/d1-log.ts";
import { FAILURES_PER_MINUTE } from "../throttle/auth-throttle.ts";
import { clientNetwork } from "./client-ip.ts";

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

/** The failed-key throttle of the caller's network (an IPv6 client's /64). */
const throttleFor = (env: Env, headers: Headers) =>
  env.AUTH_THROTTLE.get(env.AUTH_THROTTLE.idFromName(`key:${clientNetwork(headers)}`));

/** Counts a failed authentication against the caller's network and throws 401. */
export async function refuse(env: Env, headers: Headers, message: string): Promise<never> {
  await throttleFor(env, headers).fail();
  throw new GatewayError("authentication", message);
}

const unauthenticated = (message: string) => new GatewayError("authentication", message);

/**
 * Resolves the presented key to its account, or throws 401. A key this isolate has already
 * resolved costs no throttle round trip. Any other attempt is counted against the caller's
 * network before the key is looked up, atomically, and forgiven once the key proves real: past
 * the limit every unknown key from that network gets 429 before any lookup, so a correct
 * guess is not confirmed either, however many guesses arrive at once. Concurrent requests with
 * one key count once (the throttle joins them), so a client's burst is never taken for guessing.
 */
export async function identify(env: Env, headers: Headers): Promise<Caller> {
  const key = presentedKey(headers);
  const keyHash = key && isWellFormedKey(key) ? await hashApiKey(key) : undefined;
  const cached = keyHash ? known.get(keyHash) : undefined;
  if (cached) return cached;

  const throttle = throttleFor(env, headers);
  const verdict = keyHash
    ? await throttle.attemptCredential(FAILURES_PER_MINUTE, keyHash)
    : await throttle.attempt(FAILURES_PER_MINUTE);
  if (!verdict.allowed) {
    throw new GatewayError("rate_limit", "Too many failed authentication attempts from this address.", {
      retryAfterSeconds: Math.max(1, Math.ceil(verdict.retryAfterMs / 1000)),
    });
  }
  if (!key) throw unauthenticated("Missing API key: send it as x-api-key or Authorization: Bearer.");
  if (!keyHash) throw unauthenticated("Malformed API key: gateway keys look like sk-cc-….");
  logD1("key lookup");
  const row = await queries.findKeyByHash(drizzle(env.DB), keyHash);
  if (!row) {
    await throttle.failed(verdict.ticket);
    throw unauthenticated("Invalid API key.");
  }
  await throttle.forgive(verdict.ticket);
  const caller = { keyId: row.id, keyHash, accountId: row.accountId };
  if (known.size >= KNOWN_MAX) known.clear();
  known.set(keyHash, caller);
  return caller;
}

/** identify() plus the AccountDO's word that the key is active: for routes that bill nothing. */
export async function authenticate(env: Env, headers: Headers): Promise<Caller> {
  const caller = await identify(env, headers);
  const status = await accountStub(env, caller.accountId).authorize(caller.accountId, caller.keyHash);
  if (status !== "ok") return refuse(env, headers, KEY_REFUSED[status]);
  return caller;
}

/** The 401's message for a key the account's object does not accept. */
export const KEY_REFUSED = {
  revoked: "This API key has been revoked.",
  expired: "This API key has expired.",
  unknown_key: "Invalid API key.",
} as const;

/** The 401 of an expired key says so, and when. */
export const keyExpiredMessage = (expiresAt: number): string =>
  `This API key expired at ${new Date(expiresAt).toISOString()}. Create a new key or extend this one on the dashboard's Keys page.`;
