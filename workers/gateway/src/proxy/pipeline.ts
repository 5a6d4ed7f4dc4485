import {
  billableUsage,
  billableUsageOf,
  emptyUsage,
  endedNormally,
  GatewayError,
  type ObjectRef,
  SseTranslator,
} from "@cc/formats";
import type { Context } from "hono";
import { type ChannelRoute, routeChannels } from "../channels/resolve.ts";
import type { AppEnv } from "../env.ts";
import { modelRow } from "../lib/model-row.ts";
import { readJsonBody } from "../lib/read-body.ts";
import { recordRequest } from "../observability/request-log.ts";
import { type Caller, identify } from "./auth.ts";
import { costBound, refuseUnbillable } from "./cost-bound.ts";
import { firstAnswer } from "./failover.ts";
import { clientResponseHeaders } from "./headers.ts";
import { BALANCE_HEADER, COST_HEADER, Meter } from "./meter.ts";
import type { ProxyPlan, ProxyRoute } from "./plan.ts";
import { relay } from "./relay.ts";
import {
  chatWithoutUsageStream,
  type MeteredStream,
  passthroughStream,
  translatedStream,
} from "./stream-processors.ts";

const NOTHING = { output: 0, thinking: 0 };

/**
 * One proxied request as the pipeline sees it, whatever carried it: an HTTP request
 * ({@link proxy}), or one `response.create` message of a Responses WebSocket
 * (responses-socket/). The pipeline needs no more of its carrier than this.
 */
export interface ProxyCall {
  env: Env;
  /** The client's headers: its key, its network, and what is forwarded upstream. */
  headers: Headers;
  requestId: string;
  startedAt: number;
  /** The client's query string (`?beta=true`), for a passthrough. */
  search: string;
  /** Keeps work alive after the answer (ctx.waitUntil). */
  waitUntil: (promise: Promise<unknown>) => void;
  /** The JSON body, read only once the key is identified (a bad key never has its body read). */
  body: () => Promise<{ bytes: Uint8Array; json: unknown }>;
}

/** An HTTP request as a {@link ProxyCall}. */
function httpCall(c: Context<AppEnv>): ProxyCall {
  return {
    env: c.env,
    headers: c.req.raw.headers,
    requestId: c.get("requestId"),
    startedAt: c.get("startedAt"),
    search: new URL(c.req.url).search,
    waitUntil: (p) => c.executionCtx.waitUntil(p),
    body: () => readJsonBody(c.req.raw),
  };
}

/**
 * The one proxy pipeline, for every caller format × every vendor, streamed or not, and
 * count_tokens. A route only configures it (format, parse, plan). In order:
 * 1. the key, from the headers alone (a bad key never has its body read);
 * 2. the body, capped while read, validated in the caller's format;
 * 3. the model's price row, the route's plan (upstream body, answer) and the channels that may
 *    serve it (channels/resolve.ts: priority, weights, open circuits left out);
 * 4. the cost bound: unpriced extras refused, the worst case computed;
 * 5. admission: one Meter, which ends exactly once on every exit after it;
 * 6. the upstream call, failing over to the next channel while nothing reached the client
 *    (failover.ts), and the answer.
 */
export function proxy<Body>(c: Context<AppEnv>, route: ProxyRoute<Body>): Promise<Response> {
  return proxyCall(httpCall(c), route);
}

/** The pipeline for one {@link ProxyCall}: an HTTP request, or one message of a WebSocket. */
export async function proxyCall<Body>(call: ProxyCall, route: ProxyRoute<Body>): Promise<Response> {
  const seen: Seen = {};
  try {
    return await admitAndServe(call, route, seen);
  } catch (err) {
    // A request refused before admission has no meter to log it: it is logged here.
    if (!seen.admitted) logRefusal(call, route, seen, err);
    throw err;
  }
}

/** What the pipeline learnt of a request before it failed, for its log line. */
interface Seen {
  caller?: Caller;
  model?: string;
  admitted?: boolean;
}

function logRefusal<Body>(call: ProxyCall, route: ProxyRoute<Body>, seen: Seen, err: unknown): void {
  const status = err instanceof GatewayError ? err.status : 500;
  recordRequest(
    {
      requestId: call.requestId,
      accountId: seen.caller?.accountId ?? null,
      keyId: seen.caller?.keyId ?? null,
      model: seen.model ?? null,
      format: route.format,
      vendor: null,
      stream: false,
      status,
      upstreamStatus: null,
      outcome: err instanceof GatewayError ? err.kind : "internal",
      ttfbMs: null,
      latencyMs: Date.now() - call.startedAt,
      tokens: emptyUsage(),
      costNano: 0,
    },
    call.env.REQUEST_METRICS,
  );
}

async function admitAndServe<Body>(call: ProxyCall, route: ProxyRoute<Body>, seen: Seen): Promise<Response> {
  const { env } = call;
  const caller = await identify(env, call.headers);
  seen.caller = caller;
  const { bytes, json } = await call.body();
  const body = route.parse(json);
  const model = route.model(body);
  seen.model = model;
  const row = modelRow(env, model);
  // What the client asks for, in its own terms: refused here whatever the upstream (a
  // translation would otherwise drop it silently).
  const asked = route.costFacts(json as Record<string, unknown>);
  refuseUnbillable(asked);
  const plan = route.plan({ env, body, bytes, json, row, family: row.family, search: call.search });
  const channels = await routeChannels(env, plan.channels, model, call.waitUntil);
  const bodyBytes =
    typeof plan.body === "string" ? new TextEncoder().encode(plan.body).byteLength : plan.body.byteLength;
  // A free request (count_tokens) is never billed, so it has no cost bound.
  const bound = plan.free
    ? undefined
    : costBound(
        plan.bodyJson === json ? asked : plan.upstream.costFacts(plan.bodyJson),
        bodyBytes,
        row,
        model,
      );
  const meter = await Meter.open({
    env,
    headers: call.headers,
    caller,
    requestId: call.requestId,
    model,
    price: row,
    format: route.format,
    vendor: channels.provider,
    stream: plan.stream,
    startedAt: call.startedAt,
    inputEstimate: bound?.inputEstimate ?? 0,
    worstCase: bound?.worstCase ?? "free",
    refs: ownedRefs(env, asked.refs),
    waitUntil: call.waitUntil,
  });
  seen.admitted = true;
  // The answer is produced under waitUntil too: a client that hangs up while a non-streamed
  // answer is on its way does not stop the gateway from settling what the upstream served.
  const served = serve(call, plan, channels, meter).catch((err: unknown) => {
    throw withHeaders(err, meter.headers);
  });
  call.waitUntil(served.catch(() => undefined));
  return served;
}

/** Calls the upstream (failing over between channels) and answers; every exit ends the meter. */
async function serve(
  call: ProxyCall,
  plan: ProxyPlan,
  channels: ChannelRoute,
  meter: Meter,
): Promise<Response> {
  const { startedAt } = call;
  let upstream: Response | undefined;
  try {
    upstream = await firstAnswer(call.env, plan, channels, call.headers, {
      waitUntil: call.waitUntil,
      onAttempt: (channel) => meter.attempted(channel),
      requestId: call.requestId,
    });
    if (!upstream.ok) return await upstreamFailed(call, plan, meter, upstream);
    const isSse = upstream.headers.get("content-type")?.includes("text/event-stream") ?? false;
    if (plan.stream && isSse && upstream.body) return streamAnswer(call, plan, meter, upstream);
    return await jsonAnswer(call, plan, meter, upstream);
  } catch (err) {
    const ttfbMs = upstream ? Date.now() - startedAt : null;
    if (upstream?.ok) {
      // The upstream answered 200 and the answer could not be relayed whole: it still read the
      // prompt, so the input is billed (the abnormal-end rule).
      const usage = billableUsage(undefined, NOTHING, meter.inputEstimate, false);
      call.waitUntil(meter.settle(502, usage, "bad_upstream_body", ttfbMs));
      throw err instanceof GatewayError
        ? err
        : new GatewayError("upstream", "The upstream's answer could not be read.", { cause: err });
    }
    // Nothing was served: an error answer, every channel out of reach or failing (a
    // GatewayError from firstAnswer), or the gateway's own failure before the call.
    const reached = upstream !== undefined || err instanceof GatewayError;
    const status = upstream?.status ?? (err instanceof GatewayError ? err.status : 500);
    call.waitUntil(meter.release(status, reached ? "upstream_error" : "gateway_error", ttfbMs));
    throw err;
  }
}

/**
 * An error answer: nothing was served, the reservation is released. A passthrough relays the
 * vendor's own error as is; a translation reports it in the caller's format. A 401/403 means
 * the gateway's own upstream credential is wrong: never the vendor's text (it can quote the key).
 */
async function upstreamFailed(call: ProxyCall, plan: ProxyPlan, meter: Meter, upstream: Response) {
  const text = await upstream.text();
  call.waitUntil(meter.release(upstream.status, "upstream_error", Date.now() - call.startedAt));
  if (upstream.status === 401 || upstream.status === 403) {
    console.error(
      JSON.stringify({
        level: "error",
        msg: "upstream credential refused",
        requestId: call.requestId,
        vendor: plan.upstream.vendor,
        status: upstream.status,
      }),
    );
    throw new GatewayError("upstream", "The upstream provider refused the request.");
  }
  if (plan.answer.kind === "passthrough") {
    return new Response(text, { status: upstream.status, headers: answerHeaders(call, meter, upstream) });
  }
  const retryAfter = Number(upstream.headers.get("retry-after"));
  throw plan.upstream.error(
    upstream.status,
    text,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  );
}

/** A streamed answer, relayed unbuffered; the meter settles when the relay ends, however it ends. */
function streamAnswer(call: ProxyCall, plan: ProxyPlan, meter: Meter, upstream: Response): Response {
  const answer = plan.answer;
  let processor: MeteredStream;
  if (answer.kind === "translate") {
    processor = translatedStream(plan.upstream, new SseTranslator(answer.decoder(), answer.encoder()));
  } else if (answer.kind === "passthrough" && answer.hideUsageChunk)
    processor = chatWithoutUsageStream(plan.upstream);
  else processor = passthroughStream(plan.upstream);
  const relayed = relay(upstream.body!, call.startedAt, processor);
  call.waitUntil(
    relayed.done.then((r) => {
      const normal = endedNormally(processor.tap);
      const outcome = normal ? "ok" : r.end === "client_hangup" ? "client_hangup" : "stream_error";
      return meter.settle(
        upstream.status,
        billableUsageOf(processor.tap, meter.inputEstimate),
        outcome,
        r.ttfbMs,
        processor.tap.created(),
      );
    }),
  );
  const headers = answerHeaders(call, meter, upstream);
  if (answer.kind === "translate") {
    headers.set("content-type", "text/event-stream; charset=utf-8");
    headers.set("cache-control", "no-cache");
  }
  return new Response(relayed.readable, { status: upstream.status, headers });
}

/**
 * A non-streamed answer: read whole, settled at its reported usage, relayed (or re-encoded).
 * A body that cannot be read or parsed throws, and serve() bills its input.
 */
async function jsonAnswer(call: ProxyCall, plan: ProxyPlan, meter: Meter, upstream: Response) {
  const text = await upstream.text();
  const ttfbMs = Date.now() - call.startedAt;
  const json: unknown = JSON.parse(text);
  const answer = plan.answer;
  const usage = plan.upstream.bodyUsage(json);
  let out: string = text;
  try {
    if (answer.kind === "translate") out = JSON.stringify(answer.encodeResponse(answer.decodeResponse(json)));
    else if (answer.kind === "reshape") out = JSON.stringify(answer.encode(json));
  } catch (err) {
    // Served and not translatable: the client gets a 502, the usage the vendor reported is
    // billed (the abnormal-end rule); serve()'s own settle is then a no-op.
    const billed = billableUsage(usage, NOTHING, meter.inputEstimate, false);
    call.waitUntil(meter.settle(502, billed, "bad_upstream_body", ttfbMs));
    throw err;
  }
  const normal = usage !== undefined;
  const billed = billableUsage(usage, NOTHING, meter.inputEstimate, normal);
  const settled = await meter.settle(
    200,
    billed,
    normal ? "ok" : "bad_upstream_body",
    ttfbMs,
    plan.upstream.bodyObjects(json),
  );
  const headers = answerHeaders(call, meter, upstream);
  if (answer.kind !== "passthrough") headers.set("content-type", "application/json");
  if (settled) {
    headers.set(COST_HEADER, String(settled.chargedNano));
    headers.set(BALANCE_HEADER, String(settled.balanceNano));
  }
  return new Response(out, { status: 200, headers });
}

/** The upstream's headers as the client may see them, with the key's rate limits. */
function answerHeaders(call: ProxyCall, meter: Meter, upstream: Response): Headers {
  const headers = clientResponseHeaders(upstream.headers, call.requestId);
  for (const [name, value] of Object.entries(meter.headers)) headers.set(name, value);
  return headers;
}

/** An error thrown after admission carries the key's rate-limit headers, as every answer does. */
function withHeaders(err: unknown, headers: Record<string, string>): unknown {
  if (!(err instanceof GatewayError)) return err;
  return new GatewayError(err.kind, err.message, {
    ...(err.param !== undefined ? { param: err.param } : {}),
    ...(err.retryAfterSeconds !== undefined ? { retryAfterSeconds: err.retryAfterSeconds } : {}),
    headers: { ...headers, ...err.headers },
    cause: err,
  });
}

/**
 * The refs whose ownership admission checks: all of them, but for the kinds the operator lets
 * any account name (UNOWNED_OBJECTS_ALLOWED, e.g. "file,vector_store" for objects the operator
 * uploaded to the vendor for every customer).
 */
function ownedRefs(env: Env, refs: ObjectRef[]): ObjectRef[] {
  const allowed = (env.UNOWNED_OBJECTS_ALLOWED ?? "").split(",").map((k) => k.trim());
  return refs.filter((ref) => !allowed.includes(ref.kind));
}
