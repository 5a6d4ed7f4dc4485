import { GatewayError } from "@cc/formats";
import {
  type Channel,
  type ChannelQuery,
  credentialHeaders,
  endpoint,
  type Vendor,
} from "../proxy/channels.ts";
import { type CircuitState, stateOf } from "./circuit.ts";
import { openCredential } from "./credentials.ts";
import { vendorSnapshot } from "./registry.ts";
import { attemptOrder } from "./routing.ts";
import { type ChannelRow, circuitKey, type VendorSnapshot } from "./types.ts";

/** A channel as one request may try it. */
export interface RoutedChannel extends Channel {
  /** The model name this channel is sent: the public one, or the channel's upstream name for it. */
  upstreamModel: string;
  priority: number;
  weight: number;
  /** Its channel circuit and its channel × model circuit taken together: open if either is. */
  state: CircuitState;
  openUntil: number;
  /** The circuit whose probe a half-open attempt must hold first. */
  probeKey: string | undefined;
  /** Its circuits, to count successes against. */
  keys: { channel: string; model: string };
}

/** The channels one request may try, in order. */
export interface ChannelRoute {
  vendor: Vendor;
  model: string;
  /** Its first channel's provider (`mock` in development), for the request log. */
  provider: RoutedChannel["provider"];
  order: RoutedChannel[];
  /** Tried when no channel of `order` could be (routing.ts). */
  lastResort: RoutedChannel | undefined;
}

/** Whether a channel serves a public model (no list: every model of its vendor). */
export const servesModel = (row: Pick<ChannelRow, "models">, model: string): boolean =>
  row.models === null || Object.hasOwn(row.models, model);

const opened = new Map<string, string>();
const reported = new Set<string>();

/** Logs once per isolate why a configured channel cannot be used (never the credential). */
function unusable(row: ChannelRow, why: string): undefined {
  const key = `${row.id}:${why}`;
  if (!reported.has(key)) {
    reported.add(key);
    console.error(
      JSON.stringify({ level: "error", msg: "channel unusable", channel: row.id, name: row.name, why }),
    );
  }
  return undefined;
}

/** The key a channel presents: the implicit channel's from the environment, a stored one decrypted. */
async function keyOf(env: Env, query: ChannelQuery, row: ChannelRow): Promise<string | undefined> {
  if (row.source === "env") return query.implicit.key || unusable(row, "its *_UPSTREAM_KEY is not set");
  if (!row.credentialCiphertext) return unusable(row, "it has no credential");
  const cacheKey = `${row.id}:${row.credentialCiphertext}`;
  const cached = opened.get(cacheKey);
  if (cached !== undefined) return cached;
  const key = await openCredential(env, row.id, row.credentialCiphertext);
  if (key === undefined)
    return unusable(row, "its credential cannot be decrypted (CHANNEL_CREDENTIALS_KEY missing or rotated)");
  opened.set(cacheKey, key);
  return key;
}

function circuitOf(
  snapshot: VendorSnapshot,
  channelId: string,
  model: string,
  now: number,
): Pick<RoutedChannel, "state" | "openUntil" | "probeKey"> {
  const circuits = [circuitKey(channelId), circuitKey(channelId, model)].map((key) => ({
    key,
    circuit: snapshot.circuits[key],
    state: stateOf(snapshot.circuits[key], now),
  }));
  const open = circuits.filter((c) => c.state === "open");
  if (open.length)
    return {
      state: "open",
      openUntil: Math.max(...open.map((c) => c.circuit!.openUntil)),
      probeKey: undefined,
    };
  const half = circuits.find((c) => c.state === "half_open");
  if (half) return { state: "half_open", openUntil: half.circuit!.openUntil, probeKey: half.key };
  return { state: "closed", openUntil: 0, probeKey: undefined };
}

async function routed(
  env: Env,
  query: ChannelQuery,
  snapshot: VendorSnapshot,
  row: ChannelRow,
  model: string,
  now: number,
): Promise<RoutedChannel | undefined> {
  const where = endpoint(env, query.vendor, row.source === "env" ? query.implicit.url : row.baseUrl);
  if (!where) return unusable(row, "its base URL is the mock upstream, which is not bound here");
  const key = await keyOf(env, query, row);
  if (key === undefined) return undefined;
  return {
    id: row.id,
    name: row.name,
    ...where,
    credential: credentialHeaders(query.vendor, key),
    upstreamModel: row.models?.[model] ?? model,
    priority: row.priority,
    weight: row.weight,
    ...circuitOf(snapshot, row.id, model, now),
    keys: { channel: circuitKey(row.id), model: circuitKey(row.id, model) },
  };
}

/**
 * The channels a request for `model` may try: the vendor's enabled channels that serve it and
 * can be used here, highest priority first, weighted random within a priority, open circuits
 * left out (routing.ts). From this isolate's snapshot: no round trip in the common case. None
 * at all is a 502 before admission, with an error line for the operator.
 */
export async function routeChannels(
  env: Env,
  query: ChannelQuery,
  model: string,
  waitUntil: (promise: Promise<unknown>) => void,
  random: () => number = Math.random,
): Promise<ChannelRoute> {
  const snapshot = await vendorSnapshot(env, query.vendor, waitUntil);
  const now = Date.now();
  const rows = snapshot.channels.filter((row) => row.enabled && servesModel(row, model));
  const channels = (
    await Promise.all(rows.map((row) => routed(env, query, snapshot, row, model, now)))
  ).filter((c): c is RoutedChannel => c !== undefined);
  if (channels.length === 0) {
    console.error(
      JSON.stringify({
        level: "error",
        msg: "no channel serves the model",
        vendor: query.vendor,
        model,
        enabled: rows.length,
        configured: snapshot.channels.filter((row) => servesModel(row, model)).length,
      }),
    );
    throw new GatewayError("upstream", `The model ${model} is temporarily unavailable.`);
  }
  const { order, lastResort } = attemptOrder(channels, random);
  return { vendor: query.vendor, model, provider: (order[0] ?? channels[0]!).provider, order, lastResort };
}
