/**
 * The circuit breaker and the routing order as pure functions, at chosen times and with a
 * seeded random source: each transition of docs/channels.md, and weighted routing within ±10%.
 */
import { describe, expect, it } from "vitest";
import {
  BASE_COOLDOWN_MS,
  type Circuit,
  CREDENTIAL_COOLDOWN_MS,
  type Failure,
  MAX_COOLDOWN_MS,
  PROBE_LEASE_MS,
  QUOTA_COOLDOWN_MS,
  recordFailure,
  recordSuccesses,
  stateOf,
  takeProbe,
  WINDOW_MS,
} from "../src/channels/circuit.ts";
import { attemptOrder, weightedOrder } from "../src/channels/routing.ts";
import { seeded } from "./helpers.ts";

const T0 = 1_800_000_000_000;
const server: Failure = { kind: "server", status: 500 };

function fail(circuit: Circuit | undefined, times: number, at: number, failure: Failure = server) {
  let c = circuit;
  for (let i = 0; i < times; i++) c = recordFailure(c, failure, at);
  return c!;
}

describe("circuit breaker", () => {
  it("opens on the third failure within the window, not before", () => {
    const two = fail(undefined, 2, T0);
    expect(stateOf(two, T0)).toBe("closed");
    const three = recordFailure(two, server, T0 + 1);
    expect(stateOf(three, T0 + 1)).toBe("open");
    expect(three.openUntil).toBe(T0 + 1 + BASE_COOLDOWN_MS);
  });

  it("forgets failures of an older window, and needs failures to be at least the successes", () => {
    const old = fail(undefined, 2, T0);
    expect(stateOf(recordFailure(old, server, T0 + WINDOW_MS), T0 + WINDOW_MS)).toBe("closed");
    const busy = recordSuccesses(fail(undefined, 1, T0), 10, T0 + 1, T0 + 1);
    expect(stateOf(fail(busy, 3, T0 + 2), T0 + 2)).toBe("closed");
    expect(stateOf(fail(busy, 9, T0 + 2), T0 + 2)).toBe("open");
  });

  it("opens at once for as long as a 429 asks, bounded; at once for a refused key or an empty account", () => {
    const limited = recordFailure(undefined, { kind: "rate_limited", status: 429, retryAfterMs: 7_000 }, T0);
    expect(stateOf(limited, T0)).toBe("open");
    expect(limited.openUntil).toBe(T0 + 7_000);
    const forever = recordFailure(undefined, { kind: "rate_limited", status: 429, retryAfterMs: 1e9 }, T0);
    expect(forever.openUntil - T0).toBe(600_000);
    const noHint = recordFailure(undefined, { kind: "rate_limited", status: 429 }, T0);
    expect(stateOf(noHint, T0)).toBe("closed");
    expect(recordFailure(undefined, { kind: "credential", status: 401 }, T0).openUntil).toBe(
      T0 + CREDENTIAL_COOLDOWN_MS,
    );
    expect(recordFailure(undefined, { kind: "quota", status: 429 }, T0).openUntil).toBe(
      T0 + QUOTA_COOLDOWN_MS,
    );
  });

  it("half-opens after the cooldown: one probe at a time; its success closes, its failure doubles the wait", () => {
    const open = fail(undefined, 3, T0);
    const later = open.openUntil;
    expect(stateOf(open, later - 1)).toBe("open");
    expect(stateOf(open, later)).toBe("half_open");
    expect(takeProbe(open, later - 1)).toBeUndefined();
    const probing = takeProbe(open, later)!;
    expect(probing.probeUntil).toBe(later + PROBE_LEASE_MS);
    expect(takeProbe(probing, later + 1)).toBeUndefined();
    // A probe that never reports frees its lease.
    expect(takeProbe(probing, later + PROBE_LEASE_MS)).toBeDefined();

    const closed = recordSuccesses(probing, 1, later + 5, later + 5);
    expect(stateOf(closed, later + 5)).toBe("closed");
    expect(closed!.trips).toBe(0);

    const reopened = recordFailure(probing, server, later + 5);
    expect(stateOf(reopened, later + 5)).toBe("open");
    expect(reopened.openUntil).toBe(later + 5 + 2 * BASE_COOLDOWN_MS);
    let c = reopened;
    for (let i = 0; i < 10; i++) c = recordFailure(c, server, c.openUntil);
    expect(c.openUntil - c.lastFailure!.at).toBe(MAX_COOLDOWN_MS);
  });

  it("a success seen before the circuit opened does not close it (isolates report late)", () => {
    const open = fail(undefined, 3, T0 + 100);
    expect(stateOf(recordSuccesses(open, 50, T0 + 50, T0 + 200), T0 + 200)).toBe("open");
    expect(stateOf(recordSuccesses(open, 1, T0 + 150, T0 + 200), T0 + 200)).toBe("closed");
  });

  it("a failure while open (a last resort) counts but keeps the cooldown", () => {
    const open = fail(undefined, 3, T0);
    const again = recordFailure(open, server, T0 + 10);
    expect(again.openUntil).toBe(open.openUntil);
    expect(again.trips).toBe(1);
  });
});

const channel = (
  id: string,
  priority: number,
  weight: number,
  state: "closed" | "open" | "half_open" = "closed",
  openUntil = 0,
) => ({
  id,
  priority,
  weight,
  state,
  openUntil,
});

describe("routing order", () => {
  it("higher priority first, always", () => {
    const random = seeded(1);
    for (let i = 0; i < 100; i++) {
      const order = weightedOrder(
        [channel("low", 1, 100), channel("high", 5, 1), channel("mid", 3, 10)],
        random,
      );
      expect(order.map((c) => c.id)).toEqual(["high", "mid", "low"]);
    }
  });

  it("within a priority, first choices follow the weights within ±10% over 1,000 requests", () => {
    const random = seeded(42);
    const weights = { a: 5, b: 3, c: 2 } as const;
    const firsts = { a: 0, b: 0, c: 0 };
    const channels = Object.entries(weights).map(([id, w]) => channel(id, 0, w));
    for (let i = 0; i < 1_000; i++) firsts[weightedOrder(channels, random)[0]!.id as keyof typeof firsts]++;
    for (const [id, w] of Object.entries(weights)) {
      const expected = (1_000 * w) / 10;
      expect(Math.abs(firsts[id as keyof typeof firsts] - expected), id).toBeLessThanOrEqual(expected * 0.1);
    }
  });

  it("leaves open circuits out, keeps half-open ones in place, and names a last resort when all are open", () => {
    const random = seeded(7);
    const mixed = attemptOrder(
      [channel("open", 9, 1, "open", T0 + 5), channel("half", 5, 1, "half_open", T0), channel("ok", 1, 1)],
      random,
    );
    expect(mixed.order.map((c) => c.id)).toEqual(["half", "ok"]);
    const allOpen = attemptOrder(
      [channel("later", 9, 1, "open", T0 + 50), channel("sooner", 1, 1, "open", T0 + 10)],
      random,
    );
    expect(allOpen.order).toEqual([]);
    expect(allOpen.lastResort?.id).toBe("sooner");
  });
});
