import { priceFor } from "@cc/billing";
import {
  AnthropicCountTokensRequestSchema,
  AnthropicMessagesRequestSchema,
  anthropicUsageToRecord,
  emptyUsage,
  GatewayError,
  renderAnthropicStreamError,
} from "@cc/formats";
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { priceTable } from "../lib/prices.ts";
import { validate } from "../lib/validate.ts";
import { authenticate, type Caller } from "../proxy/auth.ts";
import { anthropicChannel, fetchUpstream } from "../proxy/channels.ts";
import { clientResponseHeaders, upstreamRequestHeaders } from "../proxy/headers.ts";
import { readJsonBody } from "../proxy/read-body.ts";
import { writeUsage } from "../proxy/usage-log.ts";
import { tapAnthropicStream } from "../proxy/usage-tap.ts";

export const anthropicMessages = new Hono<AppEnv>();

anthropicMessages.use("*", async (c, next) => {
  c.set("format", "anthropic-messages");
  await next();
});

function checkModel(env: Env, caller: Caller, model: string): void {
  if (!priceFor(priceTable(env), model)) {
    throw new GatewayError("invalid_request", `model: '${model}' is not offered by this gateway.`, {
      param: "model",
    });
  }
  if (caller.allowedModels && !caller.allowedModels.includes(model)) {
    throw new GatewayError("permission", `This API key may not use the model '${model}'.`);
  }
}

const errorFrame = () =>
  new TextEncoder().encode(
    renderAnthropicStreamError(new GatewayError("upstream", "The upstream stream ended unexpectedly.")),
  );

/** POST /v1/messages: Anthropic in, Anthropic upstream, bytes through untouched. */
anthropicMessages.post("/v1/messages", async (c) => {
  const requestId = c.get("requestId");
  const startedAt = c.get("startedAt");
  const { bytes, json } = await readJsonBody(c.req.raw);
  const body = validate(AnthropicMessagesRequestSchema, json);
  const caller = await authenticate(c.env, c.req.raw.headers);
  checkModel(c.env, caller, body.model);

  const channel = anthropicChannel(c.env);
  const search = new URL(c.req.url).search;
  const upstream = await fetchUpstream(
    channel,
    new Request(`${channel.baseUrl}/v1/messages${search}`, {
      method: "POST",
      headers: upstreamRequestHeaders(c.req.raw.headers, channel.credential),
      body: bytes,
    }),
  );
  const headers = clientResponseHeaders(upstream.headers, requestId);
  const stream = body.stream === true;
  const log = (status: number, usage = emptyUsage(), outcome = "ok", ttfbMs: number | null = null) =>
    writeUsage(c.env, {
      requestId,
      caller,
      model: body.model,
      format: "anthropic-messages",
      stream,
      status,
      usage,
      costNano: 0,
      startedAt,
      ttfbMs,
      outcome,
    });

  const isSse = upstream.headers.get("content-type")?.includes("text/event-stream") ?? false;
  if (upstream.ok && isSse && upstream.body) {
    const tapped = tapAnthropicStream(upstream.body, startedAt, errorFrame);
    c.executionCtx.waitUntil(tapped.done.then((t) => log(upstream.status, t.usage, t.outcome, t.ttfbMs)));
    return new Response(tapped.readable, { status: upstream.status, headers });
  }

  // Non-streamed answers and upstream errors are small JSON bodies: read, log, relay as is.
  const text = await upstream.text();
  const ttfbMs = Date.now() - startedAt;
  let usage = emptyUsage();
  if (upstream.ok) {
    try {
      usage = anthropicUsageToRecord((JSON.parse(text) as { usage?: unknown }).usage);
    } catch {
      // An unparseable success body is relayed as is; it bills nothing.
    }
  }
  c.executionCtx.waitUntil(log(upstream.status, usage, upstream.ok ? "ok" : "upstream_error", ttfbMs));
  return new Response(text, { status: upstream.status, headers });
});

/** POST /v1/messages/count_tokens: relayed to the upstream, free of charge. */
anthropicMessages.post("/v1/messages/count_tokens", async (c) => {
  const { bytes, json } = await readJsonBody(c.req.raw);
  const body = validate(AnthropicCountTokensRequestSchema, json);
  const caller = await authenticate(c.env, c.req.raw.headers);
  checkModel(c.env, caller, body.model);
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
