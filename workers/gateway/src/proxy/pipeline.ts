import { emptyUsage } from "@cc/formats";
import type { Context } from "hono";
import type { AppEnv } from "../env.ts";
import type { WireFormat } from "../lib/wire-format.ts";
import { type Admitted, admit } from "./admission.ts";
import type { Caller } from "./auth.ts";
import { type Channel, fetchUpstream } from "./channels.ts";
import { finish, type MeterContext } from "./meter.ts";
import type { RelayEnd } from "./relay.ts";

export interface Plan {
  format: WireFormat;
  caller: Caller;
  model: string;
  inputEstimate: number;
  maxOutputTokens: number | undefined;
  stream: boolean;
}

/** Admits the request with the account's Durable Object; returns what finishing it needs. */
export async function begin(
  c: Context<AppEnv>,
  plan: Plan,
): Promise<{ admitted: Admitted; meter: MeterContext }> {
  const admitted = await admit(c.env, c.req.raw.headers, plan.format, plan.caller, {
    requestId: c.get("requestId"),
    model: plan.model,
    inputEstimate: plan.inputEstimate,
    maxOutputTokens: plan.maxOutputTokens,
  });
  const meter: MeterContext = {
    env: c.env,
    caller: plan.caller,
    requestId: c.get("requestId"),
    model: plan.model,
    format: plan.format,
    stream: plan.stream,
    startedAt: c.get("startedAt"),
    inputEstimate: plan.inputEstimate,
    waitUntil: (promise) => c.executionCtx.waitUntil(promise),
  };
  return { admitted, meter };
}

/** Calls the upstream for an admitted request; an unreachable upstream releases the reservation. */
export async function callUpstream(
  c: Context<AppEnv>,
  meter: MeterContext,
  channel: Channel,
  request: Request,
): Promise<Response> {
  try {
    return await fetchUpstream(channel, request);
  } catch (err) {
    c.executionCtx.waitUntil(
      finish(meter, { status: 502, usage: emptyUsage(), outcome: "upstream_error", ttfbMs: null }),
    );
    throw err;
  }
}

/** The usage_log outcome of a relayed stream. */
export function streamOutcome(end: RelayEnd, sawError: boolean): "ok" | "stream_error" | "client_hangup" {
  if (end === "client_hangup") return "client_hangup";
  return end === "upstream_failed" || sawError ? "stream_error" : "ok";
}
