import { AUTH_FAILURES_PER_MINUTE } from "../../throttle/auth-throttle.ts";

/**
 * Login throttling reuses the AuthThrottle Durable Object (failures in a sliding minute), with
 * two counters per attempt: one per client IP (`login-ip:<ip>`, stops one address trying many
 * accounts) and one per account (`login-acct:<email>`, stops many addresses guessing one
 * password). Either past its limit blocks the login before the password is checked.
 */
export const LOGIN_FAILURES_PER_MINUTE = AUTH_FAILURES_PER_MINUTE;

const counters = (env: Env, ip: string, email: string) =>
  [`login-ip:${ip}`, `login-acct:${email}`].map((name) =>
    env.AUTH_THROTTLE.get(env.AUTH_THROTTLE.idFromName(name)),
  );

/** Milliseconds until a login may be tried again, or 0 when it may be tried now. */
export async function loginRetryAfterMs(env: Env, ip: string, email: string): Promise<number> {
  const verdicts = await Promise.all(counters(env, ip, email).map((c) => c.check()));
  return Math.max(0, ...verdicts.filter((v) => v.blocked).map((v) => v.retryAfterMs));
}

export async function recordLoginFailure(env: Env, ip: string, email: string): Promise<void> {
  await Promise.all(counters(env, ip, email).map((c) => c.recordFailure()));
}
