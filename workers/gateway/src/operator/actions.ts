import { queries } from "@cc/db";
import { GatewayError } from "@cc/formats";
import { drizzle } from "drizzle-orm/d1";
import { accountStub } from "../account/client.ts";
import type { CreditKind } from "../account/types.ts";
import { type Actor, audit } from "./audit.ts";

/**
 * What an operator can do to a balance, and the ledger kind each writes:
 * credit (+, an adjustment in the customer's favour), refund (−, money given back outside the
 * gateway), adjust (±, a correction).
 */
export const MONEY_ACTIONS = {
  credit: { kind: "adjustment", sign: 1 },
  refund: { kind: "refund", sign: -1 },
  adjust: { kind: "adjustment", sign: 0 },
} as const satisfies Record<string, { kind: CreditKind; sign: -1 | 0 | 1 }>;
export type MoneyAction = keyof typeof MONEY_ACTIONS;

export const isMoneyAction = (v: string): v is MoneyAction => Object.hasOwn(MONEY_ACTIONS, v);

export interface MoneyInput {
  accountId: string;
  action: MoneyAction;
  /** credit / refund: the positive amount moved; adjust: signed. Nano-USD, never 0. */
  amountNano: number;
  /** The ledger entry's memo; shown to the customer on their billing page. */
  reason: string | undefined;
  /** Makes the action idempotent: the ledger entry's reference. */
  idempotencyKey: string;
}

export interface MoneyResult {
  entryId: string;
  balanceNano: number;
  /** True when this idempotency key had been used: nothing changed. */
  duplicate: boolean;
}

/**
 * One operator money action → one ledger entry in the account's Durable Object (idempotent on
 * its reference), logged with who did it. Throws GatewayError: 400 bad amount, 404 unknown
 * account, 402 a debit the available balance does not cover.
 */
export async function moveMoney(env: Env, actor: Actor, input: MoneyInput): Promise<MoneyResult> {
  const { kind, sign } = MONEY_ACTIONS[input.action];
  if (!Number.isSafeInteger(input.amountNano) || input.amountNano === 0)
    throw new GatewayError("invalid_request", "amount: must not be zero", { param: "amount" });
  if (sign !== 0 && input.amountNano < 0)
    throw new GatewayError("invalid_request", `amount: a ${input.action} takes a positive amount`, {
      param: "amount",
    });
  if (!(await queries.getAccount(drizzle(env.DB), input.accountId)))
    throw new GatewayError("not_found", "No such account.");
  const amountNano = sign === 0 ? input.amountNano : sign * input.amountNano;
  const result = await accountStub(env, input.accountId).credit({
    accountId: input.accountId,
    idempotencyKey: input.idempotencyKey,
    amountNano,
    kind,
    ...(input.reason ? { memo: input.reason } : {}),
  });
  if (!result.ok) {
    audit(actor, input.action, {
      account_id: input.accountId,
      amount_nano: amountNano,
      refused: result.reason,
    });
    throw new GatewayError("insufficient_balance", "The available balance does not cover this debit.");
  }
  audit(actor, input.action, {
    account_id: input.accountId,
    amount_nano: amountNano,
    kind,
    reason: input.reason ?? null,
    reference: input.idempotencyKey,
    entry_id: result.entryId,
    duplicate: result.duplicate,
  });
  return { entryId: result.entryId, balanceNano: result.balanceNano, duplicate: result.duplicate };
}

/** Revokes a key, effective on its next request (the account's Durable Object is told now). */
export async function revokeKey(env: Env, actor: Actor, keyId: string) {
  const db = drizzle(env.DB);
  await queries.revokeApiKey(db, keyId, Date.now());
  const key = await queries.getApiKey(db, keyId);
  if (!key) throw new GatewayError("not_found", "No such key.");
  await accountStub(env, key.accountId).syncKey(key.accountId, key.keyHash);
  audit(actor, "revoke-key", { account_id: key.accountId, key_id: key.id });
  return key;
}
