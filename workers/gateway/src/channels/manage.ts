import { priceFor } from "@cc/billing";
import { type ChannelRow, channelQueries, operatorQueries, VENDORS, type Vendor } from "@cc/db";
import { GatewayError } from "@cc/formats";
import { drizzle } from "drizzle-orm/d1";
import { z } from "zod";
import { newChannelId } from "../lib/ids.ts";
import { priceTable } from "../lib/prices.ts";
import { validate } from "../lib/validate.ts";
import { type Actor, audit } from "../operator/audit.ts";
import { MOCK_SCHEME, vendorChannels } from "../proxy/channels.ts";
import { channelsStub } from "./channels-do.ts";
import { type Circuit, stateOf } from "./circuit.ts";
import { credentialHint, currentKeyId, openCredential, sealCredential, sealedKeyId } from "./credentials.ts";
import { forgetSnapshots } from "./registry.ts";
import { circuitKey, type FailureCounts, type VendorSnapshot } from "./types.ts";

/**
 * What operators do with channels, for the admin API (`pnpm admin channels …`) and the operator
 * console: list them with their health and traffic, add, edit, disable, enable, delete, and
 * re-encrypt the stored credentials after a key rotation. Each change is written to D1, then the
 * vendor's ChannelsDO re-reads it and every isolate has it within seconds (registry.ts); each is
 * logged with its actor. A credential is never returned, logged or put in an error: only its hint.
 */

const invalid = (param: string, message: string) =>
  new GatewayError("invalid_request", `${param}: ${message}`, { param });

const Name = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit",
  );
const Models = z.record(z.string().min(1).max(200), z.string().min(1).max(200).nullable()).nullable();
const Credential = z.string().trim().min(1).max(4096);

const ChannelInput = z.strictObject({
  name: Name,
  vendor: z.enum(VENDORS),
  base_url: z.string().min(1).max(2000),
  credential: Credential,
  models: Models.optional(),
  priority: z.int().min(-1000).max(1000).optional(),
  weight: z.int().min(1).max(1000).optional(),
  enabled: z.boolean().optional(),
});

const ChannelPatch = z.strictObject({
  name: Name.optional(),
  base_url: z.string().min(1).max(2000).optional(),
  credential: Credential.optional(),
  models: Models.optional(),
  priority: z.int().min(-1000).max(1000).optional(),
  weight: z.int().min(1).max(1000).optional(),
});

/**
 * A base URL the gateway appends the vendor's path to (`/v1/messages`): http(s) without
 * credentials, query or fragment; or `mock:<name>` where the mock upstream is bound.
 */
function checkBaseUrl(env: Env, url: string): string {
  if (url.startsWith(MOCK_SCHEME)) {
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(url.slice(MOCK_SCHEME.length)))
      throw invalid("base_url", "mock:<name>, the name in lowercase letters, digits and dashes");
    if (!env.MOCK_UPSTREAM)
      throw invalid("base_url", "mock: channels need the mock upstream, which only development binds");
    return url;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid("base_url", "not a URL (e.g. https://api.anthropic.com)");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
    throw invalid("base_url", "must be an http(s) URL");
  if (parsed.username || parsed.password)
    throw invalid("base_url", "must not hold a credential: give it as the channel's credential");
  if (parsed.search || parsed.hash) throw invalid("base_url", "must have no query string or fragment");
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, "")}`;
}

/** A channel serves models of its vendor that the price table lists (null: all of them). */
function checkModels(env: Env, vendor: Vendor, models: Record<string, string | null> | null) {
  if (models === null) return null;
  const table = priceTable(env);
  const wrong = Object.keys(models).filter((m) => priceFor(table, m)?.family !== vendor);
  if (wrong.length) throw invalid("models", `not ${vendor} models of the price table: ${wrong.join(", ")}`);
  if (Object.keys(models).length === 0) throw invalid("models", "name at least one model, or none for all");
  return models;
}

/** A channel by its id or, for operators' convenience, its name. */
export async function findChannel(env: Env, idOrName: string): Promise<ChannelRow | undefined> {
  const db = drizzle(env.DB);
  return (
    (await channelQueries.getChannel(db, idOrName)) ?? (await channelQueries.findChannelByName(db, idOrName))
  );
}

async function existing(env: Env, idOrName: string): Promise<ChannelRow> {
  const row = await findChannel(env, idOrName);
  if (!row) throw new GatewayError("not_found", "No such channel.");
  return row;
}

async function uniqueName(env: Env, name: string, id?: string): Promise<void> {
  const other = await channelQueries.findChannelByName(drizzle(env.DB), name);
  if (other && other.id !== id) throw invalid("name", "another channel has this name");
}

/** Every isolate learns a change within seconds: the board re-reads D1, this isolate drops its copy. */
async function announce(env: Env, vendor: Vendor, reset: string[] = []): Promise<void> {
  await channelsStub(env, vendor).reload(vendor, reset);
  forgetSnapshots();
}

export async function createChannel(env: Env, actor: Actor, body: unknown): Promise<ChannelRow> {
  const input = validate(ChannelInput, body);
  const baseUrl = checkBaseUrl(env, input.base_url);
  const models = checkModels(env, input.vendor, input.models ?? null);
  await uniqueName(env, input.name);
  const id = newChannelId();
  const now = Date.now();
  const row = await channelQueries.insertChannel(drizzle(env.DB), {
    id,
    name: input.name,
    vendor: input.vendor,
    source: "stored",
    baseUrl,
    credentialCiphertext: await sealCredential(env, id, input.credential),
    credentialHint: credentialHint(input.credential),
    models,
    priority: input.priority ?? 0,
    weight: input.weight ?? 1,
    enabled: input.enabled ?? true,
    disabledReason: input.enabled === false ? "disabled by an operator" : null,
    createdAt: now,
    updatedAt: now,
  });
  audit(actor, "create-channel", { channel_id: id, name: row.name, vendor: row.vendor, base_url: baseUrl });
  await announce(env, row.vendor);
  return row;
}

export async function editChannel(
  env: Env,
  actor: Actor,
  idOrName: string,
  body: unknown,
): Promise<ChannelRow> {
  const input = validate(ChannelPatch, body);
  const row = await existing(env, idOrName);
  const id = row.id;
  if (row.source === "env" && (input.base_url !== undefined || input.credential !== undefined))
    throw invalid(
      input.base_url !== undefined ? "base_url" : "credential",
      `${row.name} takes its URL and key from the ${row.vendor.toUpperCase()}_UPSTREAM_URL / _KEY settings`,
    );
  if (input.name !== undefined) await uniqueName(env, input.name, id);
  const set: Parameters<typeof channelQueries.updateChannel>[2] = { updatedAt: Date.now() };
  if (input.name !== undefined) set.name = input.name;
  if (input.base_url !== undefined) set.baseUrl = checkBaseUrl(env, input.base_url);
  if (input.models !== undefined) set.models = checkModels(env, row.vendor, input.models);
  if (input.priority !== undefined) set.priority = input.priority;
  if (input.weight !== undefined) set.weight = input.weight;
  if (input.credential !== undefined) {
    set.credentialCiphertext = await sealCredential(env, id, input.credential);
    set.credentialHint = credentialHint(input.credential);
  }
  const updated = (await channelQueries.updateChannel(drizzle(env.DB), id, set))!;
  const { credential: _never, ...logged } = input;
  audit(actor, "edit-channel", {
    channel_id: id,
    ...logged,
    ...(input.credential ? { credential_hint: set.credentialHint } : {}),
  });
  // A new endpoint or key starts with a clean bill of health.
  await announce(env, row.vendor, input.base_url !== undefined || input.credential !== undefined ? [id] : []);
  return updated;
}

export async function setChannelEnabled(
  env: Env,
  actor: Actor,
  idOrName: string,
  enabled: boolean,
): Promise<ChannelRow> {
  const row = await existing(env, idOrName);
  const id = row.id;
  const updated = (await channelQueries.updateChannel(drizzle(env.DB), id, {
    enabled,
    disabledReason: enabled ? null : "disabled by an operator",
    updatedAt: Date.now(),
  }))!;
  audit(actor, enabled ? "enable-channel" : "disable-channel", { channel_id: id, name: row.name });
  // Enabled again: its circuits start closed, the next request proves it or not.
  await announce(env, row.vendor, enabled ? [id] : []);
  return updated;
}

export async function removeChannel(env: Env, actor: Actor, idOrName: string): Promise<ChannelRow> {
  const row = await existing(env, idOrName);
  const id = row.id;
  await channelQueries.deleteChannel(drizzle(env.DB), id);
  audit(actor, "delete-channel", { channel_id: id, name: row.name });
  await announce(env, row.vendor, [id]);
  return row;
}

/**
 * After CHANNEL_CREDENTIALS_KEY was rotated (the old one kept as _PREVIOUS): every stored
 * credential sealed under another key is sealed again under the current one. Those no
 * configured key opens are named; they need a new credential (`channels edit --credential`).
 */
export async function reencryptChannels(env: Env, actor: Actor) {
  const current = await currentKeyId(env);
  if (!current)
    throw new GatewayError("internal", "CHANNEL_CREDENTIALS_KEY is not set (or shorter than 32 characters).");
  const db = drizzle(env.DB);
  const reencrypted: string[] = [];
  const unreadable: string[] = [];
  for (const row of await channelQueries.listChannels(db)) {
    if (
      row.source !== "stored" ||
      !row.credentialCiphertext ||
      sealedKeyId(row.credentialCiphertext) === current
    )
      continue;
    const credential = await openCredential(env, row.id, row.credentialCiphertext);
    if (credential === undefined) {
      unreadable.push(row.id);
      continue;
    }
    await channelQueries.updateChannel(db, row.id, {
      credentialCiphertext: await sealCredential(env, row.id, credential),
      updatedAt: Date.now(),
    });
    reencrypted.push(row.id);
  }
  audit(actor, "reencrypt-channels", { reencrypted, unreadable });
  for (const vendor of VENDORS) await announce(env, vendor);
  return { key_id: current, reencrypted, unreadable };
}

// ── reading ───────────────────────────────────────────────────────────────────────────────

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

function circuitJson(circuit: Circuit | undefined, now: number) {
  const state = stateOf(circuit, now);
  return {
    state,
    reopens_at: state === "open" ? circuit!.openUntil : null,
    last_failure: circuit?.lastFailure
      ? { kind: circuit.lastFailure.kind, status: circuit.lastFailure.status, at: circuit.lastFailure.at }
      : null,
  };
}

/** A channel's health as its vendor's board has it: its own circuit and each model's that failed. */
function healthJson(row: ChannelRow, usable: boolean, snapshot: VendorSnapshot, now: number) {
  const own = circuitJson(snapshot.circuits[circuitKey(row.id)], now);
  const models = Object.entries(snapshot.circuits)
    .filter(([key]) => key.startsWith(`${row.id}|`))
    .map(([key, circuit]) => ({ model: key.slice(row.id.length + 1), ...circuitJson(circuit, now) }));
  const status = !row.enabled
    ? "disabled"
    : !usable
      ? "unconfigured"
      : own.state !== "closed"
        ? own.state
        : models.some((m) => m.state !== "closed")
          ? "degraded"
          : "healthy";
  return { status, ...own, models };
}

const usageJson = (u: operatorQueries.ChannelUsage | undefined, failedAttempts: number) => ({
  requests: u?.requests ?? 0,
  errors: u?.errors ?? 0,
  failed_attempts: failedAttempts,
  input_tokens: u?.inputTokens ?? 0,
  output_tokens: u?.outputTokens ?? 0,
  cost_nano: u?.costNano ?? 0,
});

/**
 * Every channel with its health and its traffic over the last hour and day: `requests` it
 * answered (or was tried last for), `errors` among them (status ≥ 400), `failed_attempts`
 * (connection, timeout, 5xx, 529, 429, 401/403 — whether or not another channel then served
 * the request), tokens (input with cache, output) and cost.
 */
export async function listChannelViews(env: Env) {
  const db = drizzle(env.DB);
  const now = Date.now();
  const [rows, hour, day, boards] = await Promise.all([
    channelQueries.listChannels(db),
    operatorQueries.usageByChannel(db, now - HOUR_MS),
    operatorQueries.usageByChannel(db, now - DAY_MS),
    Promise.all(
      VENDORS.map(async (vendor) => {
        const stub = channelsStub(env, vendor);
        const [snapshot, failures] = await Promise.all([stub.snapshot(vendor), stub.failureCounts()]);
        return {
          vendor,
          snapshot: snapshot as VendorSnapshot,
          failures: failures as Record<string, FailureCounts>,
        };
      }),
    ),
  ]);
  const board = (vendor: Vendor) => boards.find((b) => b.vendor === vendor)!;
  return rows.map((row) => {
    const json = channelJson(env, row);
    const usable = json.credential_hint !== null;
    const { snapshot, failures: failed } = board(row.vendor);
    const failures = failed[row.id];
    return {
      ...json,
      health: healthJson(row, usable, snapshot, now),
      last_hour: usageJson(hour[row.id], failures?.hour ?? 0),
      last_day: usageJson(day[row.id], failures?.day ?? 0),
    };
  });
}

export type ChannelView = Awaited<ReturnType<typeof listChannelViews>>[number];

/**
 * A channel as the admin API answers a change: its settings, its credential as a hint only (an
 * implicit channel's URL and key hint as the environment has them).
 */
export function channelJson(env: Env, row: ChannelRow) {
  const implicit = row.source === "env" ? vendorChannels(env, row.vendor).implicit : undefined;
  return {
    id: row.id,
    name: row.name,
    vendor: row.vendor,
    source: row.source,
    base_url: implicit ? implicit.url : row.baseUrl,
    credential_hint: implicit ? (implicit.key ? credentialHint(implicit.key) : null) : row.credentialHint,
    models: row.models,
    priority: row.priority,
    weight: row.weight,
    enabled: row.enabled,
    disabled_reason: row.disabledReason,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}
