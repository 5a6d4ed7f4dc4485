import type { Vendor } from "@cc/db";
import { channelsStub } from "./channels-do.ts";
import type { Failure } from "./circuit.ts";
import type { SuccessCount, VendorSnapshot } from "./types.ts";

/**
 * Each isolate's copy of its vendors' snapshots (channels and circuits, from the vendor's
 * ChannelsDO). A request routes by the copy it holds: no round trip while it is fresh (2 s);
 * up to 10 s old it is still used while a refresh runs beside the request; older (a cold or
 * idle isolate), the request waits for one read. So an operator's change or another isolate's
 * failures reach every busy isolate within about 2 s, and every isolate within 10 s.
 *
 * What the isolate saw travels back: failures at once (ctx.waitUntil, never in the request's
 * way), successes counted here and sent with the next read, so the common case costs nothing.
 */
export const FRESH_MS = 2_000;
export const MAX_STALE_MS = 10_000;

interface Held {
  snapshot: VendorSnapshot;
  fetchedAt: number;
}

const held = new Map<Vendor, Held>();
/** Vendors being refreshed in the background (one refresh at a time; a promise is never shared across requests). */
const refreshing = new Set<Vendor>();
const successes = new Map<Vendor, Map<string, { count: number; lastAt: number }>>();

type WaitUntil = (promise: Promise<unknown>) => void;

const log = (msg: string, fields: Record<string, unknown>) =>
  console.error(JSON.stringify({ level: "error", msg, ...fields }));

/** Takes the successes counted since the last read (they are sent with it). */
function drainSuccesses(vendor: Vendor): SuccessCount[] {
  const counted = successes.get(vendor);
  if (!counted || counted.size === 0) return [];
  successes.delete(vendor);
  return [...counted].map(([key, s]) => ({ key, ...s }));
}

function keep(vendor: Vendor, snapshot: VendorSnapshot): VendorSnapshot {
  held.set(vendor, { snapshot, fetchedAt: Date.now() });
  return snapshot;
}

async function read(env: Env, vendor: Vendor): Promise<VendorSnapshot> {
  const sent = drainSuccesses(vendor);
  return keep(vendor, await channelsStub(env, vendor).snapshot(vendor, sent));
}

function refreshBeside(env: Env, vendor: Vendor, waitUntil: WaitUntil): void {
  if (refreshing.has(vendor)) return;
  refreshing.add(vendor);
  waitUntil(
    read(env, vendor)
      .catch((err: unknown) => log("channels refresh failed", { vendor, err: String(err) }))
      .finally(() => refreshing.delete(vendor)),
  );
}

/**
 * Without its board an isolate still routes: by its last copy however old, or, with none, by
 * the implicit channel of the *_UPSTREAM_* settings alone, as before channels existed.
 */
function fallback(vendor: Vendor): VendorSnapshot {
  const now = Date.now();
  return {
    vendor,
    channels: [
      {
        id: `env-${vendor}`,
        name: `env-${vendor}`,
        vendor,
        source: "env",
        baseUrl: "",
        credentialCiphertext: null,
        credentialHint: null,
        models: null,
        priority: 0,
        weight: 1,
        enabled: true,
        disabledReason: null,
        createdAt: now,
        updatedAt: now,
      },
    ],
    circuits: {},
    at: now,
  };
}

/** The vendor's channels and circuits, as this isolate may route by them now. */
export async function vendorSnapshot(
  env: Env,
  vendor: Vendor,
  waitUntil: WaitUntil,
): Promise<VendorSnapshot> {
  const copy = held.get(vendor);
  const age = copy ? Date.now() - copy.fetchedAt : Number.POSITIVE_INFINITY;
  if (copy && age < FRESH_MS) return copy.snapshot;
  if (copy && age < MAX_STALE_MS) {
    refreshBeside(env, vendor, waitUntil);
    return copy.snapshot;
  }
  try {
    return await read(env, vendor);
  } catch (err) {
    log("channels read failed", { vendor, err: String(err) });
    return copy?.snapshot ?? fallback(vendor);
  }
}

/** Counts a success on each circuit in `keys` (sent with the next read). */
export function noteSuccess(vendor: Vendor, keys: string[], at: number): void {
  const counted = successes.get(vendor) ?? new Map<string, { count: number; lastAt: number }>();
  successes.set(vendor, counted);
  for (const key of keys) {
    const s = counted.get(key);
    counted.set(key, { count: (s?.count ?? 0) + 1, lastAt: at });
  }
}

/** Sends a failure to the vendor's board now (with the successes counted so far); keeps the answer. */
export function reportFailure(
  env: Env,
  vendor: Vendor,
  report: { channelId: string; model: string; failure: Failure; at: number },
  waitUntil: WaitUntil,
): void {
  const sent = drainSuccesses(vendor);
  waitUntil(
    channelsStub(env, vendor)
      .report(vendor, [report], sent)
      .then((snapshot) => keep(vendor, snapshot))
      .catch((err: unknown) => log("channel failure report failed", { vendor, err: String(err) })),
  );
}

/** Sends the successes counted so far now: a probe's success closes its circuit everywhere at once. */
export function flushSuccesses(env: Env, vendor: Vendor, waitUntil: WaitUntil): void {
  waitUntil(
    read(env, vendor).catch((err: unknown) => log("channels refresh failed", { vendor, err: String(err) })),
  );
}

/** Asks the vendor's board for the half-open probe of circuit `key` (one request at a time). */
export async function requestProbe(env: Env, vendor: Vendor, key: string): Promise<boolean> {
  try {
    return await channelsStub(env, vendor).probe(key);
  } catch (err) {
    log("channel probe request failed", { vendor, err: String(err) });
    return false;
  }
}

/** Drops this isolate's copies: the next request reads the board (after an operator's change here). */
export function forgetSnapshots(): void {
  held.clear();
}
