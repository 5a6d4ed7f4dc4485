import {
  emptyUsage,
  estimateTokensFromBytes,
  OpenAiResponsesStreamDecoder,
  openAiChatUsageToRecord,
  openAiResponsesUsageToRecord,
  SseDecoder,
} from "@cc/formats";
import type { Context } from "hono";
import type { AppEnv } from "../env.ts";
import type { Caller } from "./auth.ts";
import { openAiChannel } from "./channels.ts";
import { chatBrokenStream, responsesBrokenStream } from "./error-frames.ts";
import { clientResponseHeaders, upstreamRequestHeaders } from "./headers.ts";
import { BALANCE_HEADER, COST_HEADER, finish, type MeterContext } from "./meter.ts";
import { OpenAiChatStreamWatch } from "./openai-chat-usage.ts";
import { begin, callUpstream, streamOutcome } from "./pipeline.ts";
import { relay } from "./relay.ts";

interface Passthrough {
  caller: Caller;
  model: string;
  /** The body to send upstream, exactly. */
  body: string | Uint8Array;
  /** The client's raw body size in bytes, for the admission estimate. */
  bodyBytes: number;
  maxOutputTokens: number | undefined;
  stream: boolean;
}

/** Relays a non-streamed or failed answer as is, settling from its usage. */
async function relayJson(
  c: Context<AppEnv>,
  meter: MeterContext,
  upstream: Response,
  headers: Headers,
  readUsage: (json: { usage?: unknown }) => ReturnType<typeof emptyUsage>,
): Promise<Response> {
  const text = await upstream.text();
  const ttfbMs = Date.now() - c.get("startedAt");
  if (!upstream.ok) {
    c.executionCtx.waitUntil(
      finish(meter, { status: upstream.status, usage: emptyUsage(), outcome: "upstream_error", ttfbMs }),
    );
    return new Response(text, { status: upstream.status, headers });
  }
  let usage = emptyUsage();
  try {
    usage = readUsage(JSON.parse(text) as { usage?: unknown });
  } catch {
    // An unparseable success body is relayed as is; it bills nothing.
  }
  const settled = await finish(meter, { status: upstream.status, usage, outcome: "ok", ttfbMs });
  if (settled) {
    headers.set(COST_HEADER, String(settled.chargedNano));
    headers.set(BALANCE_HEADER, String(settled.balanceNano));
  }
  return new Response(text, { status: upstream.status, headers });
}

async function start(
  c: Context<AppEnv>,
  p: Passthrough,
  format: "openai-chat" | "openai-responses",
  path: string,
) {
  const { admitted, meter } = await begin(c, {
    format,
    caller: p.caller,
    model: p.model,
    inputEstimate: estimateTokensFromBytes(p.bodyBytes),
    maxOutputTokens: p.maxOutputTokens,
    stream: p.stream,
  });
  const channel = openAiChannel(c.env);
  const upstream = await callUpstream(
    c,
    meter,
    channel,
    new Request(`${channel.baseUrl}${path}`, {
      method: "POST",
      headers: upstreamRequestHeaders(c.req.raw.headers, channel.credential),
      body: p.body,
    }),
  );
  const headers = clientResponseHeaders(upstream.headers, c.get("requestId"));
  for (const [name, value] of Object.entries(admitted.headers)) headers.set(name, value);
  const isSse = upstream.headers.get("content-type")?.includes("text/event-stream") ?? false;
  return { meter, upstream, headers, isSse };
}

/**
 * POST /v1/responses for GPT models: the body forwarded untouched and the SSE relayed event
 * for event, unbuffered, with no [DONE] added; usage read from the terminal event.
 */
export async function passthroughResponses(c: Context<AppEnv>, p: Passthrough): Promise<Response> {
  const { meter, upstream, headers, isSse } = await start(c, p, "openai-responses", "/v1/responses");
  if (!(upstream.ok && isSse && upstream.body))
    return relayJson(c, meter, upstream, headers, (j) => openAiResponsesUsageToRecord(j.usage));
  const sse = new SseDecoder();
  const decoder = new OpenAiResponsesStreamDecoder();
  const relayed = relay(upstream.body, c.get("startedAt"), {
    onChunk: (chunk) => {
      for (const event of sse.push(chunk)) decoder.decode(event);
    },
    onClose: () => {
      for (const event of sse.end()) decoder.decode(event);
      return decoder.outcome === "streaming" ? responsesBrokenStream() : undefined;
    },
    errorFrame: responsesBrokenStream,
  });
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
  return new Response(relayed.readable, { status: upstream.status, headers });
}

/**
 * POST /v1/chat/completions for GPT models, passed through. Streams always ask the upstream
 * for the usage chunk (billing needs it); when the client did not, that chunk is removed.
 */
export async function passthroughChat(
  c: Context<AppEnv>,
  p: Passthrough,
  clientWantsUsage: boolean,
): Promise<Response> {
  const { meter, upstream, headers, isSse } = await start(c, p, "openai-chat", "/v1/chat/completions");
  if (!(upstream.ok && isSse && upstream.body))
    return relayJson(c, meter, upstream, headers, (j) => openAiChatUsageToRecord(j.usage));
  const watch = new OpenAiChatStreamWatch(!clientWantsUsage);
  const relayed = relay(upstream.body, c.get("startedAt"), {
    ...(clientWantsUsage
      ? { onChunk: (chunk: Uint8Array) => watch.observe(chunk) }
      : { rewrite: (chunk: Uint8Array) => watch.filter(chunk) }),
    onClose: () => {
      const tail = clientWantsUsage ? undefined : watch.end();
      if (watch.done || watch.sawError) return tail;
      const frame = chatBrokenStream();
      if (!tail) return frame;
      const joined = new Uint8Array(tail.byteLength + frame.byteLength);
      joined.set(tail);
      joined.set(frame, tail.byteLength);
      return joined;
    },
    errorFrame: chatBrokenStream,
  });
  c.executionCtx.waitUntil(
    relayed.done.then((r) =>
      finish(meter, {
        status: upstream.status,
        usage: watch.usage({ ...emptyUsage(), input: meter.inputEstimate }),
        outcome: streamOutcome(r.end, !watch.done),
        ttfbMs: r.ttfbMs,
      }),
    ),
  );
  return new Response(relayed.readable, { status: upstream.status, headers });
}
