import type { ChannelRow, Vendor } from "@cc/db";
import type { Circuit, Failure } from "./circuit.ts";

export type { ChannelRow, Vendor } from "@cc/db";

/**
 * What every isolate routes a vendor's requests by: its channels as D1 holds them (credentials
 * still sealed) and their circuits, as of `at` on the vendor's ChannelsDO.
 */
export interface VendorSnapshot {
  vendor: Vendor;
  channels: ChannelRow[];
  /** By circuitKey(): the channel's own circuit, and one per channel × model that has failed. */
  circuits: Record<string, Circuit>;
  at: number;
}

/** Successes an isolate saw on one circuit since it last said so (sent with its next read). */
export interface SuccessCount {
  key: string;
  count: number;
  lastAt: number;
}

/** An attempt that failed before anything reached the client. */
export interface FailureReport {
  channelId: string;
  model: string;
  failure: Failure;
  at: number;
}

/** A channel's own circuit is keyed by its id; a channel × model circuit by `<id>|<model>`. */
export const circuitKey = (channelId: string, model?: string): string =>
  model === undefined ? channelId : `${channelId}|${model}`;

/** Failed attempts on a channel over the last hour and day (ChannelsDO.failureCounts). */
export interface FailureCounts {
  hour: number;
  day: number;
}
