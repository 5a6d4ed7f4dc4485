/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { queries } from "@cc/db";
import { drizzle } from "drizzle-orm/d1";
import { Hono } from "hono";
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
  const db = drizzle(c.env.DB);
  const now = Date.now();
  const firstDay = dayStart(now) - (CHART_DAYS - 1) * DAY_MS;
  const [state, spent, daily, requests] = await Promise.all([
    accountState(c.env, accountId),
    queries.usageCostSince(db, accountId, monthStart(now)),
    queries.usageDailyByModel(db, accountId, firstDay),
    queries.listUsage(db, accountId, 50),
  ]);
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
