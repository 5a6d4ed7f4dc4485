import { queries } from "@cc/db";
import type { UsageRecord } from "@cc/formats";
import { drizzle } from "drizzle-orm/d1";
import type { WireFormat } from "../lib/wire-format.ts";
import type { Caller } from "./auth.ts";

export interface UsageEntry {
  requestId: string;
  caller: Caller;
  model: string;
  format: WireFormat;
  stream: boolean;
  status: number;
  usage: UsageRecord;
  costNano: number;
  startedAt: number;
  ttfbMs: number | null;
  outcome: string;
  /** The channel that answered, or was tried last; null when none was. */
  channelId: string | null;
}

/**
 * One usage_log row per request, and the key's last use, in one D1 round trip; called inside
 * ctx.waitUntil, off the hot path.
 */
export async function writeUsage(env: Env, entry: UsageEntry): Promise<void> {
  const now = Date.now();
  const db = drizzle(env.DB);
  await db.batch([
    queries.insertUsageQuery(db, {
      id: entry.requestId,
      accountId: entry.caller.accountId,
      keyId: entry.caller.keyId,
      model: entry.model,
      format: entry.format,
      stream: entry.stream,
      status: entry.status,
      inputTokens: entry.usage.input,
      cacheWrite5mTokens: entry.usage.cacheWrite5m,
      cacheWrite1hTokens: entry.usage.cacheWrite1h,
      cacheReadTokens: entry.usage.cacheRead,
      outputTokens: entry.usage.output,
      thinkingTokens: entry.usage.thinking,
      serviceTier: entry.usage.serviceTier ?? null,
      toolUses: entry.usage.toolUses ?? null,
      costNano: entry.costNano,
      latencyMs: now - entry.startedAt,
      ttfbMs: entry.ttfbMs,
      outcome: entry.outcome,
      channelId: entry.channelId,
      createdAt: entry.startedAt,
    }),
    queries.touchApiKeyQuery(db, entry.caller.keyId, now),
  ]);
}
