import { DurableObject } from "cloudflare:workers";
import {
  costBreakdown,
  type PlanId,
  PlanIdSchema,
  type PriceRow,
  planFor,
  priceFor,
  RateWindow,
  reservationCost,
  totalTokens,
  WINDOW_MS,
} from "@cc/billing";
import { queries } from "@cc/db";
import { emptyUsage, type UsageRecord } from "@cc/formats";
import { randomBase62 } from "@cc/web-crypto";
import { drizzle } from "drizzle-orm/d1";
import { DAY_MS, dayStart, monthStart, nextMonthStart } from "../lib/periods.ts";
import { priceTable } from "../lib/prices.ts";
import { logD1 } from "../observability/d1-log.ts";
import { KeySpend } from "./key-spend.ts";
import { readKey, writeKey } from "./key-store.ts";
import { contextTokens, firstUnowned, pruneObjects, recordObjects } from "./object-store.ts";
import { flushOutbox } from "./outbox.ts";
import {
  costSince,
  dailyByModel,
  keyCostSince,
  keysSpend,
  latestRequests,
  pruneRequests,
  type RequestCursor,
  type RequestRow,
  recordRequest,
  requestById,
  requestsPage,
  rollUp,
  settledCost,
  type UsageFilter,
  usageDimensions,
  usageSeries,
  usageTotals,
} from "./request-log.ts";
import { type Reservation, ReservationBook } from "./reservations.ts";
import { SocketLeases } from "./socket-leases.ts";
import { migrate } from "./storage.ts";
import type {
  AccountSnapshot,
  AdmitInput,
  AdmitResult,
  CreditInput,
  CreditResult,
  KeyState,
  LimitSnapshot,
  OpenSocketInput,
  OpenSocketResult,
  ReleaseInput,
  RequestFacts,
  SettleInput,
  SettleResult,
} from "./types.ts";

/**
 * Money events (top-ups, plans, adjustments, write-offs) reach D1's ledger this long after they
 * happen, batched per account.
 */
export const FLUSH_DELAY_MS = 1_000;
/**
 * Requests' charges, rollups and keys' last use reach D1 at most this long after the first
 * request not yet flushed, never later: one batch a minute for a busy account, instead of one a
 * second, so D1's writes follow accounts rather than requests. Readers that need the mirror
 * current (the admin ledger, reconcile) flush the object first.
 */
export const USAGE_FLUSH_DELAY_MS = 60_000;
/**
 * A reservation older than this is orphaned (its Worker died before settling): it is released
 * and logged. Longer than any stream the gateway relays.
 */
export const RESERVATION_TTL_MS = 30 * 60_000;
/** Settled usage entries are kept this long for settle's idempotency, then pruned once flushed. */
export const USAGE_ENTRY_RETENTION_MS = 7 * 24 * 60 * 60_000;
/** Per-request usage rows are kept this many days unless USAGE_LOG_RETENTION_DAYS says otherwise. */
export const DEFAULT_REQUEST_RETENTION_DAYS = 90;

type Row = Record<string, SqlStorageValue>;

/** One structured log line (Workers Logs indexes JSON). */
const log = (level: "error" | "warn", msg: string, fields: Record<string, unknown>) =>
  console[level](JSON.stringify({ level, msg, ...fields }));

interface AccountState {
  accountId: string;
  plan: PlanId;
  balance: number;
  /** When its owner deleted the account: nothing is admitted after. */
  closedAt: number | null;
}

/**
 * One per account (idFromName(account id)): the only place a balance changes, and the account's
 * shard: its keys' rate windows, its open reservations, its per-request usage.
 *
 * Admission is in memory and writes nothing durable, so it answers without waiting for storage:
 * the account's balance and plan, its keys, their windows (constant-size buckets) and the open
 * reservations are held by the object. Settle, release and credits each run in one synchronous
 * SQLite transaction (the charge, its ledger entry, the request's usage row, its hourly rollup),
 * so money is exact across restarts; what a restart loses is bounded and stated in
 * docs/storage-schema.md. The alarm flushes the outbox to D1 in one batch.
 */
export class AccountDO extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  private alarmAt: number | undefined;
  /** The flush in flight, if any (flush). */
  private flushing: Promise<number> | undefined;
  private account: AccountState | undefined;
  private readonly keys = new Map<string, KeyState>();
  private readonly windows = new Map<string, RateWindow>();
  private readonly reservations = new ReservationBook();
  private readonly spend = new KeySpend((keyId, since) => keyCostSince(this.sql, keyId, since));
  private readonly sockets = new SocketLeases();
  /**
   * Added to the clock. Zero in production; tests move an object's time forward with it
   * (runInDurableObject) to age its windows and reservations without waiting.
   */
  private clockSkewMs = 0;

  private now(): number {
    return Date.now() + this.clockSkewMs;
  }

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    void ctx.blockConcurrencyWhile(async () => {
      migrate(this.sql, (fn) => ctx.storage.transactionSync(fn));
      this.account = this.loadAccount();
      this.adoptStoredReservations();
      // An alarm set before a restart stands: a later request must not push it back.
      this.alarmAt = (await ctx.storage.getAlarm()) ?? undefined;
    });
  }

  // ── state ────────────────────────────────────────────────────────────────────────────

  private loadAccount(): AccountState | undefined {
    const row = this.sql
      .exec<Row>("SELECT account_id, plan, balance_nano, closed_at FROM account WHERE id = 1")
      .toArray()[0];
    if (!row) return undefined;
    return {
      accountId: String(row.account_id),
      plan: PlanIdSchema.parse(row.plan),
      balance: Number(row.balance_nano),
      closedAt: row.closed_at === null ? null : Number(row.closed_at),
    };
  }

  /**
   * Reservations an object stored before they moved to memory (schema v4 and earlier): held
   * again in memory, so requests in flight across the upgrade still settle against them.
   */
  private adoptStoredReservations(): void {
    const stored = this.sql.exec<Row>("SELECT * FROM reservations ORDER BY created_at").toArray();
    if (stored.length === 0 || !this.account) return;
    for (const r of stored) {
      const model = String(r.model);
      const price =
        typeof r.price === "string"
          ? (JSON.parse(r.price) as PriceRow)
          : priceFor(priceTable(this.env), model);
      if (!price) continue;
      this.reservations.add({
        id: String(r.id),
        keyHash: String(r.key_hash),
        model,
        plan: PlanIdSchema.parse(r.plan),
        price,
        amountNano: Number(r.amount_nano),
        tpmTokens: Number(r.input_estimate),
        createdAt: Number(r.created_at),
      });
    }
    this.sql.exec("DELETE FROM reservations");
  }

  /** The account this object holds, created from D1 on first use; undefined if D1 has none. */
  private async ensureAccount(accountId: string): Promise<AccountState | undefined> {
    if (!this.account) {
      logD1("account load");
      const account = await queries.getAccount(drizzle(this.env.DB), accountId);
      if (!account) return undefined;
      this.sql.exec(
        "INSERT OR IGNORE INTO account (id, account_id, plan, balance_nano) VALUES (1, ?, ?, 0)",
        accountId,
        account.plan,
      );
      this.account = this.loadAccount();
    }
    // One object per account: a mismatch means a routing bug, never something to act on.
    if (this.account?.accountId !== accountId)
      throw new Error(`AccountDO for ${this.account?.accountId} asked about ${accountId}`);
    return this.account;
  }

  /** Reloads a key's state from D1 (the source of its metadata). Revocation takes effect here. */
  async syncKey(accountId: string, keyHash: string): Promise<KeyState | undefined> {
    logD1("key load");
    const key = await queries.findKeyByHash(drizzle(this.env.DB), keyHash);
    if (!key || key.accountId !== accountId) return undefined;
    writeKey(this.sql, key);
    const state = readKey(this.sql, keyHash);
    if (state) this.keys.set(keyHash, state);
    return state;
  }

  private async ensureKey(accountId: string, keyHash: string): Promise<KeyState | undefined> {
    const known = this.keys.get(keyHash) ?? readKey(this.sql, keyHash);
    if (known) {
      this.keys.set(keyHash, known);
      return known;
    }
    return this.syncKey(accountId, keyHash);
  }

  private windowOf(keyHash: string): RateWindow {
    let w = this.windows.get(keyHash);
    if (!w) {
      w = new RateWindow();
      this.windows.set(keyHash, w);
    }
    return w;
  }

  private limitSnapshot(w: RateWindow, now: number, limits: { rpm: number; tpm: number }): LimitSnapshot {
    const { remaining, resetAt } = w.status(now, limits);
    return {
      rpm: limits.rpm,
      tpm: limits.tpm,
      requestsRemaining: remaining.requests,
      tokensRemaining: remaining.tokens,
      requestsResetAt: resetAt.requests,
      tokensResetAt: resetAt.tokens,
      now,
    };
  }

  // ── RPC ──────────────────────────────────────────────────────────────────────────────

  /** Is this key usable (for free routes: models, count_tokens)? */
  async authorize(accountId: string, keyHash: string): Promise<"ok" | "unknown_key" | "revoked" | "expired"> {
    const account = await this.ensureAccount(accountId);
    if (!account) return "unknown_key";
    const key = await this.ensureKey(accountId, keyHash);
    if (!key) return "unknown_key";
    if (key.revokedAt !== null || account.closedAt !== null) return "revoked";
    return key.expiresAt !== null && this.now() >= key.expiresAt ? "expired" : "ok";
  }

  /**
   * A WebSocket for a key (responses-socket/): the key must be active and below its bound of
   * open sockets. In memory, like admission: one RPC when a socket opens, one when it closes.
   */
  async openSocket(input: OpenSocketInput): Promise<OpenSocketResult> {
    const status = await this.authorize(input.accountId, input.keyHash);
    if (status !== "ok") return { ok: false, reason: status };
    const now = this.now();
    if (this.sockets.take(input.keyHash, input.lease, input.limit, now, input.ttlMs)) return { ok: true };
    return { ok: false, reason: "too_many_sockets", open: this.sockets.open(input.keyHash, now) };
  }

  /** A WebSocket closed: its key's slot is free again. */
  async closeSocket(accountId: string, keyHash: string, lease: string): Promise<void> {
    if (this.account?.accountId !== accountId) return;
    this.sockets.give(keyHash, lease);
  }

  /**
   * Admits a request, in memory: key active, owner of every stored object it names, within its
   * RPM/TPM window, no debt, and its worst case (priced here, at the account's plan) covered by
   * the balance net of every other open reservation. A free request (no worst case) reserves
   * nothing and counts against RPM only. Nothing durable is written.
   */
  async admit(input: AdmitInput): Promise<AdmitResult> {
    const account = await this.ensureAccount(input.accountId);
    if (!account) return { ok: false, reason: "unknown_key" };
    const key = await this.ensureKey(input.accountId, input.keyHash);
    if (!key) return { ok: false, reason: "unknown_key" };
    if (key.revokedAt !== null || account.closedAt !== null) return { ok: false, reason: "revoked" };
    const now = this.now();
    if (key.expiresAt !== null && now >= key.expiresAt)
      return { ok: false, reason: "expired", expiresAt: key.expiresAt };
    this.reapOrphans(now);
    // The row the Worker priced the request with: the reservation keeps it, so admission and
    // settle use one price even while a price change rolls out across isolates.
    const price = input.price;
    const plan = planFor(account.plan);
    const limits = { rpm: key.rpmLimit ?? plan.rpm, tpm: key.tpmLimit ?? plan.tpm };
    const window = this.windowOf(input.keyHash);
    if (key.allowedModels && !key.allowedModels.includes(input.model)) {
      return { ok: false, reason: "model_not_allowed", limits: this.limitSnapshot(window, now, limits) };
    }
    // A stored object of another account (or none at all) is refused before the request counts.
    const refs = input.refs ?? [];
    const unowned = firstUnowned(this.sql, refs, now);
    if (unowned >= 0) return { ok: false, reason: "unknown_object", index: unowned };
    // A continuation sends its stored context upstream again: it counts, and is reserved, as input.
    const context = contextTokens(this.sql, refs);
    const tpmTokens = input.tpmTokens + context;
    const admission = window.check(now, limits, tpmTokens);
    if (!admission.ok) {
      return {
        ok: false,
        reason: "rate_limit",
        limit: admission.limit,
        // An estimate larger than the whole TPM limit never fits: the client must shrink it.
        retryAfterMs: admission.limit === "oversize" ? WINDOW_MS : admission.retryAfterMs,
        limits: this.limitSnapshot(window, now, limits),
      };
    }
    if (account.balance < 0) {
      return {
        ok: false,
        reason: "debt",
        balanceNano: account.balance,
        limits: this.limitSnapshot(window, now, limits),
      };
    }
    const worst = input.worstCase && {
      ...input.worstCase,
      inputTokens: Math.min(input.worstCase.inputTokens + context, price.contextWindow),
    };
    const required = worst ? reservationCost(worst, price, plan) : 0;
    // The key's caps count what it settled this period and the worst case of everything it has
    // in flight, this request included: concurrent requests cannot pass a cap together.
    if (required > 0 && (key.dailyLimitNano !== null || key.monthlyLimitNano !== null)) {
      const spent = this.spend.of(key.keyId, now);
      const held = this.reservations.heldFor(input.keyHash);
      for (const [period, limitNano, spentNano, resetAt] of [
        ["daily", key.dailyLimitNano, spent.day, dayStart(now) + DAY_MS],
        ["monthly", key.monthlyLimitNano, spent.month, nextMonthStart(now)],
      ] as const) {
        if (limitNano !== null && spentNano + held + required > limitNano) {
          return {
            ok: false,
            reason: "spend_limit",
            period,
            limitNano,
            spentNano,
            heldNano: held,
            requiredNano: required,
            resetAt,
            limits: this.limitSnapshot(window, now, limits),
          };
        }
      }
    }
    const reserved = this.reservations.totalNano;
    if (account.balance - reserved < required) {
      return {
        ok: false,
        reason: "insufficient_balance",
        balanceNano: account.balance,
        requiredNano: required,
        reservedNano: reserved,
        limits: this.limitSnapshot(window, now, limits),
      };
    }
    this.reservations.add({
      id: input.requestId,
      keyHash: input.keyHash,
      model: input.model,
      plan: account.plan,
      price,
      amountNano: required,
      tpmTokens,
      createdAt: now,
    });
    window.add(now, 1, tpmTokens);
    return {
      ok: true,
      reservedNano: required,
      balanceNano: account.balance,
      limits: this.limitSnapshot(window, now, limits),
      contextTokens: context,
    };
  }

  /**
   * Charges the exact cost of a request's usage, closes its reservation and records its usage
   * row — which is also its usage ledger entry — in one transaction of two statements.
   * Idempotent by request id. The charge is never capped: a cost above what the balance covers
   * takes it below zero, a debt that blocks new requests until a top-up covers it; the row says
   * what was charged either way, so the ledger still sums to the balance.
   */
  async settle(input: SettleInput): Promise<SettleResult> {
    const account = await this.ensureAccount(input.accountId);
    if (!account) throw new Error(`unknown account ${input.accountId}`);
    const now = this.now();
    const result = this.ctx.storage.transactionSync((): SettleResult => {
      // An open reservation means not settled yet (both end in one transaction): only a request
      // without one (a repeat, or a restart lost it) pays for the idempotency lookups.
      const reservation = this.reservations.take(input.requestId);
      const done = reservation
        ? undefined
        : (settledCost(this.sql, input.requestId) ?? this.legacyUsageCharge(input.requestId));
      if (done !== undefined) {
        return { costNano: done, chargedNano: done, balanceNano: account.balance, duplicate: true };
      }
      const model = reservation?.model ?? input.model;
      const plan = planFor(reservation?.plan ?? account.plan);
      // The row admission priced it with; a reservation lost (restart, reaped) takes today's.
      const price = reservation?.price ?? priceFor(priceTable(this.env), model);
      const breakdown = price ? costBreakdown(input.usage, price, plan) : undefined;
      const costNano = breakdown?.totalNano ?? 0;
      if (!price || (breakdown && breakdown.unpriced.length > 0)) {
        // Admission refuses what the table cannot price; reaching here means the vendor served it anyway.
        log("error", "unpriced usage", {
          requestId: input.requestId,
          model,
          unpriced: breakdown?.unpriced ?? [model],
        });
      }
      const balanceNano = account.balance - costNano;
      this.sql.exec("UPDATE account SET balance_nano = ? WHERE id = 1", balanceNano);
      this.closeRequest(
        input.requestId,
        model,
        reservation,
        input.usage,
        costNano,
        balanceNano,
        input.request,
        now,
      );
      if (input.objects?.length) recordObjects(this.sql, input.objects, totalTokens(input.usage), now);
      const keyId = input.request?.keyId ?? this.keyIdOf(reservation?.keyHash);
      this.spend.add(keyId, input.request?.startedAt ?? reservation?.createdAt ?? now, costNano);
      account.balance = balanceNano;
      if (balanceNano < 0 && balanceNano + costNano >= 0) {
        log("error", "debt", {
          accountId: account.accountId,
          requestId: input.requestId,
          costNano,
          balanceNano,
        });
      }
      return { costNano, chargedNano: costNano, balanceNano, duplicate: false };
    });
    if (!result.duplicate) this.scheduleAlarm(Date.now() + USAGE_FLUSH_DELAY_MS);
    return result;
  }

  /** What a request settled before schema v5 was charged (its usage ledger entry), if it was. */
  private legacyUsageCharge(requestId: string): number | undefined {
    const row = this.sql
      .exec<Row>("SELECT amount_nano FROM entries WHERE kind = 'usage' AND reference = ?", requestId)
      .toArray()[0];
    return row ? -Number(row.amount_nano) : undefined;
  }

  /**
   * Closes a request with no charge: the upstream served nothing. Its reservation goes; the
   * request still counts against RPM, with no tokens, and keeps its usage row.
   */
  async release(input: ReleaseInput): Promise<boolean> {
    const account = await this.ensureAccount(input.accountId);
    if (!account) return false;
    const now = this.now();
    const reservation = this.reservations.take(input.requestId);
    this.ctx.storage.transactionSync(() => {
      const model = reservation?.model ?? "";
      this.closeRequest(
        input.requestId,
        model,
        reservation,
        emptyUsage(),
        0,
        account.balance,
        input.request,
        now,
      );
    });
    // Its row joins the hourly rollups at the next flush.
    if (input.request) this.scheduleAlarm(Date.now() + USAGE_FLUSH_DELAY_MS);
    return reservation !== undefined;
  }

  /**
   * What a request leaves behind once it ends: its window corrected to the tokens it used (the
   * estimate was counted at admission), and its usage row. A settle without facts (a caller that
   * keeps no row) still gets one, so that it stays idempotent.
   */
  private closeRequest(
    requestId: string,
    model: string,
    reservation: Reservation | undefined,
    usage: UsageRecord,
    costNano: number,
    balanceAfterNano: number,
    facts: SettleInput["request"],
    now: number,
  ): void {
    if (reservation) {
      this.windowOf(reservation.keyHash).correct(
        reservation.createdAt,
        totalTokens(usage) - reservation.tpmTokens,
      );
    }
    if (!facts && costNano === 0) return;
    const recorded: RequestFacts = facts ?? {
      keyId: this.keyIdOf(reservation?.keyHash),
      format: "unknown",
      stream: false,
      status: 200,
      outcome: "ok",
      startedAt: reservation?.createdAt ?? now,
      ttfbMs: null,
    };
    recordRequest(this.sql, requestId, model || "unknown", recorded, usage, costNano, balanceAfterNano, now);
  }

  private keyIdOf(keyHash: string | undefined): string {
    return (keyHash && this.keys.get(keyHash)?.keyId) || "unknown";
  }

  /** Top-ups, plan purchases, operator adjustments and refunds; idempotent per (kind, key). */
  async credit(input: CreditInput): Promise<CreditResult> {
    if (!Number.isSafeInteger(input.amountNano) || input.amountNano === 0) {
      throw new RangeError(
        `credit amount must be a non-zero safe integer of nano-USD, got ${input.amountNano}`,
      );
    }
    if (!(await this.ensureAccount(input.accountId))) throw new Error(`unknown account ${input.accountId}`);
    const result = this.ctx.storage.transactionSync(() => this.applyCredit(input));
    if (result.ok && !result.duplicate) this.scheduleAlarm(Date.now() + FLUSH_DELAY_MS);
    return result;
  }

  private applyCredit(input: CreditInput): CreditResult {
    const account = this.account!;
    const done = this.sql
      .exec<Row>("SELECT id FROM entries WHERE kind = ? AND reference = ?", input.kind, input.idempotencyKey)
      .toArray()[0];
    if (done) return { ok: true, entryId: String(done.id), balanceNano: account.balance, duplicate: true };
    if (input.amountNano < 0 && account.balance - this.reservations.totalNano < -input.amountNano) {
      return { ok: false, reason: "insufficient_balance", balanceNano: account.balance };
    }
    const balanceNano = account.balance + input.amountNano;
    this.sql.exec("UPDATE account SET balance_nano = ? WHERE id = 1", balanceNano);
    const entryId = this.insertEntry(
      input.kind,
      input.idempotencyKey,
      input.amountNano,
      balanceNano,
      input.memo ?? null,
    );
    account.balance = balanceNano;
    return { ok: true, entryId, balanceNano, duplicate: false };
  }

  /**
   * Buys a plan from the balance: one `plan` ledger entry and the switch, in one
   * transaction, so limits and discount change at once. Idempotent per account and plan.
   */
  async purchasePlan(accountId: string, planId: PlanId): Promise<CreditResult & { plan: PlanId }> {
    const account = await this.ensureAccount(accountId);
    if (!account) throw new Error(`unknown account ${accountId}`);
    const plan = planFor(planId);
    const result = this.ctx.storage.transactionSync(() => {
      const credit = this.applyCredit({
        accountId,
        idempotencyKey: `plan:${planId}:${accountId}`,
        amountNano: -plan.priceNano,
        kind: "plan",
        memo: `${plan.name} plan`,
      });
      if (credit.ok) {
        this.sql.exec("UPDATE account SET plan = ? WHERE id = 1", planId);
        account.plan = planId;
      }
      return { ...credit, plan: credit.ok ? planId : account.plan };
    });
    if (result.ok && !result.duplicate) this.scheduleAlarm(Date.now() + FLUSH_DELAY_MS);
    return result;
  }

  private insertEntry(
    kind: string,
    reference: string,
    amount: number,
    balanceAfter: number,
    memo: string | null,
  ) {
    const id = `ent_${randomBase62(12)}`;
    this.sql.exec(
      "INSERT INTO entries (id, kind, reference, amount_nano, balance_after_nano, memo, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      id,
      kind,
      reference,
      amount,
      balanceAfter,
      memo,
      this.now(),
    );
    return id;
  }

  /** The account's state, for reconcile, the dashboard and tests. */
  async state(accountId: string): Promise<AccountSnapshot | undefined> {
    const account = await this.ensureAccount(accountId);
    if (!account) return undefined;
    const reservations = this.reservations
      .list()
      .map((r) => ({ id: r.id, amountNano: r.amountNano, createdAt: r.createdAt }));
    return {
      accountId,
      plan: account.plan,
      balanceNano: account.balance,
      reservedNano: this.reservations.totalNano,
      reservations,
      unflushedEntries:
        this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM entries WHERE flushed = 0").one().n +
        this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM requests WHERE flushed = 0").one().n,
    };
  }

  /**
   * The account's usage for its dashboards, from its own storage: the latest requests, usage per
   * UTC day and model since `since`, and what it spent since `spentSince`.
   */
  async usage(accountId: string, query: { limit: number; since: number; spentSince: number }) {
    if (!(await this.ensureAccount(accountId))) return undefined;
    // The rollups follow the requests at each flush; bring them up to date for this read.
    this.ctx.storage.transactionSync(() => rollUp(this.sql));
    return {
      requests: latestRequests(this.sql, query.limit),
      daily: dailyByModel(this.sql, query.since),
      spentNano: costSince(this.sql, query.spentSince),
    };
  }

  /** One request's usage row (operators, tests), or undefined when the account has none by that id. */
  async request(accountId: string, requestId: string): Promise<RequestRow | undefined> {
    if (!(await this.ensureAccount(accountId))) return undefined;
    return requestById(this.sql, requestId);
  }

  /**
   * The usage page: totals of a selection, the same per time bucket (`bucketMs` on the viewer's
   * clock, `offsetMs` ahead of UTC) and model, and the choices its filters offer.
   */
  async analytics(
    accountId: string,
    query: { filter: UsageFilter; bucketMs: number; offsetMs: number; dimensionsSince: number },
  ) {
    if (!(await this.ensureAccount(accountId))) return undefined;
    return {
      totals: usageTotals(this.sql, query.filter),
      series: usageSeries(this.sql, query.filter, query.bucketMs, query.offsetMs),
      dimensions: usageDimensions(this.sql, query.dimensionsSince),
    };
  }

  /** One page of a selection of requests, newest first (the usage table, the CSV export). */
  async requests(accountId: string, filter: UsageFilter, cursor: RequestCursor | undefined, limit: number) {
    if (!(await this.ensureAccount(accountId))) return undefined;
    return requestsPage(this.sql, filter, cursor, Math.max(1, Math.min(limit, 1_000)));
  }

  /** Each key's spend this UTC day and month (settled) and its latest request: the keys page. */
  async keySpend(accountId: string) {
    if (!(await this.ensureAccount(accountId))) return undefined;
    const now = this.now();
    return keysSpend(this.sql, dayStart(now), monthStart(now));
  }

  /**
   * Closes the account for good (its owner deleted it): nothing is admitted after, and what is
   * left of the balance is written off by one `adjustment` entry (memo says so), so the ledger
   * still sums to the balance, now zero. Refused while requests are in flight: their
   * settlement would leave a balance behind. Idempotent: a closed account answers as before.
   */
  async close(
    accountId: string,
  ): Promise<{ ok: true; writtenOffNano: number } | { ok: false; reason: "in_flight"; requests: number }> {
    const account = await this.ensureAccount(accountId);
    if (!account) throw new Error(`unknown account ${accountId}`);
    this.reapOrphans(this.now());
    const open = this.reservations.list().length;
    if (open > 0) return { ok: false, reason: "in_flight", requests: open };
    const result = this.ctx.storage.transactionSync(() => {
      const before = account.balance;
      if (account.closedAt === null && before !== 0) {
        this.applyCredit({
          accountId,
          idempotencyKey: `close:${accountId}`,
          amountNano: -before,
          kind: "adjustment",
          memo: "Account deleted by its owner: remaining balance written off",
        });
      }
      const closedAt = account.closedAt ?? this.now();
      this.sql.exec("UPDATE account SET closed_at = ? WHERE id = 1", closedAt);
      const writtenOff = account.closedAt === null ? before : 0;
      account.closedAt = closedAt;
      return { ok: true as const, writtenOffNano: writtenOff };
    });
    if (result.writtenOffNano !== 0) this.scheduleAlarm(Date.now() + FLUSH_DELAY_MS);
    return result;
  }

  /**
   * Flushes the outbox to D1 now (the alarm, and readers of D1 that need it current: the
   * ledger pages, reconcile). One flush at a time: a second caller waits for the one in flight,
   * then sends what came after it, so that two never send the same rows (nor mark them twice).
   * Rounds follow one another only while a round was full: what settles meanwhile waits for
   * the next flush, so that a busy account's flush ends. Returns the entries left unflushed.
   */
  async flush(): Promise<number> {
    while (this.flushing) await this.flushing.catch(() => undefined);
    const flushing = this.flushRounds();
    this.flushing = flushing;
    try {
      return await flushing;
    } finally {
      if (this.flushing === flushing) this.flushing = undefined;
    }
  }

  private async flushRounds(): Promise<number> {
    const account = this.account;
    if (!account) return 0;
    const send = () =>
      flushOutbox(this.sql, (fn) => this.ctx.storage.transactionSync(fn), this.env.DB, account.accountId);
    let round = await send();
    while (round.full) round = await send();
    return round.left;
  }

  // ── alarm: outbox flush, orphaned reservations, pruning ─────────────────────────────

  private scheduleAlarm(at: number): void {
    if (this.alarmAt !== undefined && this.alarmAt <= at) return;
    this.alarmAt = at;
    void this.ctx.storage.setAlarm(at);
  }

  override async alarm(): Promise<void> {
    this.alarmAt = undefined;
    const account = this.account;
    if (!account) return;
    // A failed flush throws: the runtime retries the alarm with backoff, entries stay queued.
    await this.flush().catch((err: unknown) => {
      log("error", "flush failed", { accountId: account.accountId, err: String(err) });
      throw err;
    });
    const now = this.now();
    this.reapOrphans(now);
    this.sql.exec(
      "DELETE FROM entries WHERE flushed = 1 AND kind = 'usage' AND created_at < ?",
      now - USAGE_ENTRY_RETENTION_MS,
    );
    const days = this.retentionDays();
    if (days > 0) pruneRequests(this.sql, Math.min(now - days * DAY_MS, monthStart(now)));
    pruneObjects(this.sql, now);
    const oldest = this.reservations.list()[0];
    if (oldest) this.scheduleAlarm(oldest.createdAt + RESERVATION_TTL_MS);
  }

  /** Days per-request rows are kept (USAGE_LOG_RETENTION_DAYS; "0" keeps them forever). */
  private retentionDays(): number {
    const raw = this.env.USAGE_LOG_RETENTION_DAYS;
    const days = Number(raw);
    return raw !== undefined && raw !== "" && Number.isInteger(days) && days >= 0
      ? days
      : DEFAULT_REQUEST_RETENTION_DAYS;
  }

  /** Releases reservations whose Worker died before ending them (older than the TTL), logged. */
  private reapOrphans(now: number): void {
    for (const orphan of this.reservations.takeOlderThan(now - RESERVATION_TTL_MS)) {
      this.windowOf(orphan.keyHash).correct(orphan.createdAt, -orphan.tpmTokens);
      log("error", "orphan reservation", { accountId: this.account?.accountId, requestId: orphan.id });
    }
  }
}
