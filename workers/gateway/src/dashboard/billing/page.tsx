/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { PLANS, type PlanId } from "@cc/billing";
import type { Topup } from "@cc/db";
import { COIN_LABELS, MIN_TOPUP_USD, PROVIDER_LABELS } from "@cc/topups";
import { usd, usdCents } from "../components/format.ts";
import { CsrfField, Errors, Layout, LocalTime } from "../components/layout.tsx";
import type { SignedIn } from "../http.tsx";
import { LedgerTable } from "../ledger/page.tsx";
import type { LedgerItem } from "../ledger/view.ts";
import { methodValue, type TopupOffer } from "./offer.ts";

export interface TopupFormValues {
  amount?: string;
  method?: string;
}

export interface BillingProps {
  ctx: SignedIn;
  balanceNano: number;
  reservedNano: number;
  plan: PlanId;
  topups: Topup[];
  ledger: LedgerItem[];
  /** The processors offered and their coins. */
  offer: TopupOffer;
  errors?: string[];
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

const OPEN = new Set(["created", "pending", "confirming", "partially_paid"]);

/** What a top-up's status means for the customer, and what to do next. */
export function topupAdvice(t: Topup, now: number): string {
  switch (t.status) {
    case "created":
    case "pending":
      return t.expiresAt !== null && t.expiresAt <= now
        ? "The invoice has run out. Start a new top-up; if you paid, it is credited when the payment confirms."
        : "Waiting for your payment: open the invoice to pay.";
    case "confirming":
      return "Payment seen; waiting for network confirmations. Nothing to do.";
    case "partially_paid":
      return "Part of the amount arrived and was credited. Pay the rest on the invoice, or start a new top-up for it.";
    case "credited":
      return "Credited to your balance.";
    case "expired":
      return "The invoice expired before a payment arrived. Start a new top-up. If you did pay, contact support with this top-up's id: a late payment is still credited once it confirms.";
    case "failed":
      return "The processor did not accept the payment. Start a new top-up, perhaps with another coin; contact support with this top-up's id if money left your wallet.";
    case "refunded":
      return "Refunded by the processor.";
  }
}

export function BillingPage(props: BillingProps) {
  const v = props.values ?? {};
  const csrf = props.ctx.user.csrfToken;
  const verified = props.ctx.user.emailVerified;
  const now = Date.now();
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
        <section id="topup">
          <h2>Top up</h2>
          <Errors errors={props.errors} />
          {!verified ? (
            <p class="note">
              Confirm your email address first (see the link at the top): then you can top up.
            </p>
          ) : props.offer.length === 0 ? (
            <p class="note">
              Top-ups are not available right now: no payment processor is set up on this service. Please
              contact support.
            </p>
          ) : (
            <form class="f" method="post" action="/dashboard/billing/topup">
              <CsrfField token={csrf} />
              <label>
                Amount in USD <span class="muted">(at least ${MIN_TOPUP_USD})</span>
                <input name="amount" inputmode="decimal" value={v.amount ?? "20"} required />
              </label>
              <label>
                Pay with
                <select name="method">
                  {props.offer.map((p) => (
                    <optgroup label={PROVIDER_LABELS[p.provider]}>
                      {p.coins.map((coin) => {
                        const value = methodValue(p.provider, coin);
                        return (
                          <option value={value} selected={v.method === value}>
                            {COIN_LABELS[coin]}
                            {props.offer.length > 1 ? ` via ${PROVIDER_LABELS[p.provider]}` : ""}
                          </option>
                        );
                      })}
                    </optgroup>
                  ))}
                </select>
              </label>
              <button type="submit">Continue to payment</button>
              <p class="muted">
                You pay on the processor's page; the balance rises once the payment confirms (minutes for
                USDT, longer for Bitcoin).
              </p>
            </form>
          )}
        </section>
        <section id="plan">
          <h2>Pro plan</h2>
          {props.plan === "pro" ? (
            <p>
              You are on Pro: {PLANS.pro.discountPercent}% off every token, {PLANS.pro.rpm} requests/min per
              key.
            </p>
          ) : (
            <>
              <p>
                {usd(PLANS.pro.priceNano)} once, from your balance: {PLANS.pro.discountPercent}% off every
                token instead of {PLANS.basic.discountPercent}%, {PLANS.pro.rpm} requests and{" "}
                {PLANS.pro.tpm.toLocaleString("en-US")} tokens per minute per key.
              </p>
              <a class="button" href="/dashboard/billing/pro">
                Upgrade to Pro…
              </a>
            </>
          )}
        </section>
      </div>

      <h2>Top-ups</h2>
      <div class="scroll">
        <table class="data stack" id="topups">
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
              return (
                <tr data-topup={t.id}>
                  <td data-label="Created">
                    <LocalTime ms={t.createdAt} />
                  </td>
                  <td class="n" data-label="Amount">
                    {usd(t.amountRequestedNano)}
                  </td>
                  <td class="n" data-label="Credited">
                    {usd(t.amountCreditedNano)}
                  </td>
                  <td data-label="Coin">{t.coin}</td>
                  <td data-label="Processor">{t.provider}</td>
                  <td data-label="Status" class="detail">
                    <strong>{t.status.replace("_", " ")}</strong>
                    <br />
                    <span class="muted">{topupAdvice(t, now)}</span>
                    {(t.status === "expired" || t.status === "failed") && (
                      <>
                        {" "}
                        <span class="muted">
                          Top-up id: <code>{t.id}</code>
                        </span>
                      </>
                    )}
                  </td>
                  <td data-label="Invoice">{href && OPEN.has(t.status) ? <a href={href}>open</a> : "—"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {props.topups.length === 0 && <p class="muted">No top-ups yet.</p>}

      <h2>Latest ledger entries</h2>
      <LedgerTable items={props.ledger} />
      {props.ledger.length === 0 ? (
        <p class="muted">No entries yet.</p>
      ) : (
        <p>
          <a href="/dashboard/ledger">The whole ledger, back to the first entry →</a>
        </p>
      )}
    </Layout>
  );
}

/** The confirmation of a plan purchase: what it costs, what changes, the balance after. */
export function ConfirmProPage(props: {
  ctx: SignedIn;
  balanceNano: number;
  reservedNano: number;
  errors?: string[];
}) {
  const pro = PLANS.pro;
  const basic = PLANS.basic;
  const available = props.balanceNano - props.reservedNano;
  const enough = available >= pro.priceNano;
  return (
    <Layout ctx={props.ctx} title="Upgrade to Pro">
      <Errors errors={props.errors} />
      <p>
        The Pro plan costs <strong>{usd(pro.priceNano)}, once</strong>, taken from your balance. It does not
        renew.
      </p>
      <table class="data stack" id="plan-change">
        <thead>
          <tr>
            <th />
            <th>Now (Basic)</th>
            <th>With Pro</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td data-label="">Discount on list prices</td>
            <td data-label="Now">{basic.discountPercent}%</td>
            <td data-label="With Pro">{pro.discountPercent}%</td>
          </tr>
          <tr>
            <td data-label="">Requests per minute, per key</td>
            <td data-label="Now">{basic.rpm}</td>
            <td data-label="With Pro">{pro.rpm}</td>
          </tr>
          <tr>
            <td data-label="">Tokens per minute, per key</td>
            <td data-label="Now">{basic.tpm.toLocaleString("en-US")}</td>
            <td data-label="With Pro">{pro.tpm.toLocaleString("en-US")}</td>
          </tr>
          <tr>
            <td data-label="">Balance</td>
            <td data-label="Now">{usd(props.balanceNano)}</td>
            <td data-label="With Pro">{usd(props.balanceNano - pro.priceNano)}</td>
          </tr>
        </tbody>
      </table>
      <p class="muted">
        The new prices and limits apply to requests admitted from the moment you confirm. Keys with their own
        lower limits keep them.
      </p>
      {enough ? (
        <form class="f" method="post" action="/dashboard/billing/pro">
          <CsrfField token={props.ctx.user.csrfToken} />
          <input type="hidden" name="confirm" value="yes" />
          <button type="submit">Pay {usd(pro.priceNano)} and upgrade</button>
        </form>
      ) : (
        <p class="err">
          Your available balance is {usd(Math.max(0, available))}.{" "}
          <a href="/dashboard/billing#topup">Top up</a> at least {usd(pro.priceNano - Math.max(0, available))}{" "}
          first.
        </p>
      )}
      <p>
        <a href="/dashboard/billing">Cancel</a>
      </p>
    </Layout>
  );
}
