import { GatewayError, isGeminiKeyRefusal } from "@cc/formats";
import type { Failure } from "../channels/circuit.ts";
import { flushSuccesses, noteSuccess, reportFailure, requestProbe } from "../channels/registry.ts";
import type { ChannelRoute, RoutedChannel } from "../channels/resolve.ts";
import { fetchUpstream } from "./channels.ts";
import { upstreamRequestHeaders } from "./headers.ts";
import type { ProxyPlan } from "./plan.ts";

/** At most this many channels are tried for one request. */
export const MAX_ATTEMPTS = 3;

export interface FailoverHooks {
  waitUntil: (promise: Promise<unknown>) => void;
  /** Each channel as it is tried: the last one is the request's channel. */
  onAttempt: (channel: RoutedChannel) => void;
  requestId: string;
}

/** One failed attempt: its failure, and the answer when there was one (its body unread). */
interface Failed {
  channel: RoutedChannel;
  failure: Failure;
  response?: Response;
  error?: GatewayError;
}

/** The request for one channel: the plan's body (with the channel's name for the model), its credential. */
function upstreamRequest(plan: ProxyPlan, channel: RoutedChannel, model: string, clientHeaders: Headers) {
  const headers = upstreamRequestHeaders(clientHeaders, channel.credential);
  for (const [name, value] of Object.entries(plan.headers ?? {})) headers.set(name, value);
  const renamed = channel.upstreamModel !== model;
  const body =
    !renamed || plan.pathFor ? plan.body : JSON.stringify({ ...plan.bodyJson, model: channel.upstreamModel });
  const path = renamed && plan.pathFor ? plan.pathFor(channel.upstreamModel) : plan.path;
  return new Request(`${channel.baseUrl}${path}`, { method: "POST", headers, body });
}

/** The vendor's own wait: retry-after-ms (Anthropic and OpenAI send it), else retry-after (RFC 9110 §10.2.3). */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = Number(headers.get("retry-after-ms"));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) && at > now ? at - now : undefined;
}

/**
 * What an upstream's answer says of its channel: undefined for an answer the client may have
 * (a success, or a refusal of the request itself: 400, 404, 413…), else the failure. A 429's
 * short body is read to tell OpenAI's out-of-credit (`insufficient_quota`) from a rate limit;
 * the answer is then rebuilt from it.
 */
async function failureOf(
  vendor: string,
  upstream: Response,
): Promise<{ failure: Failure; response: Response } | undefined> {
  const status = upstream.status;
  if (status === 401 || status === 403)
    return { failure: { kind: "credential", status }, response: upstream };
  // Gemini refuses a bad key with a 400 (reason API_KEY_INVALID): the channel's credential, which
  // the client must not read as its own mistake; it is answered as the 401 it is.
  if (status === 400 && vendor === "gemini") {
    const text = await upstream.clone().text();
    if (isGeminiKeyRefusal(text)) {
      void upstream.body?.cancel();
      const response = new Response(text, { status: 401, headers: upstream.headers });
      return { failure: { kind: "credential", status: 401 }, response };
    }
  }
  if (status === 429) {
    const text = await upstream.text();
    const response = new Response(text, upstream);
    const wait = retryAfterMs(upstream.headers);
    const quota = vendor === "openai" && text.includes('"insufficient_quota"');
    return {
      failure: {
        kind: quota ? "quota" : "rate_limited",
        status,
        ...(wait !== undefined ? { retryAfterMs: wait } : {}),
      },
      response,
    };
  }
  if (status === 529 || status === 503)
    return { failure: { kind: "overloaded", status }, response: upstream };
  if (status >= 500 || status === 408) return { failure: { kind: "server", status }, response: upstream };
  return undefined;
}

/** The error for a request whose every attempt failed, in the caller's format (rendered upstream of here). */
function allFailed(model: string, failed: Failed[]): GatewayError {
  const kinds = new Set(failed.map((f) => f.failure.kind));
  if (kinds.size === 1 && kinds.has("rate_limited")) {
    const waits = failed.map((f) => f.failure.retryAfterMs).filter((w): w is number => w !== undefined);
    return new GatewayError(
      "rate_limit",
      `The upstream is rate limited for ${model}: every channel asked to wait. Try again later.`,
      waits.length ? { retryAfterSeconds: Math.max(1, Math.ceil(Math.min(...waits) / 1000)) } : {},
    );
  }
  if (kinds.size === 1 && kinds.has("overloaded"))
    return new GatewayError("overloaded", `The model ${model} is overloaded upstream. Try again shortly.`);
  return new GatewayError("upstream", `The model ${model} is temporarily unavailable.`);
}

/**
 * Tries the route's channels until one answers, before anything reaches the client: a failed
 * attempt (connection error, timeout, 5xx, 529, 429, 401/403) is counted against its circuit
 * and the next channel is tried, up to MAX_ATTEMPTS, within the request's one reservation.
 * What this returns is relayed and never retried. With a single attempt its own answer comes
 * back as it would without channels (a passthrough client sees the vendor's error); with more,
 * every one having failed, the error says so in the caller's terms (allFailed).
 */
export async function firstAnswer(
  env: Env,
  plan: ProxyPlan,
  route: ChannelRoute,
  clientHeaders: Headers,
  hooks: FailoverHooks,
): Promise<Response> {
  const failed: Failed[] = [];
  const attempt = async (channel: RoutedChannel): Promise<Response | undefined> => {
    const request = upstreamRequest(plan, channel, route.model, clientHeaders);
    hooks.onAttempt(channel);
    const at = Date.now();
    let upstream: Response;
    try {
      upstream = await fetchUpstream(env, channel, request);
    } catch (err) {
      if (!(err instanceof GatewayError)) throw err;
      const failure: Failure = { kind: err.kind === "timeout" ? "timeout" : "connect", status: null };
      reportFailure(
        env,
        route.vendor,
        { channelId: channel.id, model: route.model, failure, at },
        hooks.waitUntil,
      );
      failed.push({ channel, failure, error: err });
      return undefined;
    }
    const verdict = await failureOf(route.vendor, upstream);
    if (!verdict) {
      noteSuccess(route.vendor, [channel.keys.channel, channel.keys.model], at);
      // A probe or a last resort that worked: every isolate should know at once.
      if (channel.state !== "closed") flushSuccesses(env, route.vendor, hooks.waitUntil);
      return upstream;
    }
    reportFailure(
      env,
      route.vendor,
      { channelId: channel.id, model: route.model, failure: verdict.failure, at },
      hooks.waitUntil,
    );
    failed.push({ channel, failure: verdict.failure, response: verdict.response });
    return undefined;
  };

  let tried = 0;
  for (const channel of route.order) {
    if (tried >= MAX_ATTEMPTS) break;
    if (channel.state === "half_open" && !(await requestProbe(env, route.vendor, channel.probeKey!)))
      continue;
    if (tried > 0) movedOn(hooks.requestId, route, failed.at(-1)!);
    tried++;
    const answer = await attempt(channel);
    if (answer) return answer;
  }
  if (tried === 0 && route.lastResort) {
    tried++;
    const answer = await attempt(route.lastResort);
    if (answer) return answer;
  }
  const last = failed.at(-1);
  if (tried === 1 && last) {
    if (last.response) return last.response;
    if (last.error) throw last.error;
  }
  if (last) movedOn(hooks.requestId, route, last);
  throw allFailed(route.model, failed);
}

/**
 * A failed attempt the client will not see: its answer is dropped, and the operator is told
 * (a refused credential at error level: it is the alert; never the vendor's text, which can
 * quote the key).
 */
function movedOn(requestId: string, route: ChannelRoute, failed: Failed): void {
  void failed.response?.body?.cancel();
  const credential = failed.failure.kind === "credential";
  const line = {
    level: credential ? "error" : "warn",
    msg: credential ? "upstream credential refused" : "channel attempt failed",
    requestId,
    vendor: route.vendor,
    model: route.model,
    channel: failed.channel.id,
    failure: failed.failure.kind,
    status: failed.failure.status,
  };
  console[credential ? "error" : "warn"](JSON.stringify(line));
}
