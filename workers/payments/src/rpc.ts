import { WorkerEntrypoint } from "cloudflare:workers";
import type { Topup } from "@cc/db";
import { queries } from "@cc/db";
import { app } from "./app.ts";
import { makeDeps } from "./deps.ts";
import type { PaymentsEnv } from "./env.ts";
import { type CreateTopupInput, type CreateTopupResult, createTopup } from "./topups/create.ts";

/**
 * What the gateway calls through its PAYMENTS service binding (entrypoint "PaymentsRpc").
 * Not reachable from the Internet: only Workers bound to it can call.
 */
export class PaymentsRpc extends WorkerEntrypoint<PaymentsEnv> {
  /** The gateway forwards /payments/* here (the dev processor's pages, callbacks in development). */
  override fetch(request: Request): Promise<Response> {
    return Promise.resolve(app.fetch(request, this.env, this.ctx));
  }

  /** Creates a top-up and its processor invoice: `{ ok: true, topupId, invoiceUrl, status }` or why not. */
  createTopup(input: CreateTopupInput): Promise<CreateTopupResult> {
    return createTopup(makeDeps(this.env), input);
  }

  /** The account's top-ups, newest first (D1 rows). */
  listTopups(accountId: string, limit = 50): Promise<Topup[]> {
    return queries.listTopups(makeDeps(this.env).db, accountId, limit);
  }
}
