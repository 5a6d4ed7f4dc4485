/**
 * The wire contract of the Responses API's WebSocket mode, as OpenAI documents it
 * (https://developers.openai.com/api/docs/guides/websocket-mode,
 * https://developers.openai.com/api/reference/resources/responses/websocket-events) and as
 * Codex speaks it (https://github.com/openai/codex, codex-rs/codex-api/src/endpoint/responses_websocket.rs):
 * the client sends `response.create` text messages (the body of POST /v1/responses with a
 * `type`; `stream` is implicit; `generate: false` warms the connection up without a model
 * call); the server answers each with the Responses stream events, one JSON text message each,
 * and reports a refusal as `{"type":"error","status":…,"error":{…},"headers":{…}}`.
 */
import { type GatewayError, renderOpenAiChatError } from "@cc/formats";

type Json = Record<string, unknown>;

/** Codex's beta header on the upgrade (responses_websockets=2026-02-06); meaningless upstream over HTTP. */
const WEBSOCKET_BETA = /^responses_websockets=/;

/** One message from the client: a response to create, or a warm-up (`generate: false`). */
export interface CreateMessage {
  generate: boolean;
  /** The Responses body: the message without `type` and `generate`, streamed. */
  body: Json;
}

/**
 * Reads a client message. Returns the create message (undefined for an acknowledgement, which
 * asks for no answer), or what is wrong with it (a 400 for the caller to report as an error
 * event, naming the field at fault).
 */
export function readClientMessage(
  text: string,
): { ok: true; message: CreateMessage | undefined } | { ok: false; message: string; param?: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: "The message is not valid JSON." };
  }
  if (typeof json !== "object" || json === null || Array.isArray(json))
    return { ok: false, message: "The message must be a JSON object." };
  const { type, generate, ...body } = json as Json;
  // Newer Codex acknowledges each response it has processed (ResponsesWsRequest::ResponseProcessed
  // in codex-rs/codex-api): nothing to do, and an error event would fail its next turn.
  if (type === "response.processed") return { ok: true, message: undefined };
  if (type !== "response.create") {
    const sent = typeof type === "string" ? `'${type.slice(0, 100)}'` : "missing";
    return {
      ok: false,
      message: `Invalid value for 'type': ${sent}. Supported values are: 'response.create'.`,
      param: "type",
    };
  }
  // Every answer on a socket is a stream: `stream` is implied (and sent upstream as true).
  return { ok: true, message: { generate: generate !== false, body: { ...body, stream: true } } };
}

/** An error event: status, the error object of an HTTP answer, and its headers (rate limits, retry-after). */
export function errorEvent(status: number, error: unknown, headers: Record<string, string>): string {
  return JSON.stringify({ type: "error", status, error, headers });
}

/** A gateway error as an error event, worded as over HTTP (renderError's OpenAI shape). */
export function gatewayErrorEvent(err: GatewayError, requestId: string): string {
  const rendered = renderOpenAiChatError(err, requestId);
  const { "content-type": _type, ...headers } = rendered.headers;
  return errorEvent(rendered.status, rendered.body.error, headers);
}

/**
 * An upstream's error answer relayed by the pipeline (a passthrough: the vendor's own error
 * body, e.g. previous_response_not_found) as an error event.
 */
export async function responseErrorEvent(res: Response): Promise<string> {
  const text = await res.text();
  let error: unknown;
  try {
    error = (JSON.parse(text) as { error?: unknown }).error;
  } catch {
    // not JSON: worded below
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of res.headers) {
    if (name !== "content-type" && name !== "content-length") headers[name] = value;
  }
  return errorEvent(
    res.status,
    error ?? { type: "api_error", code: null, message: text.slice(0, 500), param: null },
    headers,
  );
}

/**
 * The answer to a warm-up (`generate: false`): a response that generated nothing, created and
 * completed at once, whose id the next message can continue from.
 */
export function warmUpEvents(id: string, body: Json, createdAt: number): string[] {
  const response = {
    id,
    object: "response",
    created_at: createdAt,
    model: body.model,
    output: [],
    usage: null,
    error: null,
    incomplete_details: null,
    store: body.store ?? null,
  };
  const usage = {
    input_tokens: 0,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: 0,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: 0,
  };
  return [
    JSON.stringify({
      type: "response.created",
      sequence_number: 0,
      response: { ...response, status: "in_progress" },
    }),
    JSON.stringify({
      type: "response.completed",
      sequence_number: 1,
      response: { ...response, status: "completed", usage },
    }),
  ];
}

/**
 * The headers each message's pipeline call sees: the upgrade request's (the key, the client's
 * network, Codex's session headers, forwarded upstream as over HTTP) without the handshake's
 * own (RFC 6455 §4.1 `Sec-WebSocket-*`) and the WebSocket beta, with a JSON content type.
 */
export function messageHeaders(upgrade: Headers): Headers {
  const out = new Headers();
  for (const [name, value] of upgrade) {
    if (name.startsWith("sec-websocket-")) continue;
    if (name === "openai-beta") {
      const kept = value
        .split(",")
        .map((v) => v.trim())
        .filter((v) => v !== "" && !WEBSOCKET_BETA.test(v));
      if (kept.length > 0) out.set(name, kept.join(","));
      continue;
    }
    out.set(name, value);
  }
  out.set("content-type", "application/json");
  return out;
}
