/**
 * Per-key rate limits over a sliding 60-second window, in constant space: the window is 600
 * buckets of 100 ms, each holding the requests and tokens admitted in it and the time of its
 * last admission. A request is admitted when the live buckets plus itself fit the limits.
 * Unlike fixed minute buckets there is no double burst at a minute boundary; unlike a log of
 * every request, admission costs the same however busy the key is.
 *
 * A bucket leaves the window when its last admission does (`lastAt + WINDOW_MS`): never before
 * any request in it, at most one bucket width (100 ms) after its first. So a refusal's retry
 * time is exact for a bucket of one request and never early for any.
 */

/** Length of the window, ms. */
export const WINDOW_MS = 60_000;
/** Width of one bucket, ms. */
export const BUCKET_MS = 100;
const BUCKETS = WINDOW_MS / BUCKET_MS;

/** Per-key limits over one window. */
export interface RateLimits {
  rpm: number;
  tpm: number;
}

/** Requests and tokens counted in the window. */
export interface WindowTotals {
  requests: number;
  tokens: number;
}

/**
 * Result of {@link RateWindow.check}.
 * - `requests` / `tokens`: refused for now; `retryAfterMs` is when enough old buckets leave the
 *   window for this request to fit (if nothing else is admitted meanwhile).
 * - `oversize`: the estimate alone exceeds the TPM limit; it can never be admitted.
 */
export type Admission =
  | { ok: true }
  | { ok: false; limit: "requests" | "tokens"; retryAfterMs: number }
  | { ok: false; limit: "oversize"; estimateTokens: number; tpm: number };

interface Bucket {
  /** floor(time / BUCKET_MS) of what it holds; -1 when empty. */
  slot: number;
  requests: number;
  tokens: number;
  lastAt: number;
}

function assertLimits(limits: RateLimits, estimateTokens: number): void {
  const ok = (n: number, min: number) => Number.isSafeInteger(n) && n >= min;
  if (!ok(limits.rpm, 1) || !ok(limits.tpm, 0)) {
    throw new RangeError(`bad limits: rpm ${limits.rpm}, tpm ${limits.tpm}`);
  }
  if (!ok(estimateTokens, 0)) throw new RangeError(`bad token estimate: ${estimateTokens}`);
}

/** One key's window. In memory: a Durable Object keeps one per key it serves. */
export class RateWindow {
  private readonly buckets: Bucket[] = Array.from({ length: BUCKETS }, () => ({
    slot: -1,
    requests: 0,
    tokens: 0,
    lastAt: 0,
  }));

  /** Calls `visit` for each live bucket at `now`, oldest first, without allocating. */
  private eachLive(now: number, visit: (b: Bucket) => boolean | undefined): void {
    const nowSlot = Math.floor(now / BUCKET_MS);
    for (let k = 1; k <= BUCKETS; k++) {
      const b = this.buckets[(nowSlot + k) % BUCKETS]!;
      if (b.slot >= 0 && b.slot <= nowSlot && now < b.lastAt + WINDOW_MS && visit(b) === true) return;
    }
  }

  /** Requests and tokens counted in the window at `now`. */
  used(now: number): WindowTotals {
    const used = { requests: 0, tokens: 0 };
    this.eachLive(now, (b) => {
      used.requests += b.requests;
      used.tokens += b.tokens;
      return undefined;
    });
    return used;
  }

  /**
   * Can a request estimated at `estimateTokens` be admitted at `now`? It fits when
   * requests + 1 ≤ rpm and tokens + estimate ≤ tpm over the live buckets. When both limits
   * refuse, the one that frees later is reported (its wait admits the request on both counts).
   */
  check(now: number, limits: RateLimits, estimateTokens: number): Admission {
    assertLimits(limits, estimateTokens);
    if (estimateTokens > limits.tpm) {
      return { ok: false, limit: "oversize", estimateTokens, tpm: limits.tpm };
    }
    const used = this.used(now);
    const requestsWait = this.waitToFree(now, used.requests + 1 - limits.rpm, (b) => b.requests);
    const tokensWait = this.waitToFree(now, used.tokens + estimateTokens - limits.tpm, (b) => b.tokens);
    if (requestsWait === 0 && tokensWait === 0) return { ok: true };
    return requestsWait >= tokensWait
      ? { ok: false, limit: "requests", retryAfterMs: requestsWait }
      : { ok: false, limit: "tokens", retryAfterMs: tokensWait };
  }

  /** Ms from `now` until the oldest live buckets have freed at least `excess` of `amount`. */
  private waitToFree(now: number, excess: number, amount: (b: Bucket) => number): number {
    if (excess <= 0) return 0;
    let freed = 0;
    let wait = Number.POSITIVE_INFINITY; // unreachable when the request alone fits the limit
    this.eachLive(now, (b) => {
      freed += amount(b);
      if (freed < excess) return undefined;
      wait = b.lastAt + WINDOW_MS - now;
      return true;
    });
    return wait;
  }

  /** Counts an admitted request at `at`. */
  add(at: number, requests: number, tokens: number): void {
    const slot = Math.floor(at / BUCKET_MS);
    const b = this.buckets[slot % BUCKETS]!;
    if (b.slot !== slot) {
      b.slot = slot;
      b.requests = 0;
      b.tokens = 0;
    }
    b.requests += requests;
    b.tokens += tokens;
    b.lastAt = Math.max(b.lastAt, at);
  }

  /**
   * Corrects the tokens of a request admitted at `at` by `delta` (its real usage minus its
   * estimate), if its bucket is still in the window; a bucket never counts below zero.
   */
  correct(at: number, delta: number): void {
    const slot = Math.floor(at / BUCKET_MS);
    const b = this.buckets[slot % BUCKETS]!;
    if (b.slot === slot) b.tokens = Math.max(0, b.tokens + delta);
  }

  /**
   * What the rate-limit headers report, in one pass: what is left of each limit (never
   * negative), and when each is fully replenished (ms since the epoch): the moment the last live
   * bucket counting for it leaves the window, or `now` when none does (Anthropic's `*-reset`
   * meaning; OpenAI's duration is resetAt − now).
   */
  status(now: number, limits: RateLimits): { remaining: WindowTotals; resetAt: WindowTotals } {
    const used = { requests: 0, tokens: 0 };
    const resetAt = { requests: now, tokens: now };
    this.eachLive(now, (b) => {
      used.requests += b.requests;
      used.tokens += b.tokens;
      const leaves = b.lastAt + WINDOW_MS;
      if (b.requests > 0) resetAt.requests = Math.max(resetAt.requests, leaves);
      if (b.tokens > 0) resetAt.tokens = Math.max(resetAt.tokens, leaves);
      return undefined;
    });
    return {
      remaining: {
        requests: Math.max(0, limits.rpm - used.requests),
        tokens: Math.max(0, limits.tpm - used.tokens),
      },
      resetAt,
    };
  }
}
