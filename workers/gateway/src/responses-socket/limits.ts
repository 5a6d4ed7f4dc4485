import { RESERVATION_TTL_MS } from "../account/account-do.ts";

/** The bounds of one Responses WebSocket (README "Codex", docs/responses-websocket.md). */
export interface SocketLimits {
  /** A socket with no message and no response in flight for this long is closed (1000). */
  idleMs: number;
  /**
   * A socket is closed after this long, as OpenAI closes its own after 60 minutes
   * (https://developers.openai.com/api/docs/guides/websocket-mode): a response in flight
   * finishes first; a message after the limit is answered `websocket_connection_limit_reached`.
   */
  maxSessionMs: number;
  /** Open sockets per key; the next upgrade is refused with 429 (Codex then uses HTTP). */
  perKey: number;
  /** Messages waiting behind the response in flight; one more is refused with an error event. */
  maxQueued: number;
}

export const SOCKET_LIMITS: SocketLimits = {
  idleMs: 10 * 60_000,
  maxSessionMs: 60 * 60_000,
  perKey: 16,
  maxQueued: 4,
};

/**
 * How long a socket's lease lives in the AccountDO unless returned: its longest life, plus the
 * longest a response in flight at the limit may still take (a reservation's life).
 */
export const leaseTtlMs = (limits: SocketLimits): number => limits.maxSessionMs + RESERVATION_TTL_MS;
