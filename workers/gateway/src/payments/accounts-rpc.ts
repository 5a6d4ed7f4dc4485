import { RpcTarget } from "cloudflare:workers";
import type { Balances, PaymentCreditKind, PaymentCreditResult } from "@cc/topups";
import { accountStub } from "../account/client.ts";
import type { AccountSnapshot, CreditInput } from "../account/types.ts";

/** The kinds of entry the payments Worker may write: top-ups and their refunds, nothing else. */
const PAYMENT_KINDS: ReadonlySet<string> = new Set<PaymentCreditKind>(["topup", "refund"]);

/**
 * What the payments Worker may do to balances, as a capability: the gateway passes one of these
 * with each call it makes to PAYMENTS (a callback it forwards, the cron's re-query), and the
 * payments Worker uses it for the length of that call. Payments therefore needs no service
 * binding back to the gateway: no binding cycle, and a fresh account deploys payments, then the
 * gateway (https://developers.cloudflare.com/workers/runtime-apis/rpc/#class-instances).
 * It forwards to the account's Durable Object, which stays the only place a balance changes.
 */
export class AccountsRpc extends RpcTarget implements Balances {
  readonly #env: Env;

  constructor(env: Env) {
    super();
    this.#env = env;
  }

  /** AccountDO.credit (kinds topup and refund), idempotent per (kind, idempotencyKey). */
  async credit(input: CreditInput): Promise<PaymentCreditResult> {
    // Least privilege: plan purchases and operator adjustments are not the payments Worker's to make.
    if (!PAYMENT_KINDS.has(input.kind)) return { ok: false, reason: "kind_not_allowed" };
    return accountStub(this.#env, input.accountId).credit(input);
  }

  /** AccountDO.state: balance, plan, reservations; undefined for an unknown account. */
  async state(accountId: string): Promise<AccountSnapshot | undefined> {
    return accountStub(this.#env, accountId).state(accountId);
  }
}
