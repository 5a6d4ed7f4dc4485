/**
 * The gateway's money side, for the payments tests: the real AccountDO, AccountsRpc and admin
 * API, bundled as the auxiliary Worker "cc-gateway" — without the proxy routes, so that work in
 * flight on the wire formats cannot break the payments tests. The gateway's own tests run the
 * whole gateway with the payments Worker beside it.
 */
import { WorkerEntrypoint } from "cloudflare:workers";
import { Hono } from "hono";
import type { CreditInput } from "../../gateway/src/account/types.ts";
import type { AppEnv } from "../../gateway/src/env.ts";
import { AccountsRpc as Balances } from "../../gateway/src/payments/accounts-rpc.ts";
import { admin } from "../../gateway/src/routes/admin.ts";

export { AccountDO } from "../../gateway/src/account/account-do.ts";
export { AuthThrottle } from "../../gateway/src/throttle/auth-throttle.ts";

/**
 * The gateway's AccountsRpc capability as an entrypoint, so the payments tests can bind it as
 * GATEWAY (in production the gateway passes it with each call instead).
 */
export class AccountsRpc extends WorkerEntrypoint<Env> {
  credit(input: CreditInput) {
    return new Balances(this.env).credit(input);
  }
}

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
