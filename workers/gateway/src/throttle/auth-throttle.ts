import { DurableObject } from "cloudflare:workers";

/** Failed authentication attempts allowed per IP in a sliding minute. */
export const AUTH_FAILURES_PER_MINUTE = 20;
const WINDOW_MS = 60_000;

export interface ThrottleVerdict {
  blocked: boolean;
  retryAfterMs: number;
}

/**
 * One per client IP: counts failed authentications in a sliding minute, so keys cannot be
 * guessed at speed. State is in memory on purpose: losing it on eviction only forgives an
 * attacker a minute, and it keeps this path free of storage writes.
 */
export class AuthThrottle extends DurableObject<Env> {
  private failures: number[] = [];

  private verdict(now: number): ThrottleVerdict {
    this.failures = this.failures.filter((t) => t > now - WINDOW_MS);
    if (this.failures.length < AUTH_FAILURES_PER_MINUTE) return { blocked: false, retryAfterMs: 0 };
    const oldest = this.failures[this.failures.length - AUTH_FAILURES_PER_MINUTE]!;
    return { blocked: true, retryAfterMs: oldest + WINDOW_MS - now };
  }

  check(now = Date.now()): ThrottleVerdict {
    return this.verdict(now);
  }

  recordFailure(now = Date.now()): ThrottleVerdict {
    this.failures.push(now);
    return this.verdict(now);
  }
}
