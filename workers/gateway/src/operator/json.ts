import type { Account, ApiKey, LedgerRow } from "@cc/db";

/**
 * The operators' JSON (admin API, `pnpm admin`): snake_case everywhere, like the account API and
 * the D1 columns; money in integer nano-USD, times in Unix ms.
 */

export const accountJson = (a: Account) => ({
  id: a.id,
  name: a.name,
  email: a.email,
  plan: a.plan,
  created_at: a.createdAt,
});

export const apiKeyJson = (k: ApiKey) => ({
  id: k.id,
  account_id: k.accountId,
  name: k.name,
  hint: k.hint,
  created_at: k.createdAt,
  revoked_at: k.revokedAt,
  last_used_at: k.lastUsedAt,
  rpm_limit: k.rpmLimit,
  tpm_limit: k.tpmLimit,
  allowed_models: k.allowedModels,
  daily_limit_nano: k.dailyLimitNano,
  monthly_limit_nano: k.monthlyLimitNano,
  expires_at: k.expiresAt,
});

export const ledgerEntryJson = (e: LedgerRow) => ({
  id: e.id,
  account_id: e.accountId,
  kind: e.kind,
  amount_nano: e.amountNano,
  balance_after_nano: e.balanceAfterNano,
  reference: e.reference,
  memo: e.memo,
  created_at: e.createdAt,
});
