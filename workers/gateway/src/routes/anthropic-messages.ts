import { priceFor } from "@cc/billing";
import {
  AnthropicCountTokensRequestSchema,
  AnthropicMessagesRequestSchema,
  AnthropicStreamEncoder,
  AnthropicStreamUsage,
  anthropicUsageToRecord,
  decodeAnthropicRequest,
  emptyUsage,
  encodeAnthropicResponse,
  estimateTokensFromBytes,
  normalizeMessagesRequest,
  SseDecoder,
} from "@cc/formats";
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { modelFamily } from "../lib/model-family.ts";
import { priceTable } from "../lib/prices.ts";
import { validate } from "../lib/validate.ts";
import { authenticate, identify } from "../proxy/auth.ts";
import { anthropicChannel, fetchUpstream } from "../proxy/channels.ts";
import { anthropicBrokenStream } from "../proxy/error-frames.ts";
import { clientResponseHeaders, upstreamRequestHeaders } from "../proxy/headers.ts";
import { BALANCE_HEADER, COST_HEADER, finish } from "../proxy/meter.ts";
import { begin, callUpstream, streamOutcome } from "../proxy/pipeline.ts";
import { readJsonBody } from "../proxy/read-body.ts";
import { relay } from "../proxy/relay.ts";
import { toOpenAi } from "../proxy/to-openai.ts";

export const anthropicMessages = new Hono<AppEnv>();

anthropicMessages.use("*", async (c, next) => {
  c.set("format", "anthropic-messages");
  await next();
});

const errorFrame = anthropicBrokenStream;

/** POST /v1/messages: Anthropic in, Anthropic upstream, bytes through untouched. */
anthropicMessages.post("/v1/messages", async (c) => {
  const requestId = c.get("requestId");
  const startedAt = c.get("startedAt");
  const { bytes, json } = await readJsonBody(c.req.raw);
  const valid = validate(AnthropicMessagesRequestSchema, json);
  // Documented defaults and per-model rewrites; otherwise the client's bytes go upstream untouched.
  const adaptiveOnly = priceFor(priceTable(c.env), valid.model)?.adaptiveThinkingOnly === true;
  const { body, changed } = normalizeMessagesRequest(valid, adaptiveOnly);
  const upstreamBytes = changed ? new TextEncoder().encode(JSON.stringify(body)) : bytes;
  const caller = await identify(c.env, c.req.raw.headers);
  if (modelFamily(c.env, body.model) === "openai") {
    // Claude Code on a GPT model: Anthropic in, OpenAI Responses upstream, Anthropic SSE out.
    return toOpenAi(c, {
      format: "anthropic-messages",
      caller,
      model: body.model,
      ir: decodeAnthropicRequest(body),
      encoder: () => new AnthropicStreamEncoder({ model: body.model }),
      encodeResponse: (response) => encodeAnthropicResponse(response, { model: body.model }),
    });
  }
  const stream = body.stream === true;
  const { admitted, meter } = await begin(c, {
    format: "anthropic-messages",
    caller,
    model: body.model,
    // The whole body's estimate over-counts JSON punctuation: a safe worst case for admission.
    inputEstimate: estimateTokensFromBytes(upstreamBytes.byteLength),
    maxOutputTokens: body.max_tokens,
    stream,
  });

  const channel = anthropicChannel(c.env);
  const search = new URL(c.req.url).search;
  const upstream = await callUpstream(
    c,
    meter,
    channel,
    new Request(`${channel.baseUrl}/v1/messages${search}`, {
      method: "POST",
      headers: upstreamRequestHeaders(c.req.raw.headers, channel.credential),
      body: upstreamBytes,
    }),
  );
  const headers = clientResponseHeaders(upstream.headers, requestId);
  for (const [name, value] of Object.entries(admitted.headers)) headers.set(name, value);

  const isSse = upstream.headers.get("content-type")?.includes("text/event-stream") ?? false;
  if (upstream.ok && isSse && upstream.body) {
    // Same format in and out: the bytes pass untouched; an SSE parser beside them reads usage.
    const sse = new SseDecoder();
    const tracker = new AnthropicStreamUsage();
    let truncated = false;
    const relayed = relay(upstream.body, startedAt, {
      onChunk: (chunk) => {
        for (const event of sse.push(chunk)) tracker.onEvent(event);
      },
      onClose: () => {
        for (const event of sse.end()) tracker.onEvent(event);
        // Closed cleanly but mid-message: say so rather than let a truncated answer pass as whole.
        if (tracker.finished || tracker.sawError) return undefined;
        truncated = true;
        return errorFrame();
      },
      errorFrame,
    });
    c.executionCtx.waitUntil(
      relayed.done.then((r) =>
        finish(meter, {
          status: upstream.status,
          usage: tracker.usage(),
          outcome: streamOutcome(r.end, tracker.sawError || truncated),
          ttfbMs: r.ttfbMs,
        }),
      ),
    );
    return new Response(relayed.readable, { status: upstream.status, headers });
  }

  // Non-streamed answers and upstream errors are small JSON bodies: read, settle, relay as is.
  const text = await upstream.text();
  const ttfbMs = Date.now() - startedAt;
  if (!upstream.ok) {
    c.executionCtx.waitUntil(
      finish(meter, { status: upstream.status, usage: emptyUsage(), outcome: "upstream_error", ttfbMs }),
    );
    return new Response(text, { status: upstream.status, headers });
  }
  let usage = emptyUsage();
  try {
    usage = anthropicUsageToRecord((JSON.parse(text) as { usage?: unknown }).usage);
  } catch {
    // An unparseable success body is relayed as is; it bills nothing.
  }
  const settled = await finish(meter, { status: upstream.status, usage, outcome: "ok", ttfbMs });
  if (settled) {
    headers.set(COST_HEADER, String(settled.chargedNano));
    headers.set(BALANCE_HEADER, String(settled.balanceNano));
  }
  return new Response(text, { status: upstream.status, headers });
});

/** POST /v1/messages/count_tokens: relayed to the upstream, free of charge. */
anthropicMessages.post("/v1/messages/count_tokens", async (c) => {
  const { bytes, json } = await readJsonBody(c.req.raw);
  validate(AnthropicCountTokensRequestSchema, json);
  await authenticate(c.env, c.req.raw.headers);
  const channel = anthropicChannel(c.env);
  const search = new URL(c.req.url).search;
  const upstream = await fetchUpstream(
    channel,
    new Request(`${channel.baseUrl}/v1/messages/count_tokens${search}`, {
      method: "POST",
      headers: upstreamRequestHeaders(c.req.raw.headers, channel.credential),
      body: bytes,
    }),
  );
  return new Response(upstream.body, {
    status: upstream.status,
    headers: clientResponseHeaders(upstream.headers, c.get("requestId")),
  });
});
