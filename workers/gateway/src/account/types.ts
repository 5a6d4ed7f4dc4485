import type { PriceRow, WorstCase } from "@cc/billing";
import type { ObjectRef, StoredObject, UsageRecord } from "@cc/formats";

/** The per-key limits in force and what is left of them, for the vendors' rate-limit headers. */
export interface LimitSnapshot {
  rpm: number;
  tpm: number;
  requestsRemaining: number;
  tokensRemaining: number;
  /** When each limit is fully replenished, ms since the epoch. */
  requestsResetAt: number;
  tokensResetAt: number;
  now: number;
}

export interface AdmitInput {
  accountId: string;
  keyHash: string;
  /** The request id: the reservation's id and the idempotency key of its settlement. */
  requestId: string;
  model: string;
  /** The model's price row in the Worker's table: the reservation and its settlement use it. */
  price: PriceRow;
  /** Tokens the request counts against its key's TPM window until settle corrects them. */
  tpmTokens: number;
  /** What the request can cost at most; undefined for a free request (count_tokens). */
  worstCase: WorstCase | undefined;
  /** Vendor-stored objects the request names: the account must own each one. */
  refs?: Array<Pick<ObjectRef, "kind" | "id">>;
}

export type AdmitResult =
  | {
      ok: true;
      reservedNano: number;
      balanceNano: number;
      limits: LimitSnapshot;
      /** The stored context a continuation sends upstream again (its refs' tokens), counted as input. */
      contextTokens: number;
    }
  | { ok: false; reason: "unknown_key" | "revoked" }
  | { ok: false; reason: "expired"; expiresAt: number }
  /**
   * The key's spend cap for the period would be passed: what it spent (settled), what is held for
   * its requests in flight, and what this one may cost at most.
   */
  | {
      ok: false;
      reason: "spend_limit";
      period: "daily" | "monthly";
      limitNano: number;
      spentNano: number;
      heldNano: number;
      requiredNano: number;
      /** When the period ends (the next UTC day or month), ms since the epoch. */
      resetAt: number;
      limits: LimitSnapshot;
    }
  | { ok: false; reason: "model_not_allowed"; limits: LimitSnapshot }
  | {
      ok: false;
      reason: "insufficient_balance";
      balanceNano: number;
      requiredNano: number;
      /** Held for the account's other requests in flight. */
      reservedNano: number;
      limits: LimitSnapshot;
    }
  /** refs[index] names an object the account does not own (or that expired). */
  | { ok: false; reason: "unknown_object"; index: number }
  /** The balance is below zero: a settled request cost more than its reservation. */
  | { ok: false; reason: "debt"; balanceNano: number; limits: LimitSnapshot }
  | {
      ok: false;
      reason: "rate_limit";
      limit: "requests" | "tokens" | "oversize";
      retryAfterMs: number;
      limits: LimitSnapshot;
    };

/** What the Worker knows of an ended request, for its row in the account's usage. */
export interface RequestFacts {
  keyId: string;
  format: string;
  stream: boolean;
  /** HTTP status of the upstream's answer (or of the gateway's error). */
  status: number;
  outcome: string;
  /** When the request arrived at the gateway, ms since the epoch. */
  startedAt: number;
  ttfbMs: number | null;
  /** The upstream channel that served it, when known. */
  channel?: string;
}

export interface SettleInput {
  accountId: string;
  requestId: string;
  /** Priced by this model when the reservation is gone (expired and released). */
  model: string;
  usage: UsageRecord;
  /** Vendor-stored objects the answer created or named: the account owns them from now on. */
  objects?: StoredObject[];
  /** The request's row in the account's usage (absent from callers that keep no row). */
  request?: RequestFacts;
}

export interface ReleaseInput {
  accountId: string;
  requestId: string;
  request?: RequestFacts;
}

export interface SettleResult {
  /** The exact cost of the usage at the plan's prices. */
  costNano: number;
  /** What was taken from the balance: always the whole cost (a shortfall is a debt, never a cap). */
  chargedNano: number;
  balanceNano: number;
  /** True when this request had been settled before: nothing changed. */
  duplicate: boolean;
}

export const CREDIT_KINDS = ["topup", "plan", "adjustment", "refund"] as const;
export type CreditKind = (typeof CREDIT_KINDS)[number];

export interface CreditInput {
  accountId: string;
  /** Unique per kind: `<provider>:<payment id>`, an operator's reference… */
  idempotencyKey: string;
  /** Signed nano-USD: a negative amount is a debit and must be covered by the balance. */
  amountNano: number;
  kind: CreditKind;
  memo?: string;
}

export type CreditResult =
  | { ok: true; entryId: string; balanceNano: number; duplicate: boolean }
  | { ok: false; reason: "insufficient_balance"; balanceNano: number };

export interface KeyState {
  keyHash: string;
  keyId: string;
  revokedAt: number | null;
  rpmLimit: number | null;
  tpmLimit: number | null;
  allowedModels: string[] | null;
  /** Spend caps per UTC day and month, nano-USD (null: none). */
  dailyLimitNano: number | null;
  monthlyLimitNano: number | null;
  /** The key is refused from this instant (null: never). */
  expiresAt: number | null;
}

export interface AccountSnapshot {
  accountId: string;
  plan: string;
  balanceNano: number;
  reservedNano: number;
  reservations: Array<{ id: string; amountNano: number; createdAt: number }>;
  unflushedEntries: number;
}

/** A WebSocket a key asks to hold open (responses-socket/): the key's bound and the lease's life. */
export interface OpenSocketInput {
  accountId: string;
  keyHash: string;
  /** The socket's lease id, returned by closeSocket. */
  lease: string;
  /** At most this many sockets per key. */
  limit: number;
  /** The lease expires on its own after this long (the socket's longest life and a margin). */
  ttlMs: number;
}

export type OpenSocketResult =
  | { ok: true }
  | { ok: false; reason: "unknown_key" | "revoked" | "expired" }
  | { ok: false; reason: "too_many_sockets"; open: number };
