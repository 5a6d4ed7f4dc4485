import { DurableObject } from "cloudflare:workers";
import {
  checkAdmission,
  costBreakdown,
  type PlanId,
  PlanIdSchema,
  type PriceRow,
  planFor,
  priceFor,
  reservationCost,
  totalTokens,
  WINDOW_MS,
} from "@cc/billing";
import { queries } from "@cc/db";
import type { UsageRecord } from "@cc/formats";
import { randomBase62 } from "@cc/web-crypto";
import { drizzle } from "drizzle-orm/d1";
import { priceTable } from "../lib/prices.ts";
import { readKey, writeKey } from "./key-store.ts";
import { flushOutbox } from "./outbox.ts";
import { migrate } from "./storage.ts";
import type {
  AccountSnapshot,
  AdmitInput,
  AdmitResult,
  CreditInput,
  CreditResult,
  KeyState,
  SettleInput,
  SettleResult,
} from "./types.ts";
import { correctTokens, limitSnapshot, loadWindow, recordAdmission } from "./window-store.ts";

/** Ledger entries reach D1 this long after the change that made them (batched per account). */
export const FLUSH_DELAY_MS = 1_000;
/**
 * A reservation older than this is orphaned (its Worker died before settling): the alarm
 * settles it from the usage_log row if one was written, else releases it. Longer than any
 * stream the gateway relays.
 */
export const RESERVATION_TTL_MS = 30 * 60_000;
/** Settled usage entries are kept this long for settle's idempotency, then pruned once flushed. */
export const USAGE_ENTRY_RETENTION_MS = 7 * 24 * 60 * 60_000;

type Row = Record<string, SqlStorageValue>;

/** One structured log line (Workers Logs indexes JSON). */
const log = (level: "error" | "warn", msg: string, fields: Record<string, unknown>) =>
  console[level](JSON.stringify({ level, msg, ...fields }));

/**
 * One per account (idFromName(account id)): the only place a balance changes. Admission,
 * settlement, release and credits each run in one synchronous SQLite transaction, so
 * concurrent requests are serialized and reservations never exceed the balance. Every
 * change writes a ledger entry to an outbox that the alarm flushes to D1.
 */
export class AccountDO extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  private alarmAt: number | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    void ctx.blockConcurrencyWhile(async () => {
      migrate(this.sql, (fn) => ctx.storage.transactionSync(fn));
    });
  }

  // ── state loading ────────────────────────────────────────────────────────────────────

  private accountRow(): { accountId: string; plan: PlanId; balance: number } | undefined {
    const row = this.sql
      .exec<Row>("SELECT account_id, plan, balance_nano FROM account WHERE id = 1")
      .toArray()[0];
    if (!row) return undefined;
    return {
      accountId: String(row.account_id),
      plan: PlanIdSchema.parse(row.plan),
      balance: Number(row.balance_nano),
    };
  }

  /** The account this object holds, created from D1 on first use; undefined if D1 has none. */
  private async ensureAccount(accountId: string) {
    let row = this.accountRow();
    if (!row) {
      const account = await queries.getAccount(drizzle(this.env.DB), accountId);
      if (!account) return undefined;
      this.sql.exec(
        "INSERT OR IGNORE INTO account (id, account_id, plan, balance_nano) VALUES (1, ?, ?, 0)",
        accountId,
        account.plan,
      );
      row = this.accountRow()!;
    }
    // One object per account: a mismatch means a routing bug, never something to act on.
    if (row.accountId !== accountId)
      throw new Error(`AccountDO for ${row.accountId} asked about ${accountId}`);
    return row;
  }

  /** Reloads a key's state from D1 (the source of its metadata). Revocation takes effect here. */
  async syncKey(accountId: string, keyHash: string): Promise<KeyState | undefined> {
    const key = await queries.findKeyByHash(drizzle(this.env.DB), keyHash);
    if (!key || key.accountId !== accountId) return undefined;
    writeKey(this.sql, key);
    return readKey(this.sql, keyHash);
  }

  private async ensureKey(accountId: string, keyHash: string): Promise<KeyState | undefined> {
    return readKey(this.sql, keyHash) ?? (await this.syncKey(accountId, keyHash));
  }

  private reservedNano(exceptId?: string): number {
    return this.sql
      .exec<{ n: number }>(
        "SELECT COALESCE(SUM(amount_nano), 0) AS n FROM reservations WHERE id IS NOT ?",
        exceptId ?? null,
      )
      .one().n;
  }

  // ── RPC ──────────────────────────────────────────────────────────────────────────────

  /** Is this key usable (for free routes: models, count_tokens)? */
  async authorize(accountId: string, keyHash: string): Promise<"ok" | "unknown_key" | "revoked"> {
    if (!(await this.ensureAccount(accountId))) return "unknown_key";
    const key = await this.ensureKey(accountId, keyHash);
    if (!key) return "unknown_key";
    return key.revokedAt === null ? "ok" : "revoked";
  }

  /**
   * Admits a request: key active, within its RPM/TPM window, no debt, and its worst case
   * (priced here, at the account's plan) covered by the balance net of every other reservation.
   * A free request (no worst case) reserves nothing and counts against RPM only.
   */
  async admit(input: AdmitInput): Promise<AdmitResult> {
    if (!(await this.ensureAccount(input.accountId))) return { ok: false, reason: "unknown_key" };
    const key = await this.ensureKey(input.accountId, input.keyHash);
    if (!key) return { ok: false, reason: "unknown_key" };
    if (key.revokedAt !== null) return { ok: false, reason: "revoked" };
    // The row the Worker priced the request with: the reservation keeps it, so admission and
    // settle use one price even while a price change rolls out across isolates.
    const price = input.price;

    const result = this.ctx.storage.transactionSync((): AdmitResult => {
      const now = Date.now();
      const account = this.accountRow()!;
      const plan = planFor(account.plan);
      const limits = { rpm: key.rpmLimit ?? plan.rpm, tpm: key.tpmLimit ?? plan.tpm };
      const entries = loadWindow(this.sql, input.keyHash, now);
      if (key.allowedModels && !key.allowedModels.includes(input.model)) {
        return { ok: false, reason: "model_not_allowed", limits: limitSnapshot(entries, now, limits) };
      }
      const admission = checkAdmission(entries, now, limits, input.tpmTokens);
      if (!admission.ok) {
        return {
          ok: false,
          reason: "rate_limit",
          limit: admission.limit,
          // An estimate larger than the whole TPM limit never fits: the client must shrink it.
          retryAfterMs: admission.limit === "oversize" ? WINDOW_MS : admission.retryAfterMs,
          limits: limitSnapshot(entries, now, limits),
        };
      }
      if (account.balance < 0) {
        return {
          ok: false,
          reason: "debt",
          balanceNano: account.balance,
          limits: limitSnapshot(entries, now, limits),
        };
      }
      const required = input.worstCase ? reservationCost(input.worstCase, price, plan) : 0;
      const reserved = this.reservedNano();
      if (account.balance - reserved < required) {
        return {
          ok: false,
          reason: "insufficient_balance",
          balanceNano: account.balance,
          requiredNano: required,
          reservedNano: reserved,
          limits: limitSnapshot(entries, now, limits),
        };
      }
      this.sql.exec(
        "INSERT INTO reservations (id, key_hash, model, plan, amount_nano, input_estimate, created_at, price) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        input.requestId,
        input.keyHash,
        input.model,
        account.plan,
        required,
        input.tpmTokens,
        now,
        JSON.stringify(price),
      );
      recordAdmission(this.sql, input.requestId, input.keyHash, now, input.tpmTokens);
      entries.push({ id: input.requestId, at: now, tokens: input.tpmTokens, requests: 1 });
      return {
        ok: true,
        reservedNano: required,
        balanceNano: account.balance,
        limits: limitSnapshot(entries, now, limits),
      };
    });
    if (result.ok) this.scheduleAlarm(Date.now() + RESERVATION_TTL_MS);
    return result;
  }

  /**
   * Charges the exact cost of a request's usage and releases its reservation. Idempotent by
   * request id. The charge is never capped: a cost above what the balance covers takes it
   * below zero, a debt that blocks new requests until a top-up covers it; the ledger entry
   * says what was charged either way, so the ledger still sums to the balance.
   */
  async settle(input: SettleInput): Promise<SettleResult> {
    await this.ensureAccount(input.accountId);
    const result = this.ctx.storage.transactionSync((): SettleResult => {
      const account = this.accountRow()!;
      const done = this.sql
        .exec<Row>("SELECT amount_nano FROM entries WHERE kind = 'usage' AND reference = ?", input.requestId)
        .toArray()[0];
      if (done) {
        const charged = -Number(done.amount_nano);
        return { costNano: charged, chargedNano: charged, balanceNano: account.balance, duplicate: true };
      }
      const reservation = this.sql
        .exec<Row>("SELECT model, plan, price FROM reservations WHERE id = ?", input.requestId)
        .toArray()[0];
      const model = reservation ? String(reservation.model) : input.model;
      const plan = planFor(reservation ? PlanIdSchema.parse(reservation.plan) : account.plan);
      // The row admission priced it with; a reservation already gone (reaped) takes today's.
      const price =
        typeof reservation?.price === "string"
          ? (JSON.parse(reservation.price) as PriceRow)
          : priceFor(priceTable(this.env), model);
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
      this.sql.exec("DELETE FROM reservations WHERE id = ?", input.requestId);
      this.insertEntry("usage", input.requestId, -costNano, balanceNano, null);
      correctTokens(this.sql, input.requestId, totalTokens(input.usage));
      if (balanceNano < 0 && account.balance >= 0) {
        log("error", "debt", {
          accountId: account.accountId,
          requestId: input.requestId,
          costNano,
          balanceNano,
        });
      }
      return { costNano, chargedNano: costNano, balanceNano, duplicate: false };
    });
    if (!result.duplicate) this.scheduleAlarm(Date.now() + FLUSH_DELAY_MS);
    return result;
  }

  /** Drops a reservation with no charge: the upstream failed before producing a token. */
  async release(accountId: string, requestId: string): Promise<boolean> {
    await this.ensureAccount(accountId);
    return this.ctx.storage.transactionSync(() => {
      const gone = this.sql.exec("DELETE FROM reservations WHERE id = ?", requestId).rowsWritten > 0;
      // The request still counts against RPM; it consumed no tokens.
      correctTokens(this.sql, requestId, 0);
      return gone;
    });
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
    const account = this.accountRow()!;
    const done = this.sql
      .exec<Row>("SELECT id FROM entries WHERE kind = ? AND reference = ?", input.kind, input.idempotencyKey)
      .toArray()[0];
    if (done) return { ok: true, entryId: String(done.id), balanceNano: account.balance, duplicate: true };
    if (input.amountNano < 0 && account.balance - this.reservedNano() < -input.amountNano) {
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
    return { ok: true, entryId, balanceNano, duplicate: false };
  }

  /**
   * Buys a plan from the balance: one `plan` ledger entry and the switch, in one
   * transaction, so limits and discount change at once. Idempotent per account and plan.
   */
  async purchasePlan(accountId: string, planId: PlanId): Promise<CreditResult & { plan: PlanId }> {
    if (!(await this.ensureAccount(accountId))) throw new Error(`unknown account ${accountId}`);
    const plan = planFor(planId);
    const result = this.ctx.storage.transactionSync(() => {
      const current = this.accountRow()!;
      const credit = this.applyCredit({
        accountId,
        idempotencyKey: `plan:${planId}:${accountId}`,
        amountNano: -plan.priceNano,
        kind: "plan",
        memo: `${plan.name} plan`,
      });
      if (credit.ok) this.sql.exec("UPDATE account SET plan = ? WHERE id = 1", planId);
      return { ...credit, plan: credit.ok ? planId : current.plan };
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
      Date.now(),
    );
    return id;
  }

  /** The account's state, for reconcile, the dashboard and tests. */
  async state(accountId: string): Promise<AccountSnapshot | undefined> {
    const account = await this.ensureAccount(accountId);
    if (!account) return undefined;
    const reservations = this.sql
      .exec<Row>("SELECT id, amount_nano, created_at FROM reservations ORDER BY created_at")
      .toArray()
      .map((r) => ({ id: String(r.id), amountNano: Number(r.amount_nano), createdAt: Number(r.created_at) }));
    return {
      accountId,
      plan: account.plan,
      balanceNano: account.balance,
      reservedNano: reservations.reduce((n, r) => n + r.amountNano, 0),
      reservations,
      unflushedEntries: this.sql
        .exec<{ n: number }>("SELECT COUNT(*) AS n FROM entries WHERE flushed = 0")
        .one().n,
    };
  }

  /** Flushes the whole outbox to D1 now (reconcile, tests); the alarm does it otherwise. */
  async flush(): Promise<number> {
    const account = this.accountRow();
    if (!account) return 0;
    let left = await flushOutbox(this.sql, this.env.DB, account.accountId);
    while (left > 0) left = await flushOutbox(this.sql, this.env.DB, account.accountId);
    return left;
  }

  // ── alarm: outbox flush, orphaned reservations, pruning ─────────────────────────────

  private scheduleAlarm(at: number): void {
    if (this.alarmAt !== undefined && this.alarmAt <= at) return;
    this.alarmAt = at;
    void this.ctx.storage.setAlarm(at);
  }

  override async alarm(): Promise<void> {
    this.alarmAt = undefined;
    const account = this.accountRow();
    if (!account) return;
    // A failed flush throws: the runtime retries the alarm with backoff, entries stay queued.
    await this.flush().catch((err: unknown) => {
      log("error", "flush failed", { accountId: account.accountId, err: String(err) });
      throw err;
    });
    await this.reapOrphans(account.accountId);
    const now = Date.now();
    this.sql.exec(
      "DELETE FROM entries WHERE flushed = 1 AND kind = 'usage' AND created_at < ?",
      now - USAGE_ENTRY_RETENTION_MS,
    );
    const oldest = this.sql.exec<Row>("SELECT MIN(created_at) AS at FROM reservations").one().at;
    if (oldest !== null) this.scheduleAlarm(Number(oldest) + RESERVATION_TTL_MS);
  }

  /** Settles orphaned reservations from their usage_log row when the gateway wrote one, else releases them. */
  private async reapOrphans(accountId: string): Promise<void> {
    const cutoff = Date.now() - RESERVATION_TTL_MS;
    const orphans = this.sql
      .exec<Row>("SELECT id, model FROM reservations WHERE created_at <= ?", cutoff)
      .toArray();
    const db = drizzle(this.env.DB);
    for (const orphan of orphans) {
      const id = String(orphan.id);
      const row = await queries.getUsage(db, id);
      // The Worker that held it died before it could settle: worth an operator's look.
      log("error", "orphan reservation", {
        accountId,
        requestId: id,
        settledFromUsageLog: row !== undefined,
      });
      if (!row) {
        await this.release(accountId, id);
        continue;
      }
      const usage: UsageRecord = {
        input: row.inputTokens,
        cacheWrite5m: row.cacheWrite5mTokens,
        cacheWrite1h: row.cacheWrite1hTokens,
        cacheRead: row.cacheReadTokens,
        output: row.outputTokens,
        thinking: row.thinkingTokens,
      };
      if (row.serviceTier) usage.serviceTier = row.serviceTier;
      if (row.toolUses) usage.toolUses = row.toolUses;
      const settled = await this.settle({ accountId, requestId: id, model: String(orphan.model), usage });
      await queries.setUsageCost(db, id, settled.chargedNano);
    }
    if (orphans.length > 0) await this.flush();
  }
}
