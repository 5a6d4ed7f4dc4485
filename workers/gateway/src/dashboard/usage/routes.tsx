/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono } from "hono";
import { accountStub } from "../../account/client.ts";
import { accountState } from "../account.ts";
import { DAY_MS, dayStart, monthStart, utcDay } from "../components/format.ts";
import { render, type SignedInEnv } from "../http.tsx";
import type { ChartSeries } from "./chart.tsx";
import { OverviewPage } from "./page.tsx";

/** The dashboard's first page: balance, plan, this month's spend, usage per day, the latest requests. */
export const usage = new Hono<SignedInEnv>();

const CHART_DAYS = 14;

usage.get("/dashboard", async (c) => {
  const { accountId } = c.var.session;
  const now = Date.now();
  const firstDay = dayStart(now) - (CHART_DAYS - 1) * DAY_MS;
  // The account's usage lives in its Durable Object: one call for the page.
  const [state, usage] = await Promise.all([
    accountState(c.env, accountId),
    accountStub(c.env, accountId).usage(accountId, {
      limit: 50,
      since: firstDay,
      spentSince: monthStart(now),
    }),
  ]);
  const spent = usage?.spentNano ?? 0;
  const daily = usage?.daily ?? [];
  const requests = usage?.requests ?? [];
  const days = Array.from({ length: CHART_DAYS }, (_, i) => utcDay(firstDay + i * DAY_MS));
  const models = [...new Set(daily.map((d) => d.model))].sort();
  const series = (pick: (d: (typeof daily)[number]) => number): ChartSeries[] =>
    models.map((model) => ({
      model,
      values: days.map((_, i) => {
        const day = firstDay / DAY_MS + i;
        return daily.filter((d) => d.model === model && d.day === day).reduce((n, d) => n + pick(d), 0);
      }),
    }));
  return render(
    c,
    <OverviewPage
      ctx={c.var.page}
      balanceNano={state.balanceNano}
      reservedNano={state.reservedNano}
      plan={state.plan}
      spentThisMonthNano={spent}
      days={days}
      models={models}
      cost={series((d) => d.costNano)}
      tokens={series((d) => d.tokens)}
      requests={requests}
    />,
  );
});
