import { DurableObject } from "cloudflare:workers";

/** Failed authentication attempts allowed per client network (and per login account) in a sliding minute. */
export const AUTH_FAILURES_PER_MINUTE = 20;

/** How many attempts a throttle lets through in a sliding window. */
export interface ThrottlePolicy {
  limit: number;
  windowMs: number;
}

/** The failed-authentication policy: {@link AUTH_FAILURES_PER_MINUTE} a minute. */
export const FAILURES_PER_MINUTE: ThrottlePolicy = { limit: AUTH_FAILURES_PER_MINUTE, windowMs: 60_000 };

/** An attempt let through (`ticket` forgives it once it proves good), or refused until `retryAfterMs`. */
export type AttemptVerdict = { allowed: true; ticket: string } | { allowed: false; retryAfterMs: number };

interface Attempt {
  ticket: string;
  at: number;
  /** The login's client network, or the API key's hash. */
  source: string | undefined;
  /** Still being checked: neither forgiven nor known to have failed. */
  inFlight: boolean;
}

/** An attempt not settled within this long (its Worker went away) is no longer joinable. */
const IN_FLIGHT_MS = 10_000;

/** Beyond this many attempts in one window the oldest are dropped: memory stays bounded under a flood. */
const MAX_TRACKED = 10_000;

/**
 * A window longer than this (the hourly email throttles) is kept in storage too: an object idle
 * for a few minutes is evicted, and forgetting an hour's count would let a reset link be sent
 * again every few minutes. A minute's window stays in memory only (see the class).
 */
const DURABLE_WINDOW_MS = 60_000;
const STORED_ATTEMPTS = "attempts";

/**
 * One per thing being guessed at (a client network, a login account, …): counts attempts in a
 * sliding window. An attempt is counted when it starts, before its credential is checked, in
 * one synchronous step — so concurrent attempts cannot all pass a check that none of them has
 * counted against yet — and forgiven when the credential proves good, so only failures (and
 * attempts still in flight) count. A minute's window is in memory on purpose: losing it on
 * eviction only forgives an attacker one minute, and it keeps this path free of storage writes.
 * A longer window (each attempt sends an email) is written through to storage.
 */
export class AuthThrottle extends DurableObject<Env> {
  private attempts: Attempt[] = [];

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void ctx.blockConcurrencyWhile(async () => {
      this.attempts = (await ctx.storage.get<Attempt[]>(STORED_ATTEMPTS)) ?? [];
    });
  }

  private prune(windowMs: number, now: number): void {
    const since = now - windowMs;
    if (this.attempts[0] && this.attempts[0].at <= since)
      this.attempts = this.attempts.filter((a) => a.at > since);
    if (this.attempts.length > MAX_TRACKED) this.attempts = this.attempts.slice(-MAX_TRACKED);
  }

  private count(source: string | undefined, now: number): string {
    const ticket = crypto.randomUUID();
    this.attempts.push({ ticket, at: now, source, inFlight: true });
    return ticket;
  }

  /**
   * Counts an attempt, or refuses it once `policy.limit` attempts are in the window (a refused
   * attempt is not counted). With `source` (the client network of a login), reaching the limit
   * refuses only sources that already have an attempt in the window: strangers failing from
   * elsewhere cannot lock out an owner whose network has not failed, while every network that
   * took part in the attack stays refused.
   */
  attempt(policy: ThrottlePolicy, source?: string, now = Date.now()): AttemptVerdict {
    const verdict = this.admit(policy, source, now);
    if (verdict.allowed && policy.windowMs > DURABLE_WINDOW_MS) {
      void this.ctx.storage.put(STORED_ATTEMPTS, this.attempts);
    }
    return verdict;
  }

  private admit(policy: ThrottlePolicy, source: string | undefined, now: number): AttemptVerdict {
    this.prune(policy.windowMs, now);
    const { limit, windowMs } = policy;
    if (this.attempts.length < limit) return { allowed: true, ticket: this.count(source, now) };
    // The window drops below the limit when the attempt `limit` places from the end leaves it.
    const belowLimitAt = this.attempts[this.attempts.length - limit]!.at + windowMs;
    if (source === undefined) return { allowed: false, retryAfterMs: belowLimitAt - now };
    const own = this.attempts.findLast((a) => a.source === source);
    if (!own) return { allowed: true, ticket: this.count(source, now) };
    return { allowed: false, retryAfterMs: Math.min(belowLimitAt, own.at + windowMs) - now };
  }

  /**
   * Counts an attempt with one credential (an API key's hash), or refuses it past the limit. A
   * credential still being checked joins that attempt — shares its ticket, is neither counted
   * again nor refused — so a client's burst on a key no isolate has cached yet costs one count,
   * while every distinct guess, and every repeat of a key that failed, counts.
   */
  attemptCredential(policy: ThrottlePolicy, credential: string, now = Date.now()): AttemptVerdict {
    this.prune(policy.windowMs, now);
    const joined = this.attempts.findLast(
      (a) => a.inFlight && a.source === credential && a.at > now - IN_FLIGHT_MS,
    );
    if (joined) return { allowed: true, ticket: joined.ticket };
    if (this.attempts.length < policy.limit) return { allowed: true, ticket: this.count(credential, now) };
    const belowLimitAt = this.attempts[this.attempts.length - policy.limit]!.at + policy.windowMs;
    return { allowed: false, retryAfterMs: belowLimitAt - now };
  }

  /** The attempt behind `ticket` proved good: it no longer counts. */
  forgive(ticket: string): void {
    const i = this.attempts.findIndex((a) => a.ticket === ticket);
    if (i >= 0) this.attempts.splice(i, 1);
  }

  /** The attempt behind `ticket` failed: it keeps counting, and no later attempt joins it. */
  failed(ticket: string): void {
    const attempt = this.attempts.find((a) => a.ticket === ticket);
    if (attempt) attempt.inFlight = false;
  }

  /** Counts a failure found after the fact (a revoked key), whatever the count already is. */
  fail(now = Date.now()): void {
    this.failed(this.count(undefined, now));
  }
}
