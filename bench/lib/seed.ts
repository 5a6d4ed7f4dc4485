/**
 * Seeds the gateway through its admin API: one account with a balance no run can spend, and
 * pools of keys with rate limits no run can reach, so that neither ever refuses a request.
 */
const BALANCE_USD = "1000000";
/** Per-key overrides far above any rate the bench reaches on this machine. */
const RPM = 100_000_000;
const TPM = 1_000_000_000_000;

async function admin<T>(base: string, token: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${base}/api/admin${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST /api/admin${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

export interface Seeded {
  accountId: string;
  balanceNano: number;
  /** Makes `count` fresh keys (each scenario gets its own, see run.ts). */
  keys(count: number, label: string): Promise<string[]>;
  /**
   * Sends the account's outbox to D1 now (the admin ledger flushes before it reads), instead of
   * the minute after its first unflushed request, so that a scenario's D1 statements are its own.
   */
  flush(): Promise<void>;
}

export async function seed(gateway: string, adminToken: string): Promise<Seeded> {
  const { account } = await admin<{ account: { id: string } }>(gateway, adminToken, "/accounts", {
    name: "bench",
    email: "bench@example.com",
    plan: "pro",
  });
  const credit = await admin<{ balance_nano: number }>(
    gateway,
    adminToken,
    `/accounts/${account.id}/credit`,
    {
      usd: BALANCE_USD,
      idempotency_key: "bench:seed",
      memo: "bench balance",
    },
  );
  return {
    accountId: account.id,
    balanceNano: credit.balance_nano,
    keys: async (count, label) => {
      const out: string[] = [];
      for (let i = 0; i < count; i++) {
        const { key } = await admin<{ key: string }>(gateway, adminToken, `/accounts/${account.id}/keys`, {
          name: `bench ${label} ${i}`,
          rpm: RPM,
          tpm: TPM,
        });
        out.push(key);
      }
      return out;
    },
    flush: async () => {
      const res = await fetch(`${gateway}/api/admin/accounts/${account.id}/ledger`, {
        headers: { authorization: `Bearer ${adminToken}` },
      });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`GET /api/admin/accounts/${account.id}/ledger: ${res.status}`);
    },
  };
}
