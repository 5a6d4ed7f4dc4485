import type { CircuitState } from "./circuit.ts";

/** What the order of a request's channels depends on. */
export interface Routable {
  priority: number;
  weight: number;
  state: CircuitState;
  /** When an open circuit may be probed again (0 when closed). */
  openUntil: number;
}

/**
 * Highest priority first; within a priority a weighted random order, each next channel drawn
 * with probability weight / Σ weight of those left (Efraimidis & Spirakis, "Weighted random
 * sampling with a reservoir", 2006: the largest u^(1/w) first, compared as ln(u) / w).
 */
export function weightedOrder<T extends Routable>(channels: readonly T[], random: () => number): T[] {
  return channels
    .map((channel) => ({ channel, key: Math.log(random() || Number.MIN_VALUE) / channel.weight }))
    .sort((a, b) => b.channel.priority - a.channel.priority || b.key - a.key)
    .map((k) => k.channel);
}

/**
 * The attempts of one request: its channels in order with open circuits left out, and a last
 * resort for when every circuit is open (or no half-open probe was granted): the channel that
 * reopens first. A circuit saves callers from a channel known to fail while another can serve;
 * with nothing else left it must not turn an outage of one cooldown into a refusal of all.
 */
export function attemptOrder<T extends Routable>(
  channels: readonly T[],
  random: () => number,
): { order: T[]; lastResort: T | undefined } {
  const ordered = weightedOrder(channels, random);
  const lastResort = [...ordered].sort((a, b) => a.openUntil - b.openUntil)[0];
  return { order: ordered.filter((c) => c.state !== "open"), lastResort };
}
