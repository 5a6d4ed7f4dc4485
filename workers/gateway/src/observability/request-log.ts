import type { BillableUsage } from "@cc/billing";
import type { WireFormat } from "../lib/wire-format.ts";

/**
 * What is known about a proxied request once it has ended: identifiers, routing, timings,
 * tokens and cost. Nothing else can reach the log line or the metrics: no API key, no upstream
 * credential, no prompt, no answer. docs/observability.md describes every field.
 */
export interface RequestFacts {
  /** The request id returned to the client (`request-id` header). */
  requestId: string;
  /** Null when the request ended before its key was known (401, 400 before auth). */
  accountId: string | null;
  keyId: string | null;
  /** The model the caller asked for; null when the body named none. */
  model: string | null;
  /** The caller's wire format. */
  format: WireFormat;
  /** The upstream the request went to; null when it never left the gateway. */
  vendor: "anthropic" | "openai" | "gemini" | "mock" | null;
  /** The upstream channel that answered, or was tried last; null when none was. */
  channel?: string | null;
  /** Channels tried (more than one: it failed over); 0 when it never left the gateway. */
  attempts?: number;
  stream: boolean;
  /** HTTP status returned to the client. */
  status: number;
  /** HTTP status of the upstream's answer; null when there was none. */
  upstreamStatus: number | null;
  /** ok, upstream_error, stream_error, client_hangup, or the refusal (rate_limit, insufficient_balance…). */
  outcome: string;
  /** From the request's arrival to the first byte sent to the client; null when nothing was sent. */
  ttfbMs: number | null;
  /** From the request's arrival to its end (the last byte relayed, or the error). */
  latencyMs: number;
  /** The billed usage, by token kind (thinking is inside output). */
  tokens: BillableUsage;
  /** What the request cost the account, nano-USD. */
  costNano: number;
}

/** The JSON log line of a request (one line, `msg: "request"`), in usage_log's column names. */
export function requestLogLine(f: RequestFacts) {
  return {
    level: f.status >= 500 ? "warn" : "info",
    msg: "request",
    request_id: f.requestId,
    account_id: f.accountId,
    key_id: f.keyId,
    model: f.model,
    format: f.format,
    vendor: f.vendor,
    channel: f.channel ?? null,
    attempts: f.attempts ?? 0,
    stream: f.stream,
    status: f.status,
    upstream_status: f.upstreamStatus,
    outcome: f.outcome,
    ttfb_ms: f.ttfbMs,
    latency_ms: f.latencyMs,
    tokens: {
      input: f.tokens.input,
      cache_write_5m: f.tokens.cacheWrite5m,
      cache_write_1h: f.tokens.cacheWrite1h,
      cache_read: f.tokens.cacheRead,
      output: f.tokens.output,
      thinking: f.tokens.thinking,
    },
    cost_nano: f.costNano,
  } as const;
}

/**
 * The Workers Analytics Engine data point of a request. Positions are the dataset's schema
 * (docs/observability.md): change them only by appending, or every saved query breaks.
 * index1 = the account (AE samples per index, so each account's numbers stay accurate).
 * A missing number (no upstream answer, no first byte) is -1.
 */
export function requestDataPoint(f: RequestFacts): AnalyticsEngineDataPoint {
  return {
    indexes: [f.accountId ?? "-"],
    blobs: [
      f.format, // blob1
      f.vendor ?? "-", // blob2
      f.model ?? "-", // blob3
      f.outcome, // blob4
      f.accountId ?? "-", // blob5
      f.keyId ?? "-", // blob6
      f.requestId, // blob7
      f.channel ?? "-", // blob8
    ],
    doubles: [
      f.status, // double1
      f.upstreamStatus ?? -1, // double2
      f.ttfbMs ?? -1, // double3
      f.latencyMs, // double4
      f.tokens.input, // double5
      f.tokens.cacheWrite5m, // double6
      f.tokens.cacheWrite1h, // double7
      f.tokens.cacheRead, // double8
      f.tokens.output, // double9
      f.tokens.thinking, // double10
      f.costNano, // double11
      f.stream ? 1 : 0, // double12
      f.attempts ?? 0, // double13
    ],
  };
}

/**
 * Records a finished request: one JSON log line (Workers Logs) and one data point in the
 * REQUEST_METRICS dataset when it is bound. Never throws: observability must not fail a request
 * that has already been answered.
 */
export function recordRequest(facts: RequestFacts, metrics?: AnalyticsEngineDataset): void {
  const line = requestLogLine(facts);
  console[line.level](JSON.stringify(line));
  try {
    metrics?.writeDataPoint(requestDataPoint(facts));
  } catch (err) {
    console.error(JSON.stringify({ level: "error", msg: "metrics write failed", error: String(err) }));
  }
}
