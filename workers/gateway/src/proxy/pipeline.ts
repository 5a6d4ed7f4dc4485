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
export async function proxy<Body>(c: Context<AppEnv>, route: ProxyRoute<Body>): Promise<Response> {
  const seen: Seen = {};
  try {
    return await admitAndServe(c, route, seen);
  } catch (err) {
    // A request refused before admission has no meter to log it: it is logged here.
    if (!seen.admitted) logRefusal(c, route, seen, err);
    throw err;
  }
}

/** What the pipeline learnt of a request before it failed, for its log line. */
interface Seen {
  caller?: Caller;
  model?: string;
  admitted?: boolean;
}

function logRefusal<Body>(c: Context<AppEnv>, route: ProxyRoute<Body>, seen: Seen, err: unknown): void {
  const status = err instanceof GatewayError ? err.status : 500;
  recordRequest(
    {
      requestId: c.get("requestId"),
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
      latencyMs: Date.now() - c.get("startedAt"),
      tokens: emptyUsage(),
      costNano: 0,
    },
    c.env.REQUEST_METRICS,
  );
}

async function admitAndServe<Body>(
  c: Context<AppEnv>,
  route: ProxyRoute<Body>,
  seen: Seen,
): Promise<Response> {
  const { env } = c;
  const caller = await identify(env, c.req.raw.headers);
  seen.caller = caller;
  const { bytes, json } = await readJsonBody(c.req.raw);
  const body = route.parse(json);
  const model = route.model(body);
  seen.model = model;
  const row = modelRow(env, model);
  // What the client asks for, in its own terms: refused here whatever the upstream (a
  // translation would otherwise drop it silently).
  const asked = route.costFacts(json as Record<string, unknown>);
  refuseUnbillable(asked);
  const search = new URL(c.req.url).search;
  const plan = route.plan({ env, body, bytes, json, row, family: row.family, search });
  const channels = await routeChannels(env, plan.channels, model, (p) => c.executionCtx.waitUntil(p));
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
    headers: c.req.raw.headers,
    caller,
    requestId: c.get("requestId"),
    model,
    price: row,
    format: route.format,
    vendor: channels.provider,
    stream: plan.stream,
    startedAt: c.get("startedAt"),
    inputEstimate: bound?.inputEstimate ?? 0,
    worstCase: bound?.worstCase ?? "free",
    refs: ownedRefs(env, asked.refs),
    waitUntil: (p) => c.executionCtx.waitUntil(p),
  });
  seen.admitted = true;
  // The answer is produced under waitUntil too: a client that hangs up while a non-streamed
  // answer is on its way does not stop the gateway from settling what the upstream served.
  const served = serve(c, plan, channels, meter).catch((err: unknown) => {
    throw withHeaders(err, meter.headers);
  });
  c.executionCtx.waitUntil(served.catch(() => undefined));
  return served;
}

/** Calls the upstream (failing over between channels) and answers; every exit ends the meter. */
async function serve(
  c: Context<AppEnv>,
  plan: ProxyPlan,
  channels: ChannelRoute,
  meter: Meter,
): Promise<Response> {
  const startedAt = c.get("startedAt");
  let upstream: Response | undefined;
  try {
    upstream = await firstAnswer(c.env, plan, channels, c.req.raw.headers, {
      waitUntil: (p) => c.executionCtx.waitUntil(p),
      onAttempt: (channel) => meter.attempted(channel),
      requestId: c.get("requestId"),
    });
    if (!upstream.ok) return await upstreamFailed(c, plan, meter, upstream);
    const isSse = upstream.headers.get("content-type")?.includes("text/event-stream") ?? false;
    if (plan.stream && isSse && upstream.body) return streamAnswer(c, plan, meter, upstream);
    return await jsonAnswer(c, plan, meter, upstream);
  } catch (err) {
    const ttfbMs = upstream ? Date.now() - startedAt : null;
    if (upstream?.ok) {
      // The upstream answered 200 and the answer could not be relayed whole: it still read the
      // prompt, so the input is billed (the abnormal-end rule).
      const usage = billableUsage(undefined, NOTHING, meter.inputEstimate, false);
      c.executionCtx.waitUntil(meter.settle(502, usage, "bad_upstream_body", ttfbMs));
      throw err instanceof GatewayError
        ? err
        : new GatewayError("upstream", "The upstream's answer could not be read.", { cause: err });
    }
    // Nothing was served: an error answer, every channel out of reach or failing (a
    // GatewayError from firstAnswer), or the gateway's own failure before the call.
    const reached = upstream !== undefined || err instanceof GatewayError;
    const status = upstream?.status ?? (err instanceof GatewayError ? err.status : 500);
    c.executionCtx.waitUntil(meter.release(status, reached ? "upstream_error" : "gateway_error", ttfbMs));
    throw err;
  }
}

/**
 * An error answer: nothing was served, the reservation is released. A passthrough relays the
 * vendor's own error as is; a translation reports it in the caller's format. A 401/403 means
 * the gateway's own upstream credential is wrong: never the vendor's text (it can quote the key).
 */
async function upstreamFailed(c: Context<AppEnv>, plan: ProxyPlan, meter: Meter, upstream: Response) {
  const text = await upstream.text();
  c.executionCtx.waitUntil(meter.release(upstream.status, "upstream_error", Date.now() - c.get("startedAt")));
  if (upstream.status === 401 || upstream.status === 403) {
    console.error(
      JSON.stringify({
        level: "error",
        msg: "upstream credential refused",
        requestId: c.get("requestId"),
        vendor: plan.upstream.vendor,
        status: upstream.status,
      }),
    );
    throw new GatewayError("upstream", "The upstream provider refused the request.");
  }
  if (plan.answer.kind === "passthrough") {
    return new Response(text, { status: upstream.status, headers: answerHeaders(c, meter, upstream) });
  }
  const retryAfter = Number(upstream.headers.get("retry-after"));
  throw plan.upstream.error(
    upstream.status,
    text,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  );
}

/** A streamed answer, relayed unbuffered; the meter settles when the relay ends, however it ends. */
function streamAnswer(c: Context<AppEnv>, plan: ProxyPlan, meter: Meter, upstream: Response): Response {
  const answer = plan.answer;
  let processor: MeteredStream;
  if (answer.kind === "translate") {
    processor = translatedStream(plan.upstream, new SseTranslator(answer.decoder(), answer.encoder()));
  } else if (answer.kind === "passthrough" && answer.hideUsageChunk)
    processor = chatWithoutUsageStream(plan.upstream);
  else processor = passthroughStream(plan.upstream);
  const relayed = relay(upstream.body!, c.get("startedAt"), processor);
  c.executionCtx.waitUntil(
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
  const headers = answerHeaders(c, meter, upstream);
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
async function jsonAnswer(c: Context<AppEnv>, plan: ProxyPlan, meter: Meter, upstream: Response) {
  const text = await upstream.text();
  const ttfbMs = Date.now() - c.get("startedAt");
  const json: unknown = JSON.parse(text);
  const answer = plan.answer;
  let out: string = text;
  if (answer.kind === "translate") out = JSON.stringify(answer.encodeResponse(answer.decodeResponse(json)));
  else if (answer.kind === "reshape") out = JSON.stringify(answer.encode(json));
  const usage = plan.upstream.bodyUsage(json);
  const normal = usage !== undefined;
  const billed = billableUsage(usage, NOTHING, meter.inputEstimate, normal);
  const settled = await meter.settle(
    200,
    billed,
    normal ? "ok" : "bad_upstream_body",
    ttfbMs,
    plan.upstream.bodyObjects(json),
  );
  const headers = answerHeaders(c, meter, upstream);
  if (answer.kind !== "passthrough") headers.set("content-type", "application/json");
  if (settled) {
    headers.set(COST_HEADER, String(settled.chargedNano));
    headers.set(BALANCE_HEADER, String(settled.balanceNano));
  }
  return new Response(out, { status: 200, headers });
}

/** The upstream's headers as the client may see them, with the key's rate limits. */
function answerHeaders(c: Context<AppEnv>, meter: Meter, upstream: Response): Headers {
  const headers = clientResponseHeaders(upstream.headers, c.get("requestId"));
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
