import { priceFor } from "@cc/billing";
import {
  AnthropicStreamDecoder,
  decodeAnthropicResponse,
  decodeOpenAiChatRequest,
  emptyUsage,
  encodeAnthropicRequest,
  encodeOpenAiChatResponse,
  estimateTokens,
  GatewayError,
  OpenAiChatStreamEncoder,
  parseOpenAiChatRequest,
  renderAnthropicStreamError,
  translateSseStream,
} from "@cc/formats";
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { priceTable } from "../lib/prices.ts";
import { identify } from "../proxy/auth.ts";
import { anthropicChannel } from "../proxy/channels.ts";
import { upstreamRequestHeaders } from "../proxy/headers.ts";
import { BALANCE_HEADER, COST_HEADER, finish } from "../proxy/meter.ts";
import { begin, callUpstream, streamOutcome } from "../proxy/pipeline.ts";
import { readJsonBody } from "../proxy/read-body.ts";
import { relay } from "../proxy/relay.ts";
import { anthropicUpstreamError } from "../proxy/upstream-error.ts";

export const openAiChat = new Hono<AppEnv>();

const brokenStream = () =>
  new TextEncoder().encode(
    renderAnthropicStreamError(new GatewayError("upstream", "The upstream stream ended unexpectedly.")),
  );

/**
 * POST /v1/chat/completions for Claude models: OpenAI Chat in, translated to Anthropic
 * Messages through the internal representation, and the answer translated back as it arrives.
 */
openAiChat.post("/v1/chat/completions", async (c) => {
  c.set("format", "openai-chat");
  const startedAt = c.get("startedAt");
  const { json } = await readJsonBody(c.req.raw);
  const body = parseOpenAiChatRequest(json);
  const caller = await identify(c.env, c.req.raw.headers);
  const price = priceFor(priceTable(c.env), body.model);
  if (!price) {
    throw new GatewayError("invalid_request", `model: '${body.model}' is not offered by this gateway.`, {
      param: "model",
    });
  }
  if (price.family !== "anthropic") {
    throw new GatewayError("invalid_request", `model: '${body.model}' is not available on this route yet.`, {
      param: "model",
    });
  }
  const upstreamBody = encodeAnthropicRequest(decodeOpenAiChatRequest(body));
  const upstreamText = JSON.stringify(upstreamBody);
  const stream = upstreamBody.stream;
  const { admitted, meter } = await begin(c, {
    format: "openai-chat",
    caller,
    model: body.model,
    inputEstimate: estimateTokens(upstreamText),
    maxOutputTokens: upstreamBody.max_tokens,
    stream,
  });

  const channel = anthropicChannel(c.env);
  const headers = upstreamRequestHeaders(c.req.raw.headers, channel.credential);
  headers.set("content-type", "application/json");
  headers.set("anthropic-version", "2023-06-01");
  const upstream = await callUpstream(
    c,
    meter,
    channel,
    new Request(`${channel.baseUrl}/v1/messages`, { method: "POST", headers, body: upstreamText }),
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
    const err = anthropicUpstreamError(upstream.status, text, upstream.headers);
    throw new GatewayError(err.kind, err.message, {
      ...(err.retryAfterSeconds ? { retryAfterSeconds: err.retryAfterSeconds } : {}),
      headers: admitted.headers,
    });
  }

  if (stream && upstream.body) {
    const decoder = new AnthropicStreamDecoder();
    const encoder = new OpenAiChatStreamEncoder({
      includeUsage: body.stream_options?.include_usage === true,
      model: body.model,
    });
    const relayed = relay(upstream.body, startedAt, { errorFrame: brokenStream });
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
    return new Response(relayed.readable.pipeThrough(translateSseStream(decoder, encoder)), {
      status: 200,
      headers: out,
    });
  }

  const response = decodeAnthropicResponse(await upstream.json());
  const ttfbMs = Date.now() - startedAt;
  const settled = await finish(meter, { status: 200, usage: response.usage, outcome: "ok", ttfbMs });
  if (settled) {
    out.set(COST_HEADER, String(settled.chargedNano));
    out.set(BALANCE_HEADER, String(settled.balanceNano));
  }
  out.set("content-type", "application/json");
  return new Response(JSON.stringify(encodeOpenAiChatResponse(response, { model: body.model })), {
    status: 200,
    headers: out,
  });
});
