/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { operatorQueries } from "@cc/db";
import { epochDay, int, usd } from "../format.ts";
import { type ConsoleContext, Layout } from "../layout.tsx";

type UsageRow = Awaited<ReturnType<typeof operatorQueries.usageByDayAndModel>>[number];
type TopupDay = Awaited<ReturnType<typeof operatorQueries.topupsCreditedByDay>>[number];

/** Revenue and usage per day and model, and the money received, over the last `days` days. */
export function OverviewPage(props: {
  ctx: ConsoleContext;
  days: number;
  usage: UsageRow[];
  topups: TopupDay[];
  topupCounts: Record<string, number>;
}) {
  const sum = (f: (r: UsageRow) => number) => props.usage.reduce((a, r) => a + f(r), 0);
  const received = props.topups.reduce((a, d) => a + d.creditedNano, 0);
  const waiting = (props.topupCounts.pending ?? 0) + (props.topupCounts.confirming ?? 0);
  return (
    <Layout ctx={props.ctx} title="Overview">
      <div class="cards">
        <div class="card">
          <span class="muted">Revenue, {props.days} days</span>
          <b data-testid="revenue">{usd(sum((r) => r.costNano))}</b>
        </div>
        <div class="card">
          <span class="muted">Top-ups received, {props.days} days</span>
          <b>{usd(received)}</b>
        </div>
        <div class="card">
          <span class="muted">Requests, {props.days} days</span>
          <b>{int(sum((r) => r.requests))}</b>
        </div>
        <div class="card">
          <span class="muted">Top-ups waiting</span>
          <b>
            <a href="/admin/topups?status=pending">{int(waiting)}</a>
          </b>
        </div>
      </div>
      <h2>Revenue and usage per day and model</h2>
      <p class="muted">
        From the accounts' hourly usage rollups (UTC days). Revenue is what accounts were charged, after plan
        discounts.
      </p>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th>Day</th>
              <th>Model</th>
              <th class="n">Requests</th>
              <th class="n">Errors</th>
              <th class="n">Input</th>
              <th class="n">Cache</th>
              <th class="n">Output</th>
              <th class="n">Revenue</th>
            </tr>
          </thead>
          <tbody>
            {props.usage.map((r) => (
              <tr>
                <td>{epochDay(r.day)}</td>
                <td>{r.model}</td>
                <td class="n">{int(r.requests)}</td>
                <td class="n">{int(r.errors)}</td>
                <td class="n">{int(r.inputTokens)}</td>
                <td class="n">{int(r.cacheTokens)}</td>
                <td class="n">{int(r.outputTokens)}</td>
                <td class="n">{usd(r.costNano)}</td>
              </tr>
            ))}
            {props.usage.length === 0 && (
              <tr>
                <td colspan={8} class="muted">
                  No requests in this period.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <h2>Top-ups received per day</h2>
      <table>
        <thead>
          <tr>
            <th>Day</th>
            <th class="n">Top-ups credited</th>
            <th class="n">Received</th>
          </tr>
        </thead>
        <tbody>
          {props.topups.map((d) => (
            <tr>
              <td>{epochDay(d.day)}</td>
              <td class="n">{int(d.topups)}</td>
              <td class="n">{usd(d.creditedNano)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
