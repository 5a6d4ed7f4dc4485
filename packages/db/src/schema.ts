import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

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
  /** When its owner deleted it (the row and its ledger stay for the books); null while open. */
  deletedAt: integer("deleted_at"),
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
    /** Spend caps per UTC day and UTC month, nano-USD; null = none. Enforced at admission. */
    dailyLimitNano: integer("daily_limit_nano"),
    monthlyLimitNano: integer("monthly_limit_nano"),
    /** From this instant the key is refused (401, "expired"); null = never. */
    expiresAt: integer("expires_at"),
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
    /** The service tier the vendor served at when not the standard one (priority, flex…). */
    serviceTier: text("service_tier"),
    /** Server-side tool uses the vendor ran, as JSON {"web_search": 2}; null when none. */
    toolUses: text("tool_uses", { mode: "json" }).$type<Record<string, number>>(),
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

/**
 * Usage per account × key × model × channel × hour, flushed by each account's Durable Object
 * (which keeps the per-request rows): the operator console's and analytics' source. A flush
 * writes absolute totals, so a repeated flush changes nothing.
 */
export const usageHourly = sqliteTable(
  "usage_hourly",
  {
    accountId: text("account_id").notNull(),
    keyId: text("key_id").notNull(),
    model: text("model").notNull(),
    /** The upstream channel that served it ("" when unknown). */
    channel: text("channel").notNull().default(""),
    /** Start of the UTC hour, Unix ms. */
    hour: integer("hour").notNull(),
    requests: integer("requests").notNull().default(0),
    /** Requests that did not end `ok`. */
    errors: integer("errors").notNull().default(0),
    inputTokens: integer("input_tokens").notNull().default(0),
    cacheWrite5mTokens: integer("cache_write_5m_tokens").notNull().default(0),
    cacheWrite1hTokens: integer("cache_write_1h_tokens").notNull().default(0),
    cacheReadTokens: integer("cache_read_tokens").notNull().default(0),
    outputTokens: integer("output_tokens").notNull().default(0),
    thinkingTokens: integer("thinking_tokens").notNull().default(0),
    costNano: integer("cost_nano").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.keyId, t.model, t.channel, t.hour] }),
    index("usage_hourly_hour_idx").on(t.hour),
  ],
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

/** Dashboard logins: one user per account (the owner). */
export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  accountId: text("account_id")
    .notNull()
    .references(() => accounts.id),
  email: text("email").notNull().unique(),
  /** `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`, per-user salt, WebCrypto. */
  passwordHash: text("password_hash").notNull(),
  createdAt: integer("created_at").notNull(),
  /** When the owner proved they read `email` (the verification link); null = not yet. */
  emailVerifiedAt: integer("email_verified_at"),
});

export const EMAIL_TOKEN_PURPOSES = ["verify", "reset"] as const;
export type EmailTokenPurpose = (typeof EMAIL_TOKEN_PURPOSES)[number];

/**
 * Single-use links sent by email: address verification and password reset. The token lives only
 * in the link; its sha256 is the id. Used once (`used_at`), refused after `expires_at`.
 */
export const emailTokens = sqliteTable(
  "email_tokens",
  {
    /** hex sha256 of the token in the link. */
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    purpose: text("purpose", { enum: EMAIL_TOKEN_PURPOSES }).notNull(),
    /** The address the link was sent to: for `verify`, the address it proves (a change of email). */
    email: text("email").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("email_tokens_user_idx").on(t.userId, t.purpose)],
);

/**
 * The development mailer's outbox (never written in production): every email `pnpm dev` and the
 * tests send, readable at /dev/outbox.
 */
export const devOutbox = sqliteTable(
  "dev_outbox",
  {
    id: text("id").primaryKey(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("dev_outbox_to_idx").on(t.to, t.createdAt)],
);

/** Dashboard sessions: the cookie holds a random token; only its sha256 is stored. */
export const sessions = sqliteTable(
  "sessions",
  {
    /** hex sha256 of the session token. */
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    accountId: text("account_id").notNull(),
    /** Per-session CSRF token for state-changing forms. */
    csrfToken: text("csrf_token").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const TOPUP_STATUSES = [
  "created",
  "pending",
  "expired",
  "confirming",
  "failed",
  "partially_paid",
  "credited",
  "refunded",
] as const;
export type TopupStatus = (typeof TOPUP_STATUSES)[number];

/**
 * Crypto top-ups (docs/payments.md). A status only moves forward in rank
 * (created 0 < pending 1 < expired 2 < confirming 3 < failed 4 < partially_paid 5 < credited 6
 * < refunded 7), so replayed and out-of-order callbacks change nothing.
 */
export const topups = sqliteTable(
  "topups",
  {
    /** Our order id, sent to the processor and echoed back in its callbacks. */
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    provider: text("provider").notNull(),
    providerInvoiceId: text("provider_invoice_id"),
    providerPaymentId: text("provider_payment_id"),
    /** What the customer asked to top up, nano-USD. */
    amountRequestedNano: integer("amount_requested_nano").notNull(),
    /** What has been credited so far, nano-USD (the USD value the processor reports as paid). */
    amountCreditedNano: integer("amount_credited_nano").notNull().default(0),
    /** The coin: usdttrc20, usdterc20, btc, eth. */
    coin: text("coin").notNull(),
    status: text("status", { enum: TOPUP_STATUSES }).notNull(),
    statusRank: integer("status_rank").notNull(),
    invoiceUrl: text("invoice_url"),
    expiresAt: integer("expires_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    creditedAt: integer("credited_at"),
  },
  (t) => [
    uniqueIndex("topups_provider_invoice_unique").on(t.provider, t.providerInvoiceId),
    uniqueIndex("topups_provider_payment_unique").on(t.provider, t.providerPaymentId),
    index("topups_account_created_idx").on(t.accountId, t.createdAt),
    index("topups_status_idx").on(t.status, t.updatedAt),
  ],
);

/** Every verified callback delivery, for audit and delivery-level dedupe (BTCPay deliveryId…). */
export const webhookEvents = sqliteTable(
  "webhook_events",
  {
    provider: text("provider").notNull(),
    /** The provider's delivery id, or sha256 of the raw body when it has none. */
    eventKey: text("event_key").notNull(),
    topupId: text("topup_id"),
    receivedAt: integer("received_at").notNull(),
    body: text("body").notNull(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.eventKey] })],
);

export type User = typeof users.$inferSelect;
export type EmailToken = typeof emailTokens.$inferSelect;
export type DevEmail = typeof devOutbox.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Topup = typeof topups.$inferSelect;

export const VENDORS = ["anthropic", "openai", "gemini"] as const;
export type Vendor = (typeof VENDORS)[number];

/**
 * Upstream channels: where the gateway sends a vendor's requests (docs/channels.md). A channel
 * whose `source` is `env` is the implicit one of the *_UPSTREAM_URL / *_UPSTREAM_KEY settings:
 * its URL and key are read from the Worker's environment, never stored.
 */
export const channels = sqliteTable(
  "channels",
  {
    /** `ch_` + 12 random bytes base62; `env-anthropic` / `env-openai` / `env-gemini` for the implicit ones. */
    id: text("id").primaryKey(),
    name: text("name").notNull().unique(),
    vendor: text("vendor", { enum: VENDORS }).notNull(),
    source: text("source", { enum: ["stored", "env"] })
      .notNull()
      .default("stored"),
    /** What the vendor's path (/v1/messages…) is appended to; empty for an `env` channel. */
    baseUrl: text("base_url").notNull().default(""),
    /** `v1.<key id>.<iv>.<ciphertext>`: AES-GCM under CHANNEL_CREDENTIALS_KEY; null for `env`. */
    credentialCiphertext: text("credential_ciphertext"),
    /** `sk-ant-…abcd`: enough to recognise a credential, useless to an attacker. */
    credentialHint: text("credential_hint"),
    /** JSON {"<public model>": "<upstream model>" | null}; null = every model of the vendor. */
    models: text("models", { mode: "json" }).$type<Record<string, string | null>>(),
    /** Higher is tried first. */
    priority: integer("priority").notNull().default(0),
    /** Share of traffic among the channels of one priority. */
    weight: integer("weight").notNull().default(1),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    /** Why it is disabled: `operator`, or the credential refusal that disabled it. */
    disabledReason: text("disabled_reason"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("channels_vendor_idx").on(t.vendor)],
);

export type ChannelRow = typeof channels.$inferSelect;
