import {
  emptyUsage,
  estimateTokens,
  GatewayError,
  type IrResponse,
  type IrStreamDecoder,
  type IrStreamEncoder,
  translateSseStream,
} from "@cc/formats";
import type { Context } from "hono";
import type { AppEnv } from "../env.ts";
import type { WireFormat } from "../lib/wire-format.ts";
import type { Caller } from "./auth.ts";
import type { Channel } from "./channels.ts";
import { upstreamRequestHeaders } from "./headers.ts";
import { BALANCE_HEADER, COST_HEADER, finish } from "./meter.ts";
import { begin, callUpstream, streamOutcome } from "./pipeline.ts";
import { relay } from "./relay.ts";

/** One cross-format request: the caller's format in, another format upstream, answered in the caller's. */
export interface Translation {
  format: WireFormat;
  caller: Caller;
  model: string;
  channel: Channel;
  /** Path on the upstream, e.g. /v1/messages. */
  path: string;
  /** The translated upstream body (JSON). */
  upstreamBody: { stream: boolean };
  maxOutputTokens: number | undefined;
  /** Extra upstream headers (e.g. anthropic-version). */
  upstreamHeaders?: Record<string, string>;
  /** Upstream SSE → IR, and IR → the caller's SSE. */
  decoder: () => IrStreamDecoder;
  encoder: () => IrStreamEncoder;
  /** Upstream JSON → IR, and IR → the caller's JSON. */
  decodeResponse: (json: unknown) => IrResponse;
  encodeResponse: (response: IrResponse) => unknown;
  /** The upstream's error response as an error in the caller's terms. */
  upstreamError: (status: number, text: string, headers: Headers) => GatewayError;
  /** The upstream format's own error frame, written into a stream the upstream broke off. */
  brokenStreamFrame: () => Uint8Array;
}

/**
 * Runs a translated request: admission on the translated body, the upstream call, then the
 * answer translated back — streamed event by event through translateSseStream, or as JSON —
 * and settled from the upstream's usage with the same cost function as any other request.
 */
export async function translate(c: Context<AppEnv>, t: Translation): Promise<Response> {
  const startedAt = c.get("startedAt");
  const upstreamText = JSON.stringify(t.upstreamBody);
  const { admitted, meter } = await begin(c, {
    format: t.format,
    caller: t.caller,
    model: t.model,
    inputEstimate: estimateTokens(upstreamText),
    maxOutputTokens: t.maxOutputTokens,
    stream: t.upstreamBody.stream,
  });
  const headers = upstreamRequestHeaders(c.req.raw.headers, t.channel.credential);
  headers.set("content-type", "application/json");
  for (const [name, value] of Object.entries(t.upstreamHeaders ?? {})) headers.set(name, value);
  const upstream = await callUpstream(
    c,
    meter,
    t.channel,
    new Request(`${t.channel.baseUrl}${t.path}`, { method: "POST", headers, body: upstreamText }),
  );

  const out = new Headers(admitted.headers);
  if (!upstream.ok) {
    const text = await upstream.text();
    c.executionCtx.waitUntil(
      finish(meter, {
        status: upstream.status,
        usage: emptyUsage(),
        outcome: "upstream_error",
        ttfbMs: Date.now() - startedAt,
      }),
    );
    const err = t.upstreamError(upstream.status, text, upstream.headers);
    throw new GatewayError(err.kind, err.message, {
      ...(err.retryAfterSeconds ? { retryAfterSeconds: err.retryAfterSeconds } : {}),
      headers: admitted.headers,
    });
  }

  if (t.upstreamBody.stream && upstream.body) {
    const decoder = t.decoder();
    const relayed = relay(upstream.body, startedAt, { errorFrame: t.brokenStreamFrame });
    c.executionCtx.waitUntil(
      relayed.done.then((r) =>
        finish(meter, {
          status: upstream.status,
          usage: decoder.usage(),
          outcome: streamOutcome(r.end, decoder.outcome !== "finished"),
          ttfbMs: r.ttfbMs,
        }),
      ),
    );
    out.set("content-type", "text/event-stream; charset=utf-8");
    out.set("cache-control", "no-cache");
    return new Response(relayed.readable.pipeThrough(translateSseStream(decoder, t.encoder())), {
      status: 200,
      headers: out,
    });
  }

  const response = t.decodeResponse(await upstream.json());
  const settled = await finish(meter, {
    status: 200,
    usage: response.usage,
    outcome: "ok",
    ttfbMs: Date.now() - startedAt,
  });
  if (settled) {
    out.set(COST_HEADER, String(settled.chargedNano));
    out.set(BALANCE_HEADER, String(settled.balanceNano));
  }
  out.set("content-type", "application/json");
  return new Response(JSON.stringify(t.encodeResponse(response)), { status: 200, headers: out });
}
