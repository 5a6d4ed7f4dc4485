/** @jsxRuntime automatic @jsxImportSource hono/jsx */

import type { Account, ApiKey, LedgerRow, Topup } from "@cc/db";
import type { RequestRow } from "../../account/request-log.ts";
import type { AccountSnapshot } from "../../account/types.ts";
import { MONEY_ACTIONS } from "../../operator/actions.ts";
import { int, usd, utc } from "../format.ts";
import { type ConsoleContext, Layout, Notice } from "../layout.tsx";

type UsageRow = RequestRow;

export function AccountsPage(props: { ctx: ConsoleContext; q: string; accounts: Account[] }) {
  return (
    <Layout ctx={props.ctx} title="Accounts">
      <form method="get" action="/admin/accounts" class="f">
        <label>
          Search by email, name or account id
          <input type="search" name="q" value={props.q} autofocus />
        </label>
        <button type="submit">Search</button>
      </form>
      <h2>{props.q ? `Accounts matching “${props.q}”` : "Newest accounts"}</h2>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th>Account</th>
              <th>Name</th>
              <th>Email</th>
              <th>Plan</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody>
            {props.accounts.map((a) => (
              <tr>
                <td>
                  <a href={`/admin/accounts/${encodeURIComponent(a.id)}`}>
                    <code>{a.id}</code>
                  </a>
                </td>
                <td>{a.name}</td>
                <td>{a.email ?? "—"}</td>
                <td>{a.plan}</td>
                <td>{utc(a.createdAt)}</td>
              </tr>
            ))}
            {props.accounts.length === 0 && (
              <tr>
                <td colspan={5} class="muted">
                  No account matches.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

export interface MoneyFormValues {
  action: string;
  amount: string;
  reason: string;
}

export function AccountPage(props: {
  ctx: ConsoleContext;
  account: Account;
  state: AccountSnapshot | undefined;
  keys: ApiKey[];
  ledger: LedgerRow[];
  usage: UsageRow[];
  topups: Topup[];
  /** A fresh idempotency key for the money form: a double submit moves money once. */
  nonce: string;
  form?: MoneyFormValues;
  ok?: string | undefined;
  error?: string | undefined;
}) {
  const { account, state } = props;
  const available = state ? state.balanceNano - state.reservedNano : 0;
  return (
    <Layout ctx={props.ctx} title={account.email ?? account.name}>
      <Notice ok={props.ok} error={props.error} />
      <div class="cards">
        <div class="card">
          <span class="muted">Balance</span>
          <b data-testid="balance">{usd(state?.balanceNano ?? 0)}</b>
        </div>
        <div class="card">
          <span class="muted">Available (not reserved)</span>
          <b>{usd(available)}</b>
        </div>
        <div class="card">
          <span class="muted">Plan</span>
          <b>{state?.plan ?? account.plan}</b>
        </div>
        <div class="card">
          <span class="muted">Account</span>
          <div>
            <code>{account.id}</code>
          </div>
          <div class="muted">
            {account.name} · since {utc(account.createdAt)}
          </div>
        </div>
      </div>

      <h2>Move money</h2>
      <form method="post" action={`/admin/accounts/${encodeURIComponent(account.id)}/money`} class="f">
        <input type="hidden" name="nonce" value={props.nonce} />
        <label>
          Action
          <select name="action">
            {Object.keys(MONEY_ACTIONS).map((a) => (
              <option value={a} selected={props.form?.action === a}>
                {a === "credit"
                  ? "Credit (+, in the customer's favour)"
                  : a === "refund"
                    ? "Refund (−, money returned outside the gateway)"
                    : "Adjust (±, a correction)"}
              </option>
            ))}
          </select>
        </label>
        <label>
          Amount, USD
          <input
            name="amount"
            inputmode="decimal"
            required
            value={props.form?.amount ?? ""}
            placeholder="10.00"
          />
        </label>
        <label>
          Reason (required; the customer sees it in their ledger)
          <input name="reason" required minlength={3} maxlength={500} value={props.form?.reason ?? ""} />
        </label>
        <button type="submit">Apply</button>
      </form>

      <h2>Keys</h2>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th>Key</th>
              <th>Name</th>
              <th>Hint</th>
              <th>Limits</th>
              <th>Created</th>
              <th>Last used</th>
              <th>State</th>
            </tr>
          </thead>
          <tbody>
            {props.keys.map((k) => (
              <tr>
                <td>
                  <code>{k.id}</code>
                </td>
                <td>{k.name}</td>
                <td>
                  <code>{k.hint}</code>
                </td>
                <td>
                  {k.rpmLimit ?? "plan"} rpm · {k.tpmLimit ?? "plan"} tpm
                  {k.allowedModels ? ` · ${k.allowedModels.join(", ")}` : ""}
                </td>
                <td>{utc(k.createdAt)}</td>
                <td>{utc(k.lastUsedAt)}</td>
                <td>
                  {k.revokedAt ? (
                    `revoked ${utc(k.revokedAt)}`
                  ) : (
                    <form method="post" action={`/admin/keys/${encodeURIComponent(k.id)}/revoke`}>
                      <button type="submit" class="danger">
                        Revoke
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Ledger</h2>
      <div class="scroll">
        <table data-testid="ledger">
          <thead>
            <tr>
              <th>When</th>
              <th>Kind</th>
              <th class="n">Amount</th>
              <th class="n">Balance after</th>
              <th>Memo</th>
              <th>Reference</th>
            </tr>
          </thead>
          <tbody>
            {props.ledger.map((e) => (
              <tr>
                <td>{utc(e.createdAt)}</td>
                <td>{e.kind}</td>
                <td class="n">{usd(e.amountNano)}</td>
                <td class="n">{usd(e.balanceAfterNano)}</td>
                <td>{e.memo ?? ""}</td>
                <td>
                  <code>{e.reference}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Top-ups</h2>
      <TopupTable topups={props.topups} />

      <h2>Latest requests</h2>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th>When</th>
              <th>Model</th>
              <th>Format</th>
              <th class="n">Status</th>
              <th>Outcome</th>
              <th class="n">Input</th>
              <th class="n">Output</th>
              <th class="n">Cost</th>
            </tr>
          </thead>
          <tbody>
            {props.usage.map((u) => (
              <tr>
                <td>{utc(u.createdAt)}</td>
                <td>{u.model}</td>
                <td>{u.format}</td>
                <td class="n">{u.status}</td>
                <td>{u.outcome}</td>
                <td class="n">
                  {int(u.inputTokens + u.cacheWrite5mTokens + u.cacheWrite1hTokens + u.cacheReadTokens)}
                </td>
                <td class="n">{int(u.outputTokens)}</td>
                <td class="n">{usd(u.costNano)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

/** Top-ups with their re-query button (the same step as the cron's, now). */
export function TopupTable(props: { topups: Topup[]; back?: string }) {
  return (
    <div class="scroll">
      <table>
        <thead>
          <tr>
            <th>Top-up</th>
            <th>Account</th>
            <th>Processor</th>
            <th>Status</th>
            <th class="n">Asked</th>
            <th class="n">Credited</th>
            <th>Updated</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {props.topups.map((t) => (
            <tr>
              <td>
                <code>{t.id}</code>
              </td>
              <td>
                <a href={`/admin/accounts/${encodeURIComponent(t.accountId)}`}>
                  <code>{t.accountId}</code>
                </a>
              </td>
              <td>
                {t.provider} · {t.coin}
              </td>
              <td>{t.status}</td>
              <td class="n">{usd(t.amountRequestedNano)}</td>
              <td class="n">{usd(t.amountCreditedNano)}</td>
              <td>{utc(t.updatedAt)}</td>
              <td>
                <form method="post" action={`/admin/topups/${encodeURIComponent(t.id)}/requery`}>
                  {props.back && <input type="hidden" name="back" value={props.back} />}
                  <button type="submit">Re-query</button>
                </form>
              </td>
            </tr>
          ))}
          {props.topups.length === 0 && (
            <tr>
              <td colspan={8} class="muted">
                None.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
