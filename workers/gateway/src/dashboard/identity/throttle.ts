import type { ThrottlePolicy } from "../../throttle/auth-throttle.ts";

/**
 * Throttles of the emailed links, on the AuthThrottle Durable Object (attempts are counted and
 * never forgiven: each one sends an email). Password resets per client network and per
 * address; new verification links per user.
 */
export const RESETS_PER_NETWORK: ThrottlePolicy = { limit: 10, windowMs: 60 * 60_000 };
export const RESETS_PER_ADDRESS: ThrottlePolicy = { limit: 3, windowMs: 60 * 60_000 };
export const VERIFICATIONS_PER_USER: ThrottlePolicy = { limit: 5, windowMs: 60 * 60_000 };

const counter = (env: Env, name: string) => env.AUTH_THROTTLE.get(env.AUTH_THROTTLE.idFromName(name));

/** Counts an attempt on `name`; the wait in ms when refused. */
export async function attempt(env: Env, name: string, policy: ThrottlePolicy): Promise<number | undefined> {
  const verdict = await counter(env, name).attempt(policy);
  return verdict.allowed ? undefined : verdict.retryAfterMs;
}
