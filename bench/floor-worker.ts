/**
 * The floor: the least a Hono Worker in front of the upstream can cost. It forwards every
 * request to the upstream through a service binding, untouched, and relays the response as is:
 * no auth, no admission, no tap, no settle. The gateway is measured against it.
 *
 * Hono is the gateway's own copy, so both run the same router version.
 */
import { Hono } from "../workers/gateway/node_modules/hono";

interface FloorEnv {
  UPSTREAM: { fetch(request: Request): Promise<Response> };
}

const app = new Hono<{ Bindings: FloorEnv }>();

app.all("*", (c) => c.env.UPSTREAM.fetch(c.req.raw));

export default app;
