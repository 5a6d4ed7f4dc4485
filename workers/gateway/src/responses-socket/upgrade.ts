import { GatewayError, type OpenAiResponsesRequest } from "@cc/formats";
import { randomBase62 } from "@cc/web-crypto";
import { accountStub } from "../account/client.ts";
import { identify, KEY_REFUSED, refuse } from "../proxy/auth.ts";
import type { ProxyRoute } from "../proxy/plan.ts";
import { leaseTtlMs, SOCKET_LIMITS, type SocketLimits } from "./limits.ts";
import { messageHeaders } from "./protocol.ts";
import { ResponsesSocket } from "./socket.ts";

/**
 * GET /v1/responses with `Upgrade: websocket`: the Responses API's WebSocket mode
 * (https://developers.openai.com/api/docs/guides/websocket-mode), which Codex's built-in
 * OpenAI provider tries first. The key is checked from the upgrade's headers before anything is
 * accepted (401 as over HTTP, 429 past the failed-key throttle), and the key's account takes a
 * lease on one of its sockets (429 past the key's bound: the client falls back to HTTP). Only
 * then is the socket accepted; each message then runs `route` through the proxy pipeline.
 */
export async function openResponsesSocket(
  request: Request,
  env: Env,
  ctx: { waitUntil(promise: Promise<unknown>): void },
  route: ProxyRoute<OpenAiResponsesRequest>,
  limits: SocketLimits = SOCKET_LIMITS,
): Promise<Response> {
  const caller = await identify(env, request.headers);
  const lease = randomBase62(12);
  const opened = await accountStub(env, caller.accountId).openSocket({
    accountId: caller.accountId,
    keyHash: caller.keyHash,
    lease,
    limit: limits.perKey,
    ttlMs: leaseTtlMs(limits),
  });
  if (!opened.ok) {
    if (opened.reason === "too_many_sockets") {
      throw new GatewayError(
        "rate_limit",
        `This API key already holds ${opened.open} open WebSocket connections (at most ${limits.perKey}): close one, or send requests over HTTP.`,
      );
    }
    return refuse(env, request.headers, KEY_REFUSED[opened.reason]);
  }
  const { 0: client, 1: server } = new WebSocketPair();
  server.accept();
  const socket = new ResponsesSocket(
    server,
    {
      env,
      headers: messageHeaders(request.headers),
      caller,
      lease,
      route,
      waitUntil: (p) => ctx.waitUntil(p),
    },
    limits,
  );
  socket.start();
  return new Response(null, { status: 101, webSocket: client });
}
