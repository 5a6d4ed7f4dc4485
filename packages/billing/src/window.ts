/**
 * Per-key rate limits as a sliding-window log: every admitted request leaves an entry, and a
 * request is admitted when the entries of the last 60 s plus itself fit the limits. Unlike
 * fixed minute buckets, there is no double burst at a bucket boundary. Pure functions over an
 * entry list; the caller (a Durable Object) stores the entries and appends on admission.
 */

/** Length of the window, ms. */
export const WINDOW_MS = 60_000;

/** One admitted request. It counts while `now < at + WINDOW_MS`. */
export interface WindowEntry {
  /** Admission time, ms since the epoch. */
  at: number;
  /** Requests it counts for (normally 1). */
  requests: number;
  /** Tokens it counts for (the estimate at admission; the caller may correct it later). */
  tokens: number;
  /** Request id, so the caller can find the entry again (correct or drop it). */
  id: string;
}

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
 * Result of {@link checkAdmission}.
 * - `requests` / `tokens`: refused for now; `retryAfterMs` is exactly when enough old entries
 *   leave the window for this request to fit (if nothing else is admitted meanwhile).
 * - `oversize`: the estimate alone exceeds the TPM limit; it can never be admitted.
 */
export type Admission =
  | { ok: true }
  | { ok: false; limit: "requests" | "tokens"; retryAfterMs: number }
  | { ok: false; limit: "oversize"; estimateTokens: number; tpm: number };

function isLive(e: WindowEntry, now: number): boolean {
  return now < e.at + WINDOW_MS;
}

/** The entries still inside the window at `now` (order kept). Store this to drop old ones. */
export function pruneEntries(entries: readonly WindowEntry[], now: number): WindowEntry[] {
  return entries.filter((e) => isLive(e, now));
}

/** Requests and tokens counted in the window at `now`. */
export function windowUsage(entries: readonly WindowEntry[], now: number): WindowTotals {
  let requests = 0;
  let tokens = 0;
  for (const e of entries) {
    if (!isLive(e, now)) continue;
    requests += e.requests;
    tokens += e.tokens;
  }
  return { requests, tokens };
}

function assertLimits(limits: RateLimits, estimateTokens: number): void {
  const ok = (n: number, min: number) => Number.isSafeInteger(n) && n >= min;
  if (!ok(limits.rpm, 1) || !ok(limits.tpm, 0)) {
    throw new RangeError(`bad limits: rpm ${limits.rpm}, tpm ${limits.tpm}`);
  }
  if (!ok(estimateTokens, 0)) throw new RangeError(`bad token estimate: ${estimateTokens}`);
}

/**
 * Ms from `now` until the oldest live entries have freed at least `excess` of `amount`.
 * `live` must be sorted by `at`. Entries with the same `at` leave together.
 */
function waitToFree(
  live: readonly WindowEntry[],
  now: number,
  excess: number,
  amount: (e: WindowEntry) => number,
): number {
  if (excess <= 0) return 0;
  let freed = 0;
  for (const e of live) {
    freed += amount(e);
    if (freed >= excess) return e.at + WINDOW_MS - now;
  }
  return Number.POSITIVE_INFINITY; // unreachable when the request alone fits the limit
}

/**
 * Can a request estimated at `estimateTokens` be admitted at `now`? It fits when
 * requests + 1 ≤ rpm and tokens + estimate ≤ tpm over the live entries. When both limits
 * refuse, the one that frees later is reported (its wait admits the request on both counts).
 */
export function checkAdmission(
  entries: readonly WindowEntry[],
  now: number,
  limits: RateLimits,
  estimateTokens: number,
): Admission {
  assertLimits(limits, estimateTokens);
  if (estimateTokens > limits.tpm) {
    return { ok: false, limit: "oversize", estimateTokens, tpm: limits.tpm };
  }
  const live = pruneEntries(entries, now).sort((a, b) => a.at - b.at);
  const used = windowUsage(live, now);
  const requestsWait = waitToFree(live, now, used.requests + 1 - limits.rpm, (e) => e.requests);
  const tokensWait = waitToFree(live, now, used.tokens + estimateTokens - limits.tpm, (e) => e.tokens);
  if (requestsWait === 0 && tokensWait === 0) return { ok: true };
  return requestsWait >= tokensWait
    ? { ok: false, limit: "requests", retryAfterMs: requestsWait }
    : { ok: false, limit: "tokens", retryAfterMs: tokensWait };
}

/** What is left of each limit at `now` (never negative), for `*-remaining` headers. */
export function remaining(entries: readonly WindowEntry[], now: number, limits: RateLimits): WindowTotals {
  const used = windowUsage(entries, now);
  return {
    requests: Math.max(0, limits.rpm - used.requests),
    tokens: Math.max(0, limits.tpm - used.tokens),
  };
}

/**
 * When each limit is fully replenished (ms since the epoch): the moment the last live entry
 * counting for it leaves the window, or `now` when none does. This is the vendors' `*-reset`
 * meaning (Anthropic: time of full replenishment; OpenAI: duration = resetAt − now).
 */
export function resetAt(entries: readonly WindowEntry[], now: number): WindowTotals {
  let requests = now;
  let tokens = now;
  for (const e of entries) {
    if (!isLive(e, now)) continue;
    const leaves = e.at + WINDOW_MS;
    if (e.requests > 0) requests = Math.max(requests, leaves);
    if (e.tokens > 0) tokens = Math.max(tokens, leaves);
  }
  return { requests, tokens };
}

/** When the oldest live entry leaves the window (some capacity returns), or undefined if empty. */
export function nextExpiryAt(entries: readonly WindowEntry[], now: number): number | undefined {
  let next: number | undefined;
  for (const e of entries) {
    if (isLive(e, now)) next = Math.min(next ?? Number.POSITIVE_INFINITY, e.at + WINDOW_MS);
  }
  return next;
}
