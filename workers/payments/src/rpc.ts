import { WorkerEntrypoint } from "cloudflare:workers";
import type { Topup } from "@cc/db";
import { queries } from "@cc/db";
import { type Balances, type Coin, type ProviderId, TOPUP_PROVIDERS } from "@cc/topups";
import { app } from "./app.ts";
import { requeryStale, requeryTopup } from "./cron.ts";
import { makeDeps } from "./deps.ts";
import type { PaymentsBindings, PaymentsEnv } from "./env.ts";
import type { ApplyOutcome } from "./topups/apply.ts";
import { type CreateTopupInput, type CreateTopupResult, createTopup } from "./topups/create.ts";

/** For the calls that never change a balance (creating and listing top-ups). */
const NO_BALANCES: Balances = {
  credit: () => Promise.reject(new Error("this call may not change balances")),
};

/**
 * What the gateway calls through its PAYMENTS service binding (entrypoint "PaymentsRpc"). The
 * payments Worker has no public URL: this is its whole surface. Calls that may credit a
 * balance take the gateway's AccountsRpc capability as an argument.
 */
export class PaymentsRpc extends WorkerEntrypoint<PaymentsBindings> {
  /** /payments/* as the gateway received it: processors' callbacks, the dev processor's pages. */
  handle(request: Request, balances: Balances): Promise<Response> {
    const env: PaymentsEnv = { ...this.env, GATEWAY: balances };
    return Promise.resolve(app.fetch(request, env, this.ctx));
  }

  /** The gateway's cron: re-query top-ups stuck in pending / confirming (lost callbacks). */
  requeryStale(
    scheduledTime: number,
    balances: Balances,
  ): Promise<{ checked: number; creditedNano: number }> {
    return requeryStale(makeDeps({ ...this.env, GATEWAY: balances }), scheduledTime);
  }

  /**
   * An operator's "re-query" of one top-up (the console): its processor's answer applied now.
   * `found: false` for an unknown top-up; `outcome` undefined when the processor is not enabled
   * or does not know the payment. Throws when the processor cannot be reached.
   */
  async requeryTopup(
    topupId: string,
    balances: Balances,
  ): Promise<{ found: boolean; outcome: ApplyOutcome | undefined; status: string | undefined }> {
    const deps = makeDeps({ ...this.env, GATEWAY: balances });
    const topup = await queries.getTopup(deps.db, topupId);
    if (!topup) return { found: false, outcome: undefined, status: undefined };
    const outcome = await requeryTopup(deps, topup);
    return { found: true, outcome, status: (await queries.getTopup(deps.db, topupId))?.status };
  }

  /**
   * The processors this deployment has enabled (configured), in the order the dashboard offers
   * them, and the coins each one takes: /health, and the top-up form (which offers nothing else).
   */
  status(): { processors: ProviderId[]; coins: Partial<Record<ProviderId, Coin[]>> } {
    const deps = makeDeps({ ...this.env, GATEWAY: NO_BALANCES });
    const coins: Partial<Record<ProviderId, Coin[]>> = {};
    for (const id of TOPUP_PROVIDERS) {
      const provider = deps.provider(id);
      if (provider) coins[id] = [...provider.coins];
    }
    return { processors: TOPUP_PROVIDERS.filter((id) => coins[id] !== undefined), coins };
  }

  /** Creates a top-up and its processor invoice: `{ ok: true, topupId, invoiceUrl, status }` or why not. */
  createTopup(input: CreateTopupInput): Promise<CreateTopupResult> {
    return createTopup(makeDeps({ ...this.env, GATEWAY: NO_BALANCES }), input);
  }

  /** The account's top-ups, newest first (D1 rows). */
  listTopups(accountId: string, limit = 50): Promise<Topup[]> {
    return queries.listTopups(makeDeps({ ...this.env, GATEWAY: NO_BALANCES }).db, accountId, limit);
  }
}
