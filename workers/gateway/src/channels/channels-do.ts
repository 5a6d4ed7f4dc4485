import { DurableObject } from "cloudflare:workers";
import { type ChannelRow, channels as channelsTable, type Vendor } from "@cc/db";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { logD1 } from "../observability/d1-log.ts";
import {
  type Circuit,
  FAILURE_SCOPE,
  isIdle,
  recordFailure,
  recordSuccesses,
  stateOf,
  takeProbe,
} from "./circuit.ts";
import {
  circuitKey,
  type FailureCounts,
  type FailureReport,
  type SuccessCount,
  type VendorSnapshot,
} from "./types.ts";

/** The channels' rows are re-read from D1 at least this often, even if no change was announced. */
export const CONFIG_MAX_AGE_MS = 60_000;
const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;

const log = (level: "error" | "warn" | "info", msg: string, fields: Record<string, unknown>) =>
  console[level](JSON.stringify({ level, msg, ...fields }));

interface Stored {
  circuits: Record<string, Circuit>;
  /** Failed attempts per channel per minute (minutes since the epoch), for a day. */
  failures: Record<string, Record<string, number>>;
}

/**
 * One per vendor (`idFromName(vendor)`): the vendor's channels as D1 holds them, and the health
 * every isolate routes by — a circuit per channel and per channel × model (circuit.ts). Isolates
 * read a snapshot of both every few seconds (channels/registry.ts) and report failures as they
 * see them; a success travels with their next read. docs/channels.md says why it is per vendor.
 */
export class ChannelsDO extends DurableObject<Env> {
  private rows: ChannelRow[] | undefined;
  private loadedAt = 0;
  private state: Stored = { circuits: {}, failures: {} };

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void ctx.blockConcurrencyWhile(async () => {
      this.state = (await ctx.storage.get<Stored>("health")) ?? this.state;
    });
  }

  /** The vendor's channels and circuits; `successes` are the caller's since its last read. */
  async snapshot(vendor: Vendor, successes: SuccessCount[] = []): Promise<VendorSnapshot> {
    if (successes.length) this.applySuccesses(successes);
    if (!this.rows || Date.now() - this.loadedAt > CONFIG_MAX_AGE_MS) await this.load(vendor);
    return this.view(vendor);
  }

  /** Re-reads the channels from D1 after an operator's change; forgets the circuits of `reset`. */
  async reload(vendor: Vendor, reset: string[] = []): Promise<VendorSnapshot> {
    if (reset.length) {
      for (const key of Object.keys(this.state.circuits))
        if (reset.includes(key.split("|")[0]!)) delete this.state.circuits[key];
      await this.save();
    }
    await this.load(vendor);
    return this.view(vendor);
  }

  /** Failed attempts, each counted against its circuit; a refused credential may disable its channel. */
  async report(
    vendor: Vendor,
    failures: FailureReport[],
    successes: SuccessCount[] = [],
  ): Promise<VendorSnapshot> {
    if (!this.rows) await this.load(vendor);
    if (successes.length) this.applySuccesses(successes);
    const now = Date.now();
    for (const report of failures) {
      const scope = FAILURE_SCOPE[report.failure.kind];
      const key = circuitKey(report.channelId, scope === "model" ? report.model : undefined);
      const before = stateOf(this.state.circuits[key], now);
      const after = recordFailure(this.state.circuits[key], report.failure, now);
      this.state.circuits[key] = after;
      const minute = String(Math.floor(report.at / MINUTE_MS));
      const perMinute = this.state.failures[report.channelId] ?? {};
      perMinute[minute] = (perMinute[minute] ?? 0) + 1;
      this.state.failures[report.channelId] = perMinute;
      if (report.failure.kind === "credential") await this.credentialRefused(vendor, report);
      else if (before !== "open" && stateOf(after, now) === "open")
        log("warn", "channel circuit opened", {
          vendor,
          channel: report.channelId,
          model: scope === "model" ? report.model : null,
          failure: report.failure.kind,
          status: report.failure.status,
          reopens_at: new Date(after.openUntil).toISOString(),
        });
    }
    await this.save();
    return this.view(vendor);
  }

  /** Grants the half-open probe of circuit `key` to one request at a time. */
  async probe(key: string): Promise<boolean> {
    const taken = takeProbe(this.state.circuits[key], Date.now());
    if (!taken) return false;
    this.state.circuits[key] = taken;
    await this.save();
    return true;
  }

  /** Failed attempts per channel over the last hour and the last day. */
  async failureCounts(): Promise<Record<string, FailureCounts>> {
    const minute = Math.floor(Date.now() / MINUTE_MS);
    const out: Record<string, FailureCounts> = {};
    for (const [channel, perMinute] of Object.entries(this.state.failures)) {
      const counts = { hour: 0, day: 0 };
      for (const [m, n] of Object.entries(perMinute)) {
        const age = minute - Number(m);
        if (age < 60) counts.hour += n;
        if (age < DAY_MINUTES) counts.day += n;
      }
      out[channel] = counts;
    }
    return out;
  }

  private applySuccesses(successes: SuccessCount[]): void {
    const now = Date.now();
    let changed = false;
    for (const s of successes) {
      const before = this.state.circuits[s.key];
      if (!before) continue;
      const after = recordSuccesses(before, s.count, s.lastAt, now);
      if (after && before.openedAt !== null && after.openedAt === null)
        log("info", "channel circuit closed", { key: s.key });
      if (after) this.state.circuits[s.key] = after;
      changed = true;
    }
    if (changed) void this.save();
  }

  /**
   * A 401/403: the vendor refuses the channel's credential. The channel is disabled (an
   * operator enables it again once the key is fixed) unless it is the vendor's last enabled
   * channel: disabling that one could only turn a possibly spurious refusal into a certain
   * outage, so its circuit opens instead (circuit.ts: CREDENTIAL_COOLDOWN_MS). Either way the
   * error line is the operator's alert. Never the vendor's text: it can quote the key.
   */
  private async credentialRefused(vendor: Vendor, report: FailureReport): Promise<void> {
    const rows = this.rows ?? [];
    const channel = rows.find((r) => r.id === report.channelId);
    const others = rows.filter((r) => r.enabled && r.id !== report.channelId);
    if (!channel?.enabled) return;
    if (others.length === 0) {
      log("error", "upstream credential refused: the vendor's last channel, kept enabled", {
        vendor,
        channel: channel.id,
        name: channel.name,
        status: report.failure.status,
      });
      return;
    }
    const reason = `credential refused (${report.failure.status ?? "?"}) at ${new Date(report.at).toISOString()}`;
    await drizzle(this.env.DB)
      .update(channelsTable)
      .set({ enabled: false, disabledReason: reason, updatedAt: Date.now() })
      .where(eq(channelsTable.id, channel.id));
    log("error", "upstream credential refused: channel disabled", {
      vendor,
      channel: channel.id,
      name: channel.name,
      status: report.failure.status,
    });
    await this.load(vendor);
  }

  private async load(vendor: Vendor): Promise<void> {
    logD1("channels read");
    this.rows = await drizzle(this.env.DB)
      .select()
      .from(channelsTable)
      .where(eq(channelsTable.vendor, vendor));
    this.loadedAt = Date.now();
  }

  private view(vendor: Vendor): VendorSnapshot {
    const now = Date.now();
    // Forget what no longer matters: idle circuits, deleted channels, failures older than a day.
    const ids = new Set((this.rows ?? []).map((r) => r.id));
    for (const [key, circuit] of Object.entries(this.state.circuits))
      if (isIdle(circuit, now) || !ids.has(key.split("|")[0]!)) delete this.state.circuits[key];
    const oldest = Math.floor(now / MINUTE_MS) - DAY_MINUTES;
    for (const [channel, perMinute] of Object.entries(this.state.failures)) {
      for (const m of Object.keys(perMinute)) if (Number(m) <= oldest) delete perMinute[m];
      if (Object.keys(perMinute).length === 0 || !ids.has(channel)) delete this.state.failures[channel];
    }
    return { vendor, channels: this.rows ?? [], circuits: { ...this.state.circuits }, at: now };
  }

  private save(): Promise<void> {
    return this.ctx.storage.put("health", this.state);
  }
}

/** The vendor's ChannelsDO. */
export const channelsStub = (env: Env, vendor: Vendor) => env.CHANNELS.get(env.CHANNELS.idFromName(vendor));
