import {
  AUTH_FAILURES_PER_MINUTE,
  FAILURES_PER_MINUTE,
  type ThrottlePolicy,
} from "../../throttle/auth-throttle.ts";

/**
 * Login and sign-up throttles, on the AuthThrottle Durable Object. A login attempt is counted
 * before its password is checked, atomically, on two counters: its client network
 * (`login-ip:<network>`, stops one address trying many accounts) and the account
 * (`login-acct:<email>`, stops many addresses guessing one password); a correct password
 * forgives both. The account counter only refuses networks that have already failed on it, so a
 * crowd of strangers cannot lock the owner out, while each of them stays refused.
 */
export const LOGIN_FAILURES_PER_MINUTE = AUTH_FAILURES_PER_MINUTE;

/** Sign-ups a client network may attempt per hour (each counted before the account is created). */
export const SIGNUPS_PER_HOUR = 10;
const SIGNUPS: ThrottlePolicy = { limit: SIGNUPS_PER_HOUR, windowMs: 60 * 60 * 1000 };

const counter = (env: Env, name: string) => env.AUTH_THROTTLE.get(env.AUTH_THROTTLE.idFromName(name));

export type Gate =
  | { allowed: true; succeeded: () => Promise<void> }
  | { allowed: false; retryAfterMs: number };

/** Counts a login attempt from `network` on `email`; call `succeeded` once the password is right. */
export async function beginLogin(env: Env, network: string, email: string): Promise<Gate> {
  const byNetwork = counter(env, `login-ip:${network}`);
  const fromNetwork = await byNetwork.attempt(FAILURES_PER_MINUTE);
  if (!fromNetwork.allowed) return fromNetwork;
  const byAccount = counter(env, `login-acct:${email}`);
  const onAccount = await byAccount.attempt(FAILURES_PER_MINUTE, network);
  if (!onAccount.allowed) return onAccount;
  return {
    allowed: true,
    succeeded: async () => {
      await Promise.all([byNetwork.forgive(fromNetwork.ticket), byAccount.forgive(onAccount.ticket)]);
    },
  };
}

/** Counts a sign-up attempt from `network`; refused past {@link SIGNUPS_PER_HOUR}. */
export async function beginSignup(
  env: Env,
  network: string,
): Promise<{ allowed: true } | { allowed: false; retryAfterMs: number }> {
  const verdict = await counter(env, `signup-ip:${network}`).attempt(SIGNUPS);
  return verdict.allowed ? { allowed: true } : verdict;
}
