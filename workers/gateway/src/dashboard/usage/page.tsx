/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { PLANS, type PlanId } from "@cc/billing";
import type { RequestRow } from "../../account/request-log.ts";
import { int, usd, usdCents, utc } from "../components/format.ts";
import { Layout, type PageContext } from "../components/layout.tsx";
import { type ChartSeries, Legend, StackedBars } from "./chart.tsx";

export type UsageRow = RequestRow;

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
  requests: UsageRow[];
}

const compact = (n: number) =>
  n >= 1e6 ? `${+(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${+(n / 1e3).toFixed(1)}k` : String(+n.toFixed(1));
const chartUsd = (nano: number) => {
  const v = nano / 1e9;
  return v === 0 ? "$0" : v < 0.01 ? `$${+v.toPrecision(2)}` : `$${+v.toFixed(2)}`;
};

export function OverviewPage(props: OverviewProps) {
  const plan = PLANS[props.plan];
  return (
    <Layout ctx={props.ctx} title="Dashboard">
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
                · <a href="/dashboard/billing">upgrade</a>
              </>
            )}
          </span>
        </div>
        <div class="card">
          Spent this month<b>{usdCents(props.spentThisMonthNano)}</b>
          <span class="muted">{usd(props.spentThisMonthNano)}</span>
        </div>
      </div>

      <h2>Last 14 days</h2>
      {props.models.length === 0 ? (
        <p class="muted">
          No requests yet. Create a key on the <a href="/dashboard/keys">Keys</a> page and point a tool at the
          gateway: see the <a href="/docs">docs</a>.
        </p>
      ) : (
        <div class="grid">
          <StackedBars title="Spend per day (USD)" days={props.days} series={props.cost} format={chartUsd} />
          <StackedBars title="Tokens per day" days={props.days} series={props.tokens} format={compact} />
        </div>
      )}
      {props.models.length > 0 && <Legend models={props.models} />}

      <h2>Latest requests</h2>
      <div class="scroll">
        <table class="data" id="requests">
          <thead>
            <tr>
              <th>Time</th>
              <th>Model</th>
              <th>Format</th>
              <th class="n">Input</th>
              <th class="n">Cache write</th>
              <th class="n">Cache read</th>
              <th class="n">Output</th>
              <th class="n">Thinking</th>
              <th class="n">Cost</th>
              <th class="n">Status</th>
              <th class="n">Latency</th>
            </tr>
          </thead>
          <tbody>
            {props.requests.map((r) => (
              <tr>
                <td title={r.id}>{utc(r.createdAt)}</td>
                <td>{r.model}</td>
                <td>
                  {r.format}
                  {r.stream ? " · stream" : ""}
                </td>
                <td class="n">{int(r.inputTokens)}</td>
                <td class="n">{int(r.cacheWrite5mTokens + r.cacheWrite1hTokens)}</td>
                <td class="n">{int(r.cacheReadTokens)}</td>
                <td class="n">{int(r.outputTokens)}</td>
                <td class="n">{int(r.thinkingTokens)}</td>
                <td class="n">{usd(r.costNano)}</td>
                <td class="n" title={r.outcome}>
                  {r.status}
                </td>
                <td class="n">{int(r.latencyMs)} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.requests.length === 0 && <p class="muted">Nothing yet.</p>}
    </Layout>
  );
}
