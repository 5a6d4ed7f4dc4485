import { exports } from "cloudflare:workers";
import { BASE } from "./helpers.ts";

/** One event of a Responses WebSocket, parsed. */
export type SocketEvent = { type: string } & Record<string, unknown>;

/** The terminal events of a response on a socket (and the error event that replaces one). */
const TERMINAL = new Set(["response.completed", "response.incomplete", "response.failed", "error"]);

/**
 * A client's end of a Responses WebSocket: every message it receives, in order, and how the
 * socket closed. `response()` reads the events of the next response up to its terminal event.
 */
export class TestSocket {
  private readonly events: SocketEvent[] = [];
  private read = 0;
  private waiter: (() => void) | undefined;
  closed: { code: number; reason: string } | undefined;

  constructor(readonly ws: WebSocket) {
    ws.accept();
    ws.addEventListener("message", (ev) => {
      this.events.push(JSON.parse(ev.data as string) as SocketEvent);
      this.waiter?.();
    });
    ws.addEventListener("close", (ev) => {
      this.closed = { code: ev.code, reason: ev.reason };
      this.waiter?.();
    });
  }

  send(message: Record<string, unknown> | string): void {
    this.ws.send(typeof message === "string" ? message : JSON.stringify(message));
  }

  /** Sends a `response.create` with this body. */
  create(body: Record<string, unknown>): void {
    this.send({ type: "response.create", ...body });
  }

  /** The next event, waiting for it; undefined once the socket closed with none left. */
  async next(): Promise<SocketEvent | undefined> {
    for (;;) {
      const event = this.events[this.read];
      if (event) {
        this.read++;
        return event;
      }
      if (this.closed) return undefined;
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
      });
      this.waiter = undefined;
    }
  }

  /** The events of the next response, its terminal event (or error event) last. */
  async response(): Promise<SocketEvent[]> {
    const out: SocketEvent[] = [];
    for (;;) {
      const event = await this.next();
      if (!event) throw new Error(`socket closed after ${out.length} events: ${JSON.stringify(this.closed)}`);
      out.push(event);
      if (TERMINAL.has(event.type)) return out;
    }
  }

  /** Waits for the socket to close. */
  async whenClosed(): Promise<{ code: number; reason: string }> {
    while (!this.closed) {
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
      });
      this.waiter = undefined;
    }
    return this.closed;
  }

  close(code = 1000): void {
    this.ws.close(code, "client done");
  }
}

/** The upgrade request a WebSocket client (Codex) sends, with this key. */
export function upgradeRequest(key: string | undefined, headers: Record<string, string> = {}): Request {
  return new Request(`${BASE}/api/proxy/v1/responses`, {
    headers: {
      upgrade: "websocket",
      "openai-beta": "responses_websockets=2026-02-06",
      ...(key === undefined ? {} : { authorization: `Bearer ${key}` }),
      ...headers,
    },
  });
}

/** Opens a socket through the gateway as Codex does; throws with the answer if it is not upgraded. */
export async function openSocket(key: string, headers: Record<string, string> = {}): Promise<TestSocket> {
  const res = await exports.default.fetch(upgradeRequest(key, headers));
  if (res.status !== 101 || !res.webSocket)
    throw new Error(`not upgraded: ${res.status} ${await res.text()}`);
  return new TestSocket(res.webSocket);
}

/** The text of a response's output_text deltas. */
export const deltasText = (events: SocketEvent[]): string =>
  events
    .filter((e) => e.type === "response.output_text.delta")
    .map((e) => e.delta as string)
    .join("");
