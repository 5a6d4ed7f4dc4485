/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { nanoToUsdString } from "@cc/billing";
import { queries } from "@cc/db";
import { drizzle } from "drizzle-orm/d1";
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { accountStub } from "../../account/client.ts";
import type { RequestRow } from "../../account/request-log.ts";
import { DAY_MS } from "../../lib/periods.ts";
import type { ChartSeries } from "../components/chart.tsx";
import { render, type SignedInContext, type SignedInEnv } from "../http.tsx";
import { csvRecord } from "./csv.ts";
import {
  buckets,
  formatCursor,
  parseCursor,
  parseOffsetMinutes,
  parseUsageQuery,
  selectionQuery,
} from "./filter.ts";
import { UsagePage } from "./page.tsx";
import { keyName } from "./table.tsx";

/**
 * /dashboard/usage: a selection of the account's requests (range, key, model, format), its
 * totals, a chart by day (by hour up to 48 h) and its requests page by page; /dashboard/usage.csv
 * streams the same selection as CSV, page by page from the account's Durable Object.
 */
export const usage = new Hono<SignedInEnv>();

const PAGE = 50;
/** Rows per call to the account object while exporting. */
const EXPORT_PAGE = 500;
/** The filters offer what the account used this long back. */
const DIMENSIONS_DAYS = 90;

/** The viewer's clock: `tz` in the query (minutes ahead of UTC), else the browser's cookie. */
const offsetMinutes = (c: SignedInContext) => parseOffsetMinutes(c.req.query("tz") ?? getCookie(c, "cc_tz"));

const offsetLabel = (minutes: number) => {
  if (minutes === 0) return "UTC";
  const sign = minutes > 0 ? "+" : "−";
  const m = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
};

usage.get("/dashboard/usage", async (c) => {
  const { accountId } = c.var.session;
  const now = Date.now();
  const tz = offsetMinutes(c);
  const view = parseUsageQuery(c.req.query(), now, tz);
  const cursor = parseCursor(c.req.query("cursor"));
  const stub = accountStub(c.env, accountId);
  const [analytics, page, keys] = await Promise.all([
    stub.analytics(accountId, {
      filter: view.filter,
      bucketMs: view.bucketMs,
      offsetMs: view.offsetMs,
      dimensionsSince: now - DIMENSIONS_DAYS * DAY_MS,
    }),
    stub.requests(accountId, view.filter, cursor, PAGE),
    queries.listApiKeys(drizzle(c.env.DB), accountId),
  ]);
  const series = analytics?.series ?? [];
  const axis = buckets(view);
  const models = [...new Set(series.map((s) => s.model))].sort();
  const chart = (pick: (s: (typeof series)[number]) => number): ChartSeries[] =>
    models.map((model) => ({
      model,
      values: axis.map((b) =>
        series.filter((s) => s.model === model && s.bucket === b.start).reduce((n, s) => n + pick(s), 0),
      ),
    }));
  const keyNames = Object.fromEntries(keys.map((k) => [k.id, k.name]));
  const dims = analytics?.dimensions ?? { models: [], formats: [], keyIds: [] };
  return render(
    c,
    <UsagePage
      ctx={c.var.page}
      view={view}
      totals={
        analytics?.totals ?? {
          requests: 0,
          errors: 0,
          inputTokens: 0,
          cacheWrite5mTokens: 0,
          cacheWrite1hTokens: 0,
          cacheReadTokens: 0,
          outputTokens: 0,
          thinkingTokens: 0,
          costNano: 0,
        }
      }
      labels={axis.map((b) => b.label)}
      titles={axis.map((b) => b.title)}
      models={models}
      cost={chart((s) => s.costNano)}
      tokens={chart(
        (s) =>
          s.inputTokens + s.cacheWrite5mTokens + s.cacheWrite1hTokens + s.cacheReadTokens + s.outputTokens,
      )}
      rows={page?.rows ?? []}
      nextPage={page?.next ? selectionQuery(view, { cursor: formatCursor(page.next) }) : undefined}
      paged={cursor !== undefined}
      keys={keys.map((k) => ({ id: k.id, name: k.revokedAt ? `${k.name} (revoked)` : k.name }))}
      keyNames={keyNames}
      modelChoices={[...new Set([...dims.models, ...(view.filter.model ? [view.filter.model] : [])])]}
      formatChoices={[...new Set([...dims.formats, ...(view.filter.format ? [view.filter.format] : [])])]}
      offsetLabel={offsetLabel(tz)}
    />,
  );
});

/** The export's columns: the table's, each token kind apart, the cost in full precision. */
export const CSV_COLUMNS = [
  "time_utc",
  "request_id",
  "key_name",
  "key_id",
  "model",
  "format",
  "stream",
  "input_tokens",
  "cache_write_5m_tokens",
  "cache_write_1h_tokens",
  "cache_read_tokens",
  "output_tokens",
  "thinking_tokens",
  "cost_usd",
  "outcome",
  "status",
  "latency_ms",
] as const;

export const csvLine = (r: RequestRow, keyNames: Record<string, string>): string =>
  csvRecord([
    new Date(r.createdAt).toISOString(),
    r.id,
    keyName(keyNames, r.keyId),
    r.keyId,
    r.model,
    r.format,
    r.stream,
    r.inputTokens,
    r.cacheWrite5mTokens,
    r.cacheWrite1hTokens,
    r.cacheReadTokens,
    r.outputTokens,
    r.thinkingTokens,
    nanoToUsdString(r.costNano),
    r.outcome,
    r.status,
    r.latencyMs,
  ]);

/**
 * The selection as CSV, streamed: each pull asks the account object for the next page after the
 * last row sent (keyset paging), so an export of any size holds one page in memory.
 */
usage.get("/dashboard/usage.csv", async (c) => {
  const { accountId } = c.var.session;
  const view = parseUsageQuery(c.req.query(), Date.now(), offsetMinutes(c));
  const keys = await queries.listApiKeys(drizzle(c.env.DB), accountId);
  const keyNames = Object.fromEntries(keys.map((k) => [k.id, k.name]));
  const stub = accountStub(c.env, accountId);
  const encoder = new TextEncoder();
  let cursor: { at: number; id: string } | undefined;
  let started = false;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(csvRecord(CSV_COLUMNS)));
          return;
        }
        const page = await stub.requests(accountId, view.filter, cursor, EXPORT_PAGE);
        const rows = page?.rows ?? [];
        if (rows.length > 0)
          controller.enqueue(encoder.encode(rows.map((r) => csvLine(r, keyNames)).join("")));
        cursor = page?.next;
        if (!cursor) controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  const name = `usage-${view.fromDate}-to-${view.toDate}.csv`;
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
