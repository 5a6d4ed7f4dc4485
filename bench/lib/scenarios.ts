/**
 * The load scenarios. Each names its target Worker, route and body, and the floor it is
 * compared with. Routes that are still being built (OpenAI Chat and Responses) are probed
 * first: a 404 makes the scenario "not available yet" instead of a failure.
 */
import { anthropicLarge, anthropicSmall, chatSmall, responsesSmall } from "./bodies.ts";
import type { UpstreamKind } from "./stack.ts";

export type Target = "direct" | "floor" | "gateway";
export type Format = "anthropic" | "chat" | "responses";

export interface Scenario {
  id: string;
  title: string;
  /** Which Miniflare stack serves it (the upstream behind gateway and floor). */
  stack: UpstreamKind;
  target: Target;
  format: Format;
  path: string;
  stream: boolean;
  body: Buffer;
  bodyLabel: string;
  /** Shape of the bench upstream's stream (stack "stream" only). */
  shape?: { deltas: number; delayMs: number };
  /** The scenario this one is compared with (its floor); the first available one wins. */
  floor?: string[];
  /** Text the end of a good streamed body contains. */
  expectTail?: string;
  /** Number of API keys the requests rotate through (gateway only). */
  keys?: number;
  /** Overrides the run's concurrency. */
  concurrency?: number;
}

const ROUTE: Record<Format, { upstream: string; gateway: string }> = {
  anthropic: { upstream: "/v1/messages", gateway: "/api/proxy/v1/messages" },
  chat: { upstream: "/v1/chat/completions", gateway: "/api/proxy/v1/chat/completions" },
  responses: { upstream: "/v1/responses", gateway: "/api/proxy/v1/responses" },
};
const TAIL: Record<Format, string> = {
  anthropic: "message_stop",
  chat: "[DONE]",
  responses: "response.completed",
};

/**
 * Keys per gateway scenario. Admission reads the key's whole 60-second window, so one key at
 * thousands of requests a second would measure a window no real key has (a Pro key is capped
 * at 500 requests a minute). Spread over this many fresh keys, each key's window stays within
 * a few hundred entries over a scenario.
 */
export const KEYS_PER_SCENARIO = 32;

function scenario(
  id: string,
  title: string,
  stack: UpstreamKind,
  target: Target,
  format: Format,
  stream: boolean,
  extra: Partial<Scenario> = {},
): Scenario {
  const body =
    format === "anthropic"
      ? anthropicSmall(stream)
      : format === "chat"
        ? chatSmall(stream)
        : responsesSmall(stream);
  return {
    id,
    title,
    stack,
    target,
    format,
    path: target === "gateway" ? ROUTE[format].gateway : ROUTE[format].upstream,
    stream,
    body,
    bodyLabel: `${body.byteLength} B`,
    ...(stream ? { expectTail: TAIL[format] } : {}),
    ...(target === "gateway" ? { keys: KEYS_PER_SCENARIO } : {}),
    ...extra,
  };
}

export const STREAM_SHAPE = { deltas: 200, delayMs: 5 };
export const BULK_SHAPE = { deltas: 1000, delayMs: 0 };

export function allScenarios(): Scenario[] {
  const large = anthropicLarge(false);
  const s = STREAM_SHAPE;
  const b = BULK_SHAPE;
  return [
    // Non-streamed, against the embedded mock (zero latency).
    scenario("json.direct", "direct to the mock", "mock", "direct", "anthropic", false),
    scenario("json.floor", "floor (bare Hono proxy)", "mock", "floor", "anthropic", false),
    scenario("json.gateway", "gateway: Anthropic passthrough", "mock", "gateway", "anthropic", false, {
      floor: ["json.floor"],
    }),
    // One key for everything: admission reads the key's whole 60-second window, so its cost
    // grows with the key's recent requests (watch req/s fall second by second).
    scenario(
      "json.gateway-1key",
      "gateway: Anthropic passthrough, one hot key",
      "mock",
      "gateway",
      "anthropic",
      false,
      {
        keys: 1,
        floor: ["json.floor"],
      },
    ),
    // One request at a time: the latency the gateway adds when nothing queues.
    scenario("json.floor-c1", "floor, one request at a time", "mock", "floor", "anthropic", false, {
      concurrency: 1,
    }),
    scenario("json.gateway-c1", "gateway, one request at a time", "mock", "gateway", "anthropic", false, {
      concurrency: 1,
      floor: ["json.floor-c1"],
    }),
    scenario("json.gateway-chat", "gateway: OpenAI Chat → Claude", "mock", "gateway", "chat", false, {
      floor: ["json.floor"],
    }),
    scenario("json.floor-responses", "floor: Responses", "mock", "floor", "responses", false),
    scenario(
      "json.gateway-responses",
      "gateway: Responses passthrough",
      "mock",
      "gateway",
      "responses",
      false,
      {
        floor: ["json.floor-responses", "json.floor"],
      },
    ),
    scenario("json64k.floor", "floor, 64 KB agent request", "mock", "floor", "anthropic", false, {
      body: large,
      bodyLabel: `${Math.round(large.byteLength / 1024)} KB`,
    }),
    scenario("json64k.gateway", "gateway, 64 KB agent request", "mock", "gateway", "anthropic", false, {
      body: large,
      bodyLabel: `${Math.round(large.byteLength / 1024)} KB`,
      floor: ["json64k.floor"],
    }),
    // Streamed, from the bench upstream: 200 deltas 5 ms apart (time to first byte, to last byte).
    scenario("stream.direct", "direct to the upstream", "stream", "direct", "anthropic", true, { shape: s }),
    scenario("stream.floor", "floor (bare Hono proxy)", "stream", "floor", "anthropic", true, { shape: s }),
    scenario(
      "stream.gateway",
      "gateway: Anthropic passthrough + usage tap",
      "stream",
      "gateway",
      "anthropic",
      true,
      {
        shape: s,
        floor: ["stream.floor"],
      },
    ),
    scenario("stream.gateway-chat", "gateway: OpenAI Chat → Claude", "stream", "gateway", "chat", true, {
      shape: s,
      floor: ["stream.floor"],
    }),
    scenario("stream.floor-responses", "floor: Responses", "stream", "floor", "responses", true, {
      shape: s,
    }),
    scenario(
      "stream.gateway-responses",
      "gateway: Responses passthrough",
      "stream",
      "gateway",
      "responses",
      true,
      {
        shape: s,
        floor: ["stream.floor-responses", "stream.floor"],
      },
    ),
    // Streamed as fast as possible: 1,000 deltas back to back (bytes/s, CPU per delta).
    scenario("bulk.floor", "floor (bare Hono proxy)", "stream", "floor", "anthropic", true, { shape: b }),
    scenario(
      "bulk.gateway",
      "gateway: Anthropic passthrough + usage tap",
      "stream",
      "gateway",
      "anthropic",
      true,
      {
        shape: b,
        floor: ["bulk.floor"],
      },
    ),
    scenario("bulk.gateway-chat", "gateway: OpenAI Chat → Claude", "stream", "gateway", "chat", true, {
      shape: b,
      floor: ["bulk.floor"],
    }),
  ];
}

/** The request headers of a scenario (the API key is added per request from the key pool). */
export function headersFor(sc: Scenario, upstreamKey: string): Record<string, string> {
  const h: Record<string, string> = { "content-type": "application/json", accept: "*/*" };
  if (sc.format === "anthropic") h["anthropic-version"] = "2023-06-01";
  // Direct and floor requests present the upstream's own key, as the gateway does, in the
  // vendor's style: x-api-key for Anthropic, Bearer for OpenAI.
  if (sc.target !== "gateway") {
    if (sc.format === "anthropic") h["x-api-key"] = upstreamKey;
    else h.authorization = `Bearer ${upstreamKey}`;
  }
  if (sc.shape) h["x-bench-stream"] = `deltas=${sc.shape.deltas}; delay=${sc.shape.delayMs}`;
  return h;
}

/** How a gateway request carries its key: x-api-key for Anthropic clients, Bearer for OpenAI's. */
export function keyHeader(sc: Scenario): { header: string; value: (key: string) => string } {
  return sc.format === "anthropic"
    ? { header: "x-api-key", value: (k) => k }
    : { header: "authorization", value: (k) => `Bearer ${k}` };
}
