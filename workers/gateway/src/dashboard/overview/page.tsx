/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { PLANS, type PlanId } from "@cc/billing";
import type { Child } from "hono/jsx";
import type { RequestRow } from "../../account/request-log.ts";
import { type ChartSeries, Legend, StackedBars } from "../components/chart.tsx";
import { usd, usdCents } from "../components/format.ts";
import { Layout, type PageContext } from "../components/layout.tsx";
import { RequestsTable } from "../usage/table.tsx";

export interface OverviewProps {
  ctx: PageContext;
  balanceNano: number;
  reservedNano: number;
  plan: PlanId;
  spentThisMonthNano: number;
  days: string[];
  models: string[];
  cost: ChartSeries[];
  tokens: ChartSeries[];
  requests: RequestRow[];
  keyNames: Record<string, string>;
  /** Where the account stands on its way to a first request. */
  progress: { verified: boolean; funded: boolean; hasKey: boolean; hasRequest: boolean };
  notice?: { kind: "ok" | "err"; text: string };
}

export const compact = (n: number) =>
  n >= 1e6 ? `${+(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${+(n / 1e3).toFixed(1)}k` : String(+n.toFixed(1));
export const chartUsd = (nano: number) => {
  const v = nano / 1e9;
  return v === 0 ? "$0" : v < 0.01 ? `$${+v.toPrecision(2)}` : `$${+v.toFixed(2)}`;
};

/**
 * The first steps, in the order that works: confirm the address, top up (a key without balance
 * only earns a 402), create a key, point a tool at the gateway. Done steps are ticked; the next
 * one leads.
 */
function GettingStarted(props: { progress: OverviewProps["progress"] }) {
  const p = props.progress;
  const steps: Array<{ done: boolean; body: Child }> = [
    { done: p.verified, body: "Confirm your email address: open the link we sent you." },
    {
      done: p.funded,
      body: (
        <>
          <a href="/dashboard/billing#topup">Top up your balance</a> with USDT, Bitcoin or Ether: requests are
          paid from it, to the token.
        </>
      ),
    },
    {
      done: p.hasKey,
      body: (
        <>
          <a href="/dashboard/keys">Create an API key</a>, with a daily spend limit if you like.
        </>
      ),
    },
    {
      done: p.hasRequest,
      body: (
        <>
          Point your tool at the gateway: <a href="/tools">setup guides</a> for Claude Code, Codex CLI, Cursor
          and more, or the <a href="/docs">API docs</a>.
        </>
      ),
    },
  ];
  const next = steps.findIndex((s) => !s.done);
  if (next === -1) return null;
  return (
    <section id="getting-started">
      <h2>Get started</h2>
      <ol class="checklist">
        {steps.map((s, i) => (
          <li class={s.done ? "done" : i === next ? "next" : undefined}>
            {s.done ? "✓ " : ""}
            {s.body}
          </li>
        ))}
      </ol>
      {next === 1 && (
        <p>
          <a class="button" href="/dashboard/billing#topup" id="cta-topup">
            Top up
          </a>
        </p>
      )}
    </section>
  );
}

export function OverviewPage(props: OverviewProps) {
  const plan = PLANS[props.plan];
  return (
    <Layout ctx={props.ctx} title="Dashboard">
      {props.notice && <div class={props.notice.kind}>{props.notice.text}</div>}
      <div class="cards">
        <div class="card">
          Balance<b data-testid="balance">{usdCents(props.balanceNano)}</b>
          <span class="muted">
            {props.reservedNano > 0
              ? `${usd(props.reservedNano)} held for running requests`
              : usd(props.balanceNano)}
          </span>
        </div>
        <div class="card">
          Plan<b>{plan.name}</b>
          <span class="muted">
            {plan.discountPercent}% off list prices
            {props.plan === "basic" && (
              <>
                {" "}
                · <a href="/dashboard/billing/pro">upgrade</a>
              </>
            )}
          </span>
        </div>
        <div class="card">
          Spent this month<b>{usdCents(props.spentThisMonthNano)}</b>
          <span class="muted">{usd(props.spentThisMonthNano)}</span>
        </div>
      </div>

      <GettingStarted progress={props.progress} />

      <h2>Last 14 days</h2>
      {props.models.length === 0 ? (
        <p class="muted">No requests yet.</p>
      ) : (
        <div class="grid">
          <StackedBars title="Spend per day (USD)" days={props.days} series={props.cost} format={chartUsd} />
          <StackedBars title="Tokens per day" days={props.days} series={props.tokens} format={compact} />
        </div>
      )}
      {props.models.length > 0 && <Legend models={props.models} />}

      <h2>Latest requests</h2>
      <RequestsTable rows={props.requests} keyNames={props.keyNames} />
      {props.requests.length === 0 ? (
        <p class="muted">Nothing yet.</p>
      ) : (
        <p>
          <a href="/dashboard/usage">All usage, with filters and CSV export →</a>
        </p>
      )}
    </Layout>
  );
}
