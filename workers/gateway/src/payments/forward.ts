import { Hono } from "hono";
import type { AppEnv } from "../env.ts";

/**
 * /payments/* belongs to the payments Worker (processors' callbacks, the dev processor's
 * pages). `wrangler dev` serves only the gateway's port, and a deployment may give payments no
 * route of its own, so the gateway passes these requests through, untouched (the raw body is
 * what processors sign).
 */
export const paymentsForward = new Hono<AppEnv>();

paymentsForward.all("*", async (c) => {
  const res = await c.env.PAYMENTS.fetch(c.req.raw);
  // A fetched response's headers are immutable; the gateway's middleware adds request-id.
  return new Response(res.body, res);
});
