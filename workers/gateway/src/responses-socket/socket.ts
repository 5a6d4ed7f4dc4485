import type { Family } from "@cc/billing";
import {
  GatewayError,
  type OpenAiResponsesRequest,
  parseOpenAiResponsesRequest,
  SseDecoder,
  type SseEvent,
} from "@cc/formats";
import { accountStub } from "../account/client.ts";
import { asGatewayError } from "../lib/errors.ts";
import { newRequestId, newResponseId } from "../lib/ids.ts";
import { modelRow } from "../lib/model-row.ts";
import { MAX_BODY_BYTES } from "../lib/read-body.ts";
import type { Caller } from "../proxy/auth.ts";
import { type ProxyCall, proxyCall } from "../proxy/pipeline.ts";
import type { ProxyRoute } from "../proxy/plan.ts";
import { ConnectionConversation, type Continued, type Item, inputItems } from "./conversation.ts";
import type { SocketLimits } from "./limits.ts";
import {
  errorEvent,
  gatewayErrorEvent,
  readClientMessage,
  responseErrorEvent,
  warmUpEvents,
} from "./protocol.ts";

type Json = Record<string, unknown>;

/** Close codes (RFC 6455 §7.4.1). */
const NORMAL = 1000;
const UNSUPPORTED_DATA = 1003;
const POLICY_VIOLATION = 1008;

/** OpenAI's answer once a socket has lived its 60 minutes; Codex then opens a new one. */
const LIMIT_REACHED = {
  type: "invalid_request_error",
  code: "websocket_connection_limit_reached",
  message:
    "Responses websocket connection limit reached (60 minutes). Create a new websocket connection to continue.",
  param: null,
};

/** What a socket knows of the upgrade that opened it. */
export interface SocketContext {
  env: Env;
  /** The upgrade's headers as each message's pipeline call sees them (protocol.ts messageHeaders). */
  headers: Headers;
  caller: Caller;
  /** The socket's lease in its account's Durable Object, returned on close. */
  lease: string;
  route: ProxyRoute<OpenAiResponsesRequest>;
  waitUntil: (promise: Promise<unknown>) => void;
}

/** What the events of one response said, read as they were relayed. */
interface Relayed {
  /** The terminal response (completed or incomplete): its id and whether the vendor stored it. */
  ended?: { id: string; store: unknown };
  /** A terminal event (completed, incomplete or failed) was relayed: the client's turn is over. */
  terminal: boolean;
  /** Every output item, as `response.output_item.done` gave it. */
  output: Item[];
}

const utf8 = new TextEncoder();

/**
 * One Responses WebSocket: messages are served one at a time, in order, each through the
 * proxy pipeline as an HTTP request would be (its own request id, admission, reservation, usage
 * tap, settlement); the next message waits until the previous one has settled. The socket closes
 * when idle, at the end of its life, on a revoked key, or with its client; whatever it closes on,
 * a response in flight is cancelled upstream and billed by the metering rules (a hang-up), and
 * the connection's conversation goes with it.
 */
export class ResponsesSocket {
  private readonly conversation = new ConnectionConversation();
  private readonly openedAt = Date.now();
  private queue: Promise<void> = Promise.resolve();
  /** Messages received and not yet answered, the one in flight included. */
  private pending = 0;
  private reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  private closed = false;
  private expired = false;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private lifeTimer: ReturnType<typeof setTimeout> | undefined;
  private responses = 0;

  constructor(
    private readonly ws: WebSocket,
    private readonly ctx: SocketContext,
    private readonly limits: SocketLimits,
  ) {}

  start(): void {
    this.ws.addEventListener("message", (ev) => this.received(ev.data));
    this.ws.addEventListener("close", (ev) => this.ended(ev.code, ev.reason));
    this.ws.addEventListener("error", () => this.ended(1006, "socket error"));
    this.lifeTimer = setTimeout(() => this.expire(), this.limits.maxSessionMs);
    this.armIdle();
  }

  private received(data: string | ArrayBuffer): void {
    if (this.closed) return;
    if (typeof data !== "string") {
      this.close(UNSUPPORTED_DATA, "binary messages are not supported");
      return;
    }
    // A client that does not wait for its responses: the protocol has one in flight at a time.
    if (this.pending > this.limits.maxQueued) {
      this.close(POLICY_VIOLATION, "too many messages waiting for a response");
      return;
    }
    this.pending++;
    clearTimeout(this.idleTimer);
    this.queue = this.queue
      .then(() => this.handle(data))
      .catch((err: unknown) => {
        console.error(JSON.stringify({ level: "error", msg: "socket message failed", err: String(err) }));
      })
      .finally(() => {
        this.pending--;
        if (this.pending > 0 || this.closed) return;
        if (this.expired) this.close(NORMAL, "session length limit reached");
        else this.armIdle();
      });
  }

  /** One message, answered whole (its events, or one error event) before the next is read. */
  private async handle(text: string): Promise<void> {
    if (this.closed) return;
    const requestId = newRequestId();
    const startedAt = Date.now();
    if (this.expired) {
      this.send(errorEvent(400, LIMIT_REACHED, {}));
      this.close(NORMAL, "session length limit reached");
      return;
    }
    try {
      // Refused before it is parsed: a message holds at most one request body.
      if (text.length > MAX_BODY_BYTES) throw tooLarge("The message");
      const read = readClientMessage(text);
      if (!read.ok) {
        throw new GatewayError("invalid_request", read.message, read.param ? { param: read.param } : {});
      }
      if (!read.message) return;
      if (read.message.generate) await this.respond(read.message.body, requestId, startedAt);
      else this.warmUp(read.message.body);
    } catch (err) {
      const error = asGatewayError(err, requestId);
      this.send(gatewayErrorEvent(error, requestId));
      // The key was revoked (or deleted) while the socket was open: nothing more it can do.
      if (error.kind === "authentication") this.close(POLICY_VIOLATION, "the API key is no longer valid");
    }
  }

  /**
   * `generate: false`: the request is validated and becomes the connection's latest response,
   * answered at once; nothing reaches the vendor and nothing is billed.
   */
  private warmUp(body: Json): void {
    const request = parseOpenAiResponsesRequest(body);
    const continued = this.conversation.continueFrom(body, modelRow(this.ctx.env, request.model).family);
    encodeWithinLimit(continued.body);
    const id = newResponseId();
    for (const event of warmUpEvents(id, body, Math.floor(Date.now() / 1000))) this.send(event);
    this.conversation.remember(id, continued.context, false);
  }

  /** A response: through the pipeline, its events relayed, the connection's conversation advanced. */
  private async respond(body: Json, requestId: string, startedAt: number): Promise<void> {
    const { env } = this.ctx;
    // The model decides how a continuation reaches its vendor; a body without a known one is
    // the pipeline's to refuse (and log), in its words.
    const family = familyOf(env, body.model);
    const continued: Continued = family
      ? this.conversation.continueFrom(body, family)
      : { body, context: inputItems(body.input) };
    const bytes = encodeWithinLimit(continued.body);
    // What the pipeline leaves running (the settlement above all) is awaited before the next
    // message: each response is settled before the next one is admitted.
    const running: Promise<unknown>[] = [];
    const call: ProxyCall = {
      env,
      headers: this.ctx.headers,
      requestId,
      startedAt,
      search: "",
      waitUntil: (p) => {
        running.push(p);
        this.ctx.waitUntil(p);
      },
      body: async () => ({ bytes, json: continued.body }),
    };
    try {
      this.responses++;
      const res = await proxyCall(call, this.ctx.route);
      if (!res.ok) {
        this.send(await responseErrorEvent(res));
        return;
      }
      const relayed = await this.relay(res, requestId);
      if (relayed.ended) {
        const output = relayed.output.map(withoutId);
        this.conversation.remember(
          relayed.ended.id,
          continued.context && [...continued.context, ...output],
          family === "openai" && relayed.ended.store === true,
        );
      }
    } finally {
      await Promise.allSettled(running);
    }
  }

  /**
   * Sends each event of an answer as one text message, as it arrives; stops when the socket
   * closes. A stream that ends without a terminal event (the upstream broke off, or sent only
   * its flat `error` event) is ended for the client with an error event that carries a status:
   * Codex fails the turn on it and retries, where over a socket nothing else would end it.
   */
  private async relay(res: Response, requestId: string): Promise<Relayed> {
    const relayed: Relayed = { output: [], terminal: false };
    if (!res.body || !res.headers.get("content-type")?.includes("text/event-stream")) {
      // An upstream that answered a stream request with JSON: its items, then its Response as
      // the terminal event.
      const response = (await res.json()) as Json;
      const output = Array.isArray(response.output) ? (response.output as Item[]) : [];
      for (const [output_index, item] of output.entries()) {
        this.send(JSON.stringify({ type: "response.output_item.done", output_index, item }));
      }
      this.send(JSON.stringify({ type: "response.completed", response }));
      relayed.output = output;
      relayed.terminal = true;
      if (typeof response.id === "string") relayed.ended = { id: response.id, store: response.store };
      return relayed;
    }
    const reader = res.body.getReader();
    this.reader = reader;
    const sse = new SseDecoder();
    let drained = false;
    try {
      // Closed while the upstream was being called: its answer is cancelled as soon as it came.
      if (this.closed) throw new Error("socket closed");
      for (;;) {
        const { done, value } = await reader.read();
        if (done) drained = true;
        if (done || this.closed) break;
        for (const event of sse.push(value)) {
          this.send(event.data);
          watch(event, relayed);
        }
      }
    } catch (err) {
      // The socket closed and cancelled the read (a hang-up), or the read itself failed.
      if (!this.closed) {
        console.error(
          JSON.stringify({ level: "error", msg: "socket relay failed", requestId, err: String(err) }),
        );
      }
    } finally {
      this.reader = undefined;
    }
    // Not read to its end: cancelled, so that the pipeline settles it as a hang-up.
    if (!drained) await reader.cancel().catch(() => undefined);
    if (!relayed.terminal) {
      this.send(
        gatewayErrorEvent(
          new GatewayError("upstream", "The upstream stream ended before the response did."),
          requestId,
        ),
      );
    }
    return relayed;
  }

  private send(text: string): void {
    if (this.closed) return;
    try {
      this.ws.send(text);
    } catch {
      // closed under us: the close event ends the socket
    }
  }

  private armIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.pending === 0) this.close(NORMAL, "idle timeout");
    }, this.limits.idleMs);
  }

  /** The socket's life is over: closed now if idle, else once the messages in hand are answered. */
  private expire(): void {
    this.expired = true;
    if (this.pending === 0) this.close(NORMAL, "session length limit reached");
  }

  /** The gateway closes the socket. */
  private close(code: number, reason: string): void {
    if (this.closed) return;
    try {
      this.ws.close(code, reason);
    } catch {
      // already closing
    }
    this.ended(code, reason);
  }

  /** The socket is over, whoever closed it: the response in flight is cancelled, the lease returned. */
  private ended(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.idleTimer);
    clearTimeout(this.lifeTimer);
    void this.reader?.cancel().catch(() => undefined);
    const { env, caller, lease } = this.ctx;
    this.ctx.waitUntil(
      accountStub(env, caller.accountId)
        .closeSocket(caller.accountId, caller.keyHash, lease)
        .catch(() => undefined),
    );
    console.info(
      JSON.stringify({
        level: "info",
        msg: "responses socket closed",
        accountId: caller.accountId,
        keyId: caller.keyId,
        code,
        reason,
        responses: this.responses,
        durationMs: Date.now() - this.openedAt,
      }),
    );
  }
}

/** The vendor family of a model the price table lists; undefined for any other value. */
function familyOf(env: Env, model: unknown): Family | undefined {
  if (typeof model !== "string") return undefined;
  try {
    return modelRow(env, model).family;
  } catch {
    return undefined;
  }
}

/** Reads what the connection must remember from the events that end a response or an item. */
function watch(event: SseEvent, relayed: Relayed): void {
  const type = event.event ?? typeOf(event.data);
  if (type === "response.output_item.done") {
    const item = parsed<{ item?: Item }>(event.data)?.item;
    if (item) relayed.output.push(item);
  } else if (type === "response.completed" || type === "response.incomplete") {
    relayed.terminal = true;
    const response = parsed<{ response?: { id?: unknown; store?: unknown } }>(event.data)?.response;
    if (typeof response?.id === "string") relayed.ended = { id: response.id, store: response.store };
  } else if (type === "response.failed") {
    relayed.terminal = true;
  }
}

/** The `type` of an event's data, for a stream that does not name its events. */
function typeOf(data: string): string | undefined {
  const type = parsed<{ type?: unknown }>(data)?.type;
  return typeof type === "string" ? type : undefined;
}

/** An event's JSON data; undefined when it is not JSON (relayed all the same, remembered not). */
function parsed<T>(data: string): T | undefined {
  try {
    return JSON.parse(data) as T;
  } catch {
    return undefined;
  }
}

/** The conversation's next body as bytes, refused past the request limit. */
function encodeWithinLimit(body: Json): Uint8Array {
  const bytes = utf8.encode(JSON.stringify(body));
  if (bytes.byteLength > MAX_BODY_BYTES) throw tooLarge("The conversation");
  return bytes;
}

function tooLarge(what: string): GatewayError {
  return new GatewayError(
    "request_too_large",
    `${what} exceeds the ${MAX_BODY_BYTES / 1024 / 1024} MB request limit: start a new conversation.`,
  );
}

/**
 * An output item as the next request's input: without its id, which names an object the vendor
 * keeps only when it stores the response (an unstored one is refused: "Items are not persisted
 * when `store` is set to false", https://platform.openai.com/docs/guides/conversation-state).
 */
function withoutId(item: Item): Item {
  const { id: _id, ...rest } = item;
  return rest;
}
