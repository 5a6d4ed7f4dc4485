/**
 * The gateway's money side, for the payments tests: the real AccountDO, AccountsRpc and admin
 * API, bundled as the auxiliary Worker "cc-gateway" — without the proxy routes, so that work in
 * flight on the wire formats cannot break the payments tests. The gateway's own tests run the
 * whole gateway with the payments Worker beside it.
 */
import { Hono } from "hono";
import type { AppEnv } from "../../gateway/src/env.ts";
import { admin } from "../../gateway/src/routes/admin.ts";

export { AccountDO } from "../../gateway/src/account/account-do.ts";
export { AccountsRpc } from "../../gateway/src/payments/accounts-rpc.ts";
export { AuthThrottle } from "../../gateway/src/throttle/auth-throttle.ts";

const app = new Hono<AppEnv>();
app.route("/api/admin", admin);
// The admin API's errors are GatewayErrors (kind + status); render them as the gateway does.
app.onError((err) => {
  const e = err as Error & { kind?: string; status?: number };
  return Response.json(
    { error: { type: e.kind ?? "internal", message: e.message } },
    { status: e.status ?? 500 },
  );
});

export default app;
