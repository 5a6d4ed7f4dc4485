/**
 * The circuit breaker of one channel, or of one channel × model: pure state and transitions,
 * applied by the vendor's ChannelsDO and read by every isolate's router (docs/channels.md).
 *
 * closed ──(≥ 3 failures in 30 s, at least as many as successes; or a vendor's "stop now")──▶ open
 * open ──(cooldown over)──▶ half-open: one live request probes it
 * half-open ──(the probe succeeds)──▶ closed;  ──(it fails)──▶ open, cooldown doubled (≤ 5 min)
 * Any success seen after the circuit opened closes it (a live request proved the channel).
 */

/** What an upstream attempt can fail with, before anything reached the client. */
export type FailureKind =
  /** The connection failed (refused, reset, DNS). */
  | "connect"
  /** No response headers within UPSTREAM_TIMEOUT_MS. */
  | "timeout"
  /** 5xx other than the overload statuses. */
  | "server"
  /** 529 (Anthropic) or 503 (OpenAI): the vendor is overloaded. */
  | "overloaded"
  /** 429. */
  | "rate_limited"
  /** OpenAI's 429 `insufficient_quota`: the account behind the credential is out of credit. */
  | "quota"
  /** 401 / 403: the vendor refuses the credential. */
  | "credential";

/**
 * Where a failure counts: a broken connection or credential is the channel's, whatever the
 * model; overloads, server errors and rate limits are often one model's (Anthropic's rate
 * limits and overloads are per model class), so they open the channel × model circuit only.
 */
export const FAILURE_SCOPE: Record<FailureKind, "channel" | "model"> = {
  connect: "channel",
  timeout: "channel",
  quota: "channel",
  credential: "channel",
  server: "model",
  overloaded: "model",
  rate_limited: "model",
};

export interface Failure {
  kind: FailureKind;
  /** The upstream's status; null when it never answered. */
  status: number | null;
  /** The vendor's own wait (retry-after), ms. */
  retryAfterMs?: number;
}

export interface Circuit {
  /** The current counting window: failures and successes since windowStart. */
  windowStart: number;
  failures: number;
  successes: number;
  /** When it opened (null while closed): only a success after this closes it. */
  openedAt: number | null;
  /** Open until then; half-open after, while openedAt is set. */
  openUntil: number;
  /** Consecutive trips without a success: each doubles the cooldown. */
  trips: number;
  /** A live request holds the half-open probe until then. */
  probeUntil: number;
  /** The last failure, for operators. */
  lastFailure: (Failure & { at: number }) | null;
}

export type CircuitState = "closed" | "open" | "half_open";

export const WINDOW_MS = 30_000;
export const FAILURE_THRESHOLD = 3;
export const BASE_COOLDOWN_MS = 30_000;
export const MAX_COOLDOWN_MS = 300_000;
/** How long a half-open probe is held before another request may probe (a probe that never reported). */
export const PROBE_LEASE_MS = 60_000;
/** Out of credit: nothing will change soon. */
export const QUOTA_COOLDOWN_MS = 300_000;
/** A refused credential on a vendor's last channel (which is never disabled). */
export const CREDENTIAL_COOLDOWN_MS = 60_000;
/** A vendor's retry-after is honoured within these bounds. */
export const MIN_RETRY_AFTER_MS = 1_000;
export const MAX_RETRY_AFTER_MS = 600_000;

export const closedCircuit = (now: number): Circuit => ({
  windowStart: now,
  failures: 0,
  successes: 0,
  openedAt: null,
  openUntil: 0,
  trips: 0,
  probeUntil: 0,
  lastFailure: null,
});

export function stateOf(circuit: Circuit | undefined, now: number): CircuitState {
  if (!circuit || circuit.openedAt === null) return "closed";
  return now < circuit.openUntil ? "open" : "half_open";
}

function rolled(c: Circuit, now: number): Circuit {
  return now - c.windowStart >= WINDOW_MS ? { ...c, windowStart: now, failures: 0, successes: 0 } : c;
}

/** The cooldown a failure imposes at once, whatever the counts; undefined for one that only counts. */
function immediateCooldown(failure: Failure): number | undefined {
  if (failure.kind === "quota") return QUOTA_COOLDOWN_MS;
  if (failure.kind === "credential") return CREDENTIAL_COOLDOWN_MS;
  if (failure.kind === "rate_limited" && failure.retryAfterMs !== undefined)
    return Math.min(MAX_RETRY_AFTER_MS, Math.max(MIN_RETRY_AFTER_MS, failure.retryAfterMs));
  return undefined;
}

function trip(c: Circuit, now: number, cooldownMs: number): Circuit {
  return {
    ...c,
    windowStart: now,
    failures: 0,
    successes: 0,
    openedAt: c.openedAt ?? now,
    openUntil: now + cooldownMs,
    trips: c.trips + 1,
    probeUntil: 0,
  };
}

const backoff = (trips: number) => Math.min(MAX_COOLDOWN_MS, BASE_COOLDOWN_MS * 2 ** trips);

export function recordFailure(circuit: Circuit | undefined, failure: Failure, now: number): Circuit {
  const state = stateOf(circuit, now);
  const c = rolled(circuit ?? closedCircuit(now), now);
  const counted: Circuit = { ...c, failures: c.failures + 1, lastFailure: { ...failure, at: now } };
  const immediate = immediateCooldown(failure);
  // A failed probe re-opens at once, for longer (or for as long as the vendor asked).
  if (state === "half_open") return trip(counted, now, Math.max(immediate ?? 0, backoff(c.trips)));
  // Already open (a last-resort attempt, a stale route): counted, the cooldown unchanged.
  if (state === "open") return counted;
  if (immediate !== undefined) return trip(counted, now, immediate);
  if (counted.failures >= FAILURE_THRESHOLD && counted.failures >= counted.successes)
    return trip(counted, now, backoff(c.trips));
  return counted;
}

/**
 * `count` successes, the last at `lastAt` (isolates report them in batches, late). One seen
 * after the circuit opened closes it; earlier ones only count in their window.
 */
export function recordSuccesses(
  circuit: Circuit | undefined,
  count: number,
  lastAt: number,
  now: number,
): Circuit | undefined {
  if (!circuit) return undefined;
  const c = rolled(circuit, now);
  if (c.openedAt !== null && lastAt >= c.openedAt) return closedCircuit(now);
  return lastAt >= c.windowStart ? { ...c, successes: c.successes + count } : c;
}

/** Grants the half-open probe to one request at a time; the circuit with the lease taken, or undefined. */
export function takeProbe(circuit: Circuit | undefined, now: number): Circuit | undefined {
  if (stateOf(circuit, now) !== "half_open" || circuit!.probeUntil > now) return undefined;
  return { ...circuit!, probeUntil: now + PROBE_LEASE_MS };
}

/** True when a circuit carries nothing worth keeping (closed, no failure in its window). */
export const isIdle = (c: Circuit, now: number): boolean =>
  c.openedAt === null && (c.failures === 0 || now - c.windowStart >= WINDOW_MS);
