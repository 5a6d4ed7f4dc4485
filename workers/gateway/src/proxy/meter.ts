import { emptyUsage, type UsageRecord } from "@cc/formats";
import { accountStub } from "../account/client.ts";
import type { SettleResult } from "../account/types.ts";
import type { WireFormat } from "../lib/wire-format.ts";
import type { Caller } from "./auth.ts";
import { writeUsage } from "./usage-log.ts";

export interface MeterContext {
  env: Env;
  caller: Caller;
  requestId: string;
  model: string;
  format: WireFormat;
  stream: boolean;
  startedAt: number;
  inputEstimate: number;
  /** Keeps work alive after the response (ctx.waitUntil): the usage_log write goes there. */
  waitUntil: (promise: Promise<unknown>) => void;
}

export interface Ending {
  status: number;
  usage: UsageRecord;
  outcome: "ok" | "upstream_error" | "stream_error" | "client_hangup";
  ttfbMs: number | null;
}

const isZero = (u: UsageRecord) => u.input + u.cacheWrite5m + u.cacheWrite1h + u.cacheRead + u.output === 0;

/**
 * Ends an admitted request: settles its reservation at the exact cost of its usage (or
 * releases it when the upstream produced nothing), and has its usage_log row written.
 */
export async function finish(m: MeterContext, end: Ending): Promise<SettleResult | undefined> {
  const stub = accountStub(m.env, m.caller.accountId);
  let usage = end.usage;
  // A client that hung up before the first usage event still made the upstream read its
  // prompt: bill the admission's input estimate rather than nothing.
  if (end.outcome === "client_hangup" && isZero(usage)) usage = { ...emptyUsage(), input: m.inputEstimate };
  let settled: SettleResult | undefined;
  if (end.outcome === "upstream_error" || isZero(usage)) {
    await stub.release(m.caller.accountId, m.requestId);
  } else {
    try {
      settled = await stub.settle({
        accountId: m.caller.accountId,
        requestId: m.requestId,
        model: m.model,
        usage,
      });
    } catch (err) {
      // The reservation stays; the alarm settles it from the usage_log row written below.
      console.error(
        JSON.stringify({ level: "error", msg: "settle failed", requestId: m.requestId, err: String(err) }),
      );
    }
  }
  // The answer does not wait for D1: the usage row is written after the response.
  m.waitUntil(
    writeUsage(m.env, {
      requestId: m.requestId,
      caller: m.caller,
      model: m.model,
      format: m.format,
      stream: m.stream,
      status: end.status,
      usage,
      costNano: settled?.chargedNano ?? 0,
      startedAt: m.startedAt,
      ttfbMs: end.ttfbMs,
      outcome: end.outcome,
    }),
  );
  return settled;
}

/** Names of the cost headers on non-streamed responses (documented in the README). */
export const COST_HEADER = "x-cc-cost-nano-usd";
export const BALANCE_HEADER = "x-cc-balance-nano-usd";
