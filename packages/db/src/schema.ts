import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * D1 tables. docs/storage-schema.md describes each one; migrations/ is generated from this
 * file with `pnpm db:generate`. Times are Unix milliseconds; money is integer nano-USD.
 */

export const accounts = sqliteTable("accounts", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").unique(),
  plan: text("plan", { enum: ["basic", "pro"] })
    .notNull()
    .default("basic"),
  createdAt: integer("created_at").notNull(),
});

export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    name: text("name").notNull(),
    /** hex sha256 of the whole key; the key itself is never stored. */
    keyHash: text("key_hash").notNull().unique(),
    /** `sk-cc-…abcd`: enough to recognise a key, useless to an attacker. */
    hint: text("hint").notNull(),
    createdAt: integer("created_at").notNull(),
    revokedAt: integer("revoked_at"),
    lastUsedAt: integer("last_used_at"),
    /** Per-key overrides of the plan's limits; null = the plan's. */
    rpmLimit: integer("rpm_limit"),
    tpmLimit: integer("tpm_limit"),
    /** JSON array of model ids this key may call; null = every model. */
    allowedModels: text("allowed_models", { mode: "json" }).$type<string[]>(),
  },
  (t) => [index("api_keys_account_idx").on(t.accountId)],
);

export const usageLog = sqliteTable(
  "usage_log",
  {
    /** The request id returned to the client (`request-id` header). */
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    keyId: text("key_id").notNull(),
    model: text("model").notNull(),
    /** Inbound wire format: anthropic-messages | openai-chat | openai-responses. */
    format: text("format").notNull(),
    stream: integer("stream", { mode: "boolean" }).notNull(),
    /** HTTP status returned to the client. */
    status: integer("status").notNull(),
    inputTokens: integer("input_tokens").notNull().default(0),
    cacheWrite5mTokens: integer("cache_write_5m_tokens").notNull().default(0),
    cacheWrite1hTokens: integer("cache_write_1h_tokens").notNull().default(0),
    cacheReadTokens: integer("cache_read_tokens").notNull().default(0),
    outputTokens: integer("output_tokens").notNull().default(0),
    thinkingTokens: integer("thinking_tokens").notNull().default(0),
    /** What the request cost the account, nano-USD. */
    costNano: integer("cost_nano").notNull().default(0),
    latencyMs: integer("latency_ms").notNull(),
    ttfbMs: integer("ttfb_ms"),
    /** How the request ended when not cleanly: upstream_error, stream_error, client_hangup… */
    outcome: text("outcome").notNull().default("ok"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch() * 1000)`),
  },
  (t) => [index("usage_log_account_created_idx").on(t.accountId, t.createdAt)],
);

/** Kinds of ledger entry: what moved the balance. */
export const LEDGER_KINDS = ["usage", "topup", "plan", "adjustment", "refund"] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/**
 * The ledger: every balance change, written by the account's Durable Object to its outbox
 * and flushed here. Per account, the sum of amount_nano equals the balance once the outbox
 * is empty (`pnpm admin reconcile` checks it).
 */
export const ledger = sqliteTable(
  "ledger",
  {
    /** Entry id minted by the Durable Object; the flush is idempotent on it. */
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    kind: text("kind", { enum: LEDGER_KINDS }).notNull(),
    /** Signed: credits positive, charges negative. */
    amountNano: integer("amount_nano").notNull(),
    balanceAfterNano: integer("balance_after_nano").notNull(),
    /** The idempotency key of the change: request id, `<provider>:<payment id>`… */
    reference: text("reference").notNull(),
    memo: text("memo"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("ledger_kind_reference_unique").on(t.kind, t.reference),
    index("ledger_account_created_idx").on(t.accountId, t.createdAt),
  ],
);

/** The dashboard's copy of each balance, as of the last flushed ledger entry. */
export const balances = sqliteTable("balances", {
  accountId: text("account_id").primaryKey(),
  balanceNano: integer("balance_nano").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export type Account = typeof accounts.$inferSelect;
export type LedgerRow = typeof ledger.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type UsageLogRow = typeof usageLog.$inferInsert;
