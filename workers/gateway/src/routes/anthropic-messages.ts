import {
  AnthropicCountTokensRequestSchema,
  AnthropicMessagesRequestSchema,
  anthropicUsageToRecord,
  emptyUsage,
  estimateTokens,
  GatewayError,
  renderAnthropicStreamError,
} from "@cc/formats";
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { validate } from "../lib/validate.ts";
import { admit } from "../proxy/admission.ts";
import { authenticate, identify } from "../proxy/auth.ts";
import { anthropicChannel, fetchUpstream } from "../proxy/channels.ts";
import { clientResponseHeaders, upstreamRequestHeaders } from "../proxy/headers.ts";
import { BALANCE_HEADER, COST_HEADER, finish, type MeterContext } from "../proxy/meter.ts";
import { readJsonBody } from "../proxy/read-body.ts";
import { tapAnthropicStream } from "../proxy/usage-tap.ts";

export const anthropicMessages = new Hono<AppEnv>();

anthropicMessages.use("*", async (c, next) => {
  c.set("format", "anthropic-messages");
  await next();
});

const errorFrame = () =>
  new TextEncoder().encode(
    renderAnthropicStreamError(new GatewayError("upstream", "The upstream stream ended unexpectedly.")),
  );

/** POST /v1/messages: Anthropic in, Anthropic upstream, bytes through untouched. */
anthropicMessages.post("/v1/messages", async (c) => {
  const requestId = c.get("requestId");
  const startedAt = c.get("startedAt");
  const { bytes, text: rawBody, json } = await readJsonBody(c.req.raw);
  const body = validate(AnthropicMessagesRequestSchema, json);
  const caller = await identify(c.env, c.req.raw.headers);
  // The whole body's estimate over-counts JSON punctuation: a safe worst case for admission.
  const inputEstimate = estimateTokens(rawBody);
  const admitted = await admit(c.env, c.req.raw.headers, "anthropic-messages", caller, {
    requestId,
    model: body.model,
    inputEstimate,
    maxOutputTokens: body.max_tokens,
  });
  const stream = body.stream === true;
  const meter: MeterContext = {
    env: c.env,
    caller,
    requestId,
    model: body.model,
    format: "anthropic-messages",
    stream,
    startedAt,
    inputEstimate,
  };

  const channel = anthropicChannel(c.env);
  const search = new URL(c.req.url).search;
  let upstream: Response;
  try {
    upstream = await fetchUpstream(
      channel,
      new Request(`${channel.baseUrl}/v1/messages${search}`, {
        method: "POST",
        headers: upstreamRequestHeaders(c.req.raw.headers, channel.credential),
        body: bytes,
      }),
    );
  } catch (err) {
    c.executionCtx.waitUntil(
      finish(meter, { status: 502, usage: emptyUsage(), outcome: "upstream_error", ttfbMs: null }),
    );
    throw err;
  }
  const headers = clientResponseHeaders(upstream.headers, requestId);
  for (const [name, value] of Object.entries(admitted.headers)) headers.set(name, value);

  const isSse = upstream.headers.get("content-type")?.includes("text/event-stream") ?? false;
  if (upstream.ok && isSse && upstream.body) {
    const tapped = tapAnthropicStream(upstream.body, startedAt, errorFrame);
    c.executionCtx.waitUntil(
      tapped.done.then((t) =>
        finish(meter, { status: upstream.status, usage: t.usage, outcome: t.outcome, ttfbMs: t.ttfbMs }),
      ),
    );
    return new Response(tapped.readable, { status: upstream.status, headers });
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
