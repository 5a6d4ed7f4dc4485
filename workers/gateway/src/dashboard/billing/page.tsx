/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { PLANS, type PlanId } from "@cc/billing";
import type { LedgerRow, Topup } from "@cc/db";
import { COIN_LABELS, MIN_TOPUP_USD, PROVIDER_LABELS, type ProviderId, TOPUP_COINS } from "@cc/topups";
import { usd, usdCents, utc } from "../components/format.ts";
import { CsrfField, Errors, Layout, type PageContext } from "../components/layout.tsx";

export interface TopupFormValues {
  amount?: string;
  coin?: string;
  provider?: string;
}

export interface BillingProps {
  ctx: PageContext & { user: { email: string; csrfToken: string } };
  balanceNano: number;
  plan: PlanId;
  topups: Topup[];
  ledger: LedgerRow[];
  /** The processors offered, in order. */
  providers: readonly ProviderId[];
  errors?: string[];
  proErrors?: string[];
  values?: TopupFormValues;
  notice?: string;
}

/** Only http(s) links are rendered as links: a stored URL never becomes `javascript:`. */
const safeHref = (url: string | null): string | undefined => {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.href : undefined;
  } catch {
    return undefined;
  }
};

export function BillingPage(props: BillingProps) {
  const v = props.values ?? {};
  const csrf = props.ctx.user.csrfToken;
  const pro = PLANS.pro;
  return (
    <Layout ctx={props.ctx} title="Billing">
      {props.notice && <div class="ok">{props.notice}</div>}
      <div class="cards">
        <div class="card">
          Balance<b data-testid="balance">{usdCents(props.balanceNano)}</b>
          <span class="muted">{usd(props.balanceNano)}</span>
        </div>
        <div class="card">
          Plan<b>{PLANS[props.plan].name}</b>
          <span class="muted">
            {PLANS[props.plan].discountPercent}% off list prices, {PLANS[props.plan].rpm} requests/min per key
          </span>
        </div>
      </div>

      <div class="grid">
        <section>
          <h2>Top up</h2>
          <Errors errors={props.errors} />
          <form class="f" method="post" action="/dashboard/billing/topup">
            <CsrfField token={csrf} />
            <label>
              Amount in USD <span class="muted">(at least ${MIN_TOPUP_USD})</span>
              <input name="amount" inputmode="decimal" value={v.amount ?? "20"} required />
            </label>
            <label>
              Pay with
              <select name="coin">
                {TOPUP_COINS.map((id) => (
                  <option value={id} selected={v.coin === id}>
                    {COIN_LABELS[id]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Processor
              <select name="provider">
                {props.providers.map((id) => (
                  <option value={id} selected={v.provider === id}>
                    {PROVIDER_LABELS[id]}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit">Continue to payment</button>
          </form>
        </section>
        <section>
          <h2>Pro plan</h2>
          <Errors errors={props.proErrors} />
          {props.plan === "pro" ? (
            <p>
              You are on Pro: {pro.discountPercent}% off every token, {pro.rpm} requests/min per key.
            </p>
          ) : (
            <form class="f" method="post" action="/dashboard/billing/pro">
              <CsrfField token={csrf} />
              <p>
                {usd(pro.priceNano)} once, from your balance: {pro.discountPercent}% off every token instead
                of {PLANS.basic.discountPercent}%, {pro.rpm} requests and {pro.tpm.toLocaleString("en-US")}{" "}
                tokens per minute per key.
              </p>
              <button type="submit">Upgrade to Pro for {usdCents(pro.priceNano)}</button>
            </form>
          )}
        </section>
      </div>

      <h2>Top-ups</h2>
      <div class="scroll">
        <table class="data" id="topups">
          <thead>
            <tr>
              <th>Created</th>
              <th class="n">Amount</th>
              <th class="n">Credited</th>
              <th>Coin</th>
              <th>Processor</th>
              <th>Status</th>
              <th>Invoice</th>
            </tr>
          </thead>
          <tbody>
            {props.topups.map((t) => {
              const href = safeHref(t.invoiceUrl);
              const open = t.status === "created" || t.status === "pending" || t.status === "partially_paid";
              return (
                <tr>
                  <td>{utc(t.createdAt)}</td>
                  <td class="n">{usd(t.amountRequestedNano)}</td>
                  <td class="n">{usd(t.amountCreditedNano)}</td>
                  <td>{t.coin}</td>
                  <td>{t.provider}</td>
                  <td>{t.status.replace("_", " ")}</td>
                  <td>{href && open ? <a href={href}>open</a> : "—"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {props.topups.length === 0 && <p class="muted">No top-ups yet.</p>}

      <h2>Ledger</h2>
      <div class="scroll">
        <table class="data" id="ledger">
          <thead>
            <tr>
              <th>Time</th>
              <th>Kind</th>
              <th class="n">Amount</th>
              <th class="n">Balance after</th>
              <th>Reference</th>
              <th>Memo</th>
            </tr>
          </thead>
          <tbody>
            {props.ledger.map((e) => (
              <tr>
                <td>{utc(e.createdAt)}</td>
                <td>{e.kind}</td>
                <td class="n">{usd(e.amountNano)}</td>
                <td class="n">{usd(e.balanceAfterNano)}</td>
                <td>
                  <code>{e.reference}</code>
                </td>
                <td>{e.memo ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.ledger.length === 0 && <p class="muted">No entries yet.</p>}
    </Layout>
  );
}
