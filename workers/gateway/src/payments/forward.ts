import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { AccountsRpc } from "./accounts-rpc.ts";

/**
 * /payments/* belongs to the payments Worker (processors' callbacks, the dev processor's
 * pages), which has no public URL of its own: the gateway passes these requests through,
 * untouched (the raw body is what processors sign), with the capability to credit top-ups.
 */
export const paymentsForward = new Hono<AppEnv>();

paymentsForward.all("*", async (c) => {
  const res = await c.env.PAYMENTS.handle(c.req.raw, new AccountsRpc(c.env));
  // A fetched response's headers are immutable; the gateway's middleware adds request-id.
  return new Response(res.body, res);
});
