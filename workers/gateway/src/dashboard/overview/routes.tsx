/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { queries } from "@cc/db";
import { drizzle } from "drizzle-orm/d1";
import { Hono } from "hono";
import { accountStub } from "../../account/client.ts";
import { accountState } from "../account.ts";
import type { ChartSeries } from "../components/chart.tsx";
import { DAY_MS, dayStart, monthStart, utcDay } from "../components/format.ts";
import { render, type SignedInEnv } from "../http.tsx";
import { OverviewPage, type OverviewProps } from "./page.tsx";

/** The dashboard's first page: balance, plan, this month's spend, the first steps, 14 days, the latest requests. */
export const overview = new Hono<SignedInEnv>();

const CHART_DAYS = 14;
const LATEST = 10;

const NOTICES: Record<string, OverviewProps["notice"]> = {
  verified: { kind: "ok", text: "Your email address is confirmed: you can top up and create keys." },
  sent: { kind: "ok", text: "We sent a new link. It works once, for 24 hours." },
  failed: { kind: "err", text: "The email could not be sent. Try again in a few minutes." },
};

overview.get("/dashboard", async (c) => {
  const { accountId, emailVerified } = c.var.session;
  const now = Date.now();
  const firstDay = dayStart(now) - (CHART_DAYS - 1) * DAY_MS;
  // The account's usage lives in its Durable Object: one call for the page.
  const [state, usage, keys, topups] = await Promise.all([
    accountState(c.env, accountId),
    accountStub(c.env, accountId).usage(accountId, {
      limit: LATEST,
      since: firstDay,
      spentSince: monthStart(now),
    }),
    queries.listApiKeys(drizzle(c.env.DB), accountId),
    queries.listTopups(drizzle(c.env.DB), accountId, 1),
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
  const notice = NOTICES[c.req.query("verified") ? "verified" : (c.req.query("verification") ?? "")];
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
      keyNames={Object.fromEntries(keys.map((k) => [k.id, k.name]))}
      progress={{
        verified: emailVerified,
        funded: state.balanceNano > 0 || topups.some((t) => t.status === "credited") || spent > 0,
        hasKey: keys.some((k) => k.revokedAt === null),
        hasRequest: requests.length > 0,
      }}
      notice={notice}
    />,
  );
});
