import { usdToNano } from "@cc/billing";
import { queries } from "@cc/db";
import { GatewayError } from "@cc/formats";
import { timingSafeEqual } from "@cc/web-crypto";
import { drizzle } from "drizzle-orm/d1";
import { Hono } from "hono";
import { z } from "zod";
import { RESERVATION_TTL_MS } from "../account/account-do.ts";
import { accountStub } from "../account/client.ts";
import type { AppEnv } from "../env.ts";
import { generateApiKey, hashApiKey, keyHint } from "../keys/api-key.ts";
import { newAccountId, newKeyId } from "../lib/ids.ts";
import { readJson } from "../lib/read-body.ts";
import { validate } from "../lib/validate.ts";
import { moveMoney, revokeKey } from "../operator/actions.ts";
import { ADMIN_TOKEN_ACTOR, audit } from "../operator/audit.ts";
import { accountJson, apiKeyJson, ledgerEntryJson } from "../operator/json.ts";
import { adminChannels } from "./admin-channels.ts";

/**
 * The operators' API, guarded by the ADMIN_TOKEN secret. `pnpm admin` calls it. JSON in
 * snake_case (operator/json.ts); every change is logged as an operator action.
 */
export const admin = new Hono<AppEnv>();

admin.use("*", async (c, next) => {
  c.set("format", "admin");
  const token = c.req.header("authorization")?.replace(/^bearer\s+/i, "") ?? "";
  // Constant-time: the admin token must not leak through response timing.
  if (!c.env.ADMIN_TOKEN || !timingSafeEqual(token, c.env.ADMIN_TOKEN)) {
    throw new GatewayError("authentication", "Admin token required.");
  }
  await next();
});

admin.route("/channels", adminChannels);

const CreateAccount = z.object({
  name: z.string().min(1).max(200),
  email: z.email().optional(),
  plan: z.enum(["basic", "pro"]).optional(),
});

/** A spend cap in the admin API: USD as a decimal string ("5", "12.50"), null = none. */
const CapUsd = z
  .string()
  .regex(/^\d{1,9}(\.\d{1,9})?$/, 'must be a USD amount like "5" or "12.50"')
  .transform((usd) => usdToNano(usd))
  .refine((nano) => nano > 0, "must be above zero");

const CreateKey = z.object({
  name: z.string().min(1).max(200).default("default"),
  rpm: z.int().positive().optional(),
  tpm: z.int().positive().optional(),
  models: z.array(z.string().min(1)).min(1).optional(),
  daily_limit_usd: CapUsd.optional(),
  monthly_limit_usd: CapUsd.optional(),
  /** Unix ms from which the key is refused. */
  expires_at: z.int().positive().optional(),
});

admin.post("/accounts", async (c) => {
  const input = validate(CreateAccount, await readJson(c.req.raw));
  const db = drizzle(c.env.DB);
  if (input.email && (await queries.findAccountByEmail(db, input.email)))
    throw new GatewayError("invalid_request", "email: another account has this email", { param: "email" });
  const account = await queries.createAccount(db, { id: newAccountId(), ...input, now: Date.now() });
  audit(ADMIN_TOKEN_ACTOR, "create-account", { account_id: account.id });
  return c.json({ account: accountJson(account) }, 201);
});

admin.get("/accounts", async (c) =>
  c.json({ accounts: (await queries.listAccounts(drizzle(c.env.DB))).map(accountJson) }),
);

admin.get("/accounts/:id", async (c) => {
  const account = await queries.getAccount(drizzle(c.env.DB), c.req.param("id"));
  if (!account) throw new GatewayError("not_found", "No such account.");
  return c.json({ account: accountJson(account) });
});

admin.post("/accounts/:id/keys", async (c) => {
  const input = validate(CreateKey, await readJson(c.req.raw));
  const db = drizzle(c.env.DB);
  const account = await queries.getAccount(db, c.req.param("id"));
  if (!account) throw new GatewayError("not_found", "No such account.");
  const key = generateApiKey();
  const row = await queries.insertApiKey(db, {
    id: newKeyId(),
    accountId: account.id,
    name: input.name,
    keyHash: await hashApiKey(key),
    hint: keyHint(key),
    createdAt: Date.now(),
    rpmLimit: input.rpm ?? null,
    tpmLimit: input.tpm ?? null,
    allowedModels: input.models ?? null,
    dailyLimitNano: input.daily_limit_usd ?? null,
    monthlyLimitNano: input.monthly_limit_usd ?? null,
    expiresAt: input.expires_at ?? null,
  });
  audit(ADMIN_TOKEN_ACTOR, "create-key", { account_id: account.id, key_id: row.id });
  // The only time the key exists outside the client: it is not stored, only its hash.
  return c.json({ key, api_key: apiKeyJson(row) }, 201);
});

admin.get("/accounts/:id/keys", async (c) => {
  const rows = await queries.listApiKeys(drizzle(c.env.DB), c.req.param("id"));
  return c.json({ keys: rows.map(apiKeyJson) });
});

admin.post("/keys/:id/revoke", async (c) => {
  const key = await revokeKey(c.env, ADMIN_TOKEN_ACTOR, c.req.param("id"));
  return c.json({ api_key: apiKeyJson(key) });
});

const KeyLimits = z.object({
  name: z.string().min(1).max(200).optional(),
  rpm: z.int().positive().nullable().optional(),
  tpm: z.int().positive().nullable().optional(),
  models: z.array(z.string().min(1)).min(1).nullable().optional(),
  daily_limit_usd: CapUsd.nullable().optional(),
  monthly_limit_usd: CapUsd.nullable().optional(),
  expires_at: z.int().positive().nullable().optional(),
});

/**
 * A key's settings: name, per-key overrides of the plan's limits (null = back to the plan's),
 * the model allow-list, daily and monthly spend caps (USD; null = none), expiry (Unix ms; null =
 * never). Only the fields sent change; the account object reloads the key at once.
 */
admin.patch("/keys/:id", async (c) => {
  const input = validate(KeyLimits, await readJson(c.req.raw));
  const db = drizzle(c.env.DB);
  const key = await queries.updateApiKeyLimits(db, c.req.param("id"), {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.rpm !== undefined ? { rpmLimit: input.rpm } : {}),
    ...(input.tpm !== undefined ? { tpmLimit: input.tpm } : {}),
    ...(input.models !== undefined ? { allowedModels: input.models } : {}),
    ...(input.daily_limit_usd !== undefined ? { dailyLimitNano: input.daily_limit_usd } : {}),
    ...(input.monthly_limit_usd !== undefined ? { monthlyLimitNano: input.monthly_limit_usd } : {}),
    ...(input.expires_at !== undefined ? { expiresAt: input.expires_at } : {}),
  });
  if (!key) throw new GatewayError("not_found", "No such key.");
  await accountStub(c.env, key.accountId).syncKey(key.accountId, key.keyHash);
  audit(ADMIN_TOKEN_ACTOR, "set-key-limits", { account_id: key.accountId, key_id: key.id, ...input });
  return c.json({ api_key: apiKeyJson(key) });
});

const Credit = z.object({
  /** USD as a decimal string, e.g. "10" or "-2.50" (a debit). */
  usd: z.string(),
  /** Makes the adjustment idempotent; defaults to a fresh one (never repeats). */
  idempotency_key: z.string().min(1).max(200).optional(),
  memo: z.string().max(500).optional(),
});

admin.post("/accounts/:id/credit", async (c) => {
  const input = validate(Credit, await readJson(c.req.raw));
  let amountNano: number;
  try {
    amountNano = usdToNano(input.usd, { allowNegative: true });
  } catch (err) {
    throw new GatewayError("invalid_request", `usd: ${(err as Error).message}`, { param: "usd" });
  }
  if (amountNano === 0) throw new GatewayError("invalid_request", "usd: must not be zero", { param: "usd" });
  const result = await moveMoney(c.env, ADMIN_TOKEN_ACTOR, {
    accountId: c.req.param("id"),
    action: "adjust",
    amountNano,
    reason: input.memo,
    idempotencyKey: input.idempotency_key ?? `admin:${crypto.randomUUID()}`,
  });
  return c.json({ entry_id: result.entryId, balance_nano: result.balanceNano, duplicate: result.duplicate });
});

admin.get("/accounts/:id/ledger", async (c) => {
  const accountId = c.req.param("id");
  const state = await accountStub(c.env, accountId).state(accountId);
  if (!state) throw new GatewayError("not_found", "No such account.");
  await accountStub(c.env, accountId).flush();
  const entries = await queries.listLedger(drizzle(c.env.DB), accountId);
  return c.json({
    balance_nano: state.balanceNano,
    reserved_nano: state.reservedNano,
    entries: entries.map(ledgerEntryJson),
  });
});

/**
 * For every account: flush its outbox, then check that the D1 ledger sums to the Durable
 * Object's balance and that no reservation has outlived its TTL.
 */
admin.get("/reconcile", async (c) => {
  const db = drizzle(c.env.DB);
  const report = [];
  for (const account of await queries.listAccounts(db)) {
    const stub = accountStub(c.env, account.id);
    await stub.flush();
    const state = await stub.state(account.id);
    const ledgerSum = await queries.ledgerSum(db, account.id);
    const orphaned = (state?.reservations ?? []).filter(
      (r) => r.createdAt <= Date.now() - RESERVATION_TTL_MS,
    );
    const balance = state?.balanceNano ?? 0;
    report.push({
      account_id: account.id,
      balance_nano: balance,
      ledger_sum_nano: ledgerSum,
      orphaned_reservations: orphaned.map((r) => r.id),
      // A debt is not a bookkeeping error (the ledger still sums to it) but the operator should know.
      debt_nano: balance < 0 ? -balance : 0,
      ok: ledgerSum === balance && orphaned.length === 0 && (state?.unflushedEntries ?? 0) === 0,
    });
  }
  const debts = report
    .filter((r) => r.debt_nano > 0)
    .map((r) => ({ account_id: r.account_id, debt_nano: r.debt_nano }));
  return c.json({ ok: report.every((r) => r.ok), debts, accounts: report });
});
