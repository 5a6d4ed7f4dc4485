/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { RequestRow, UsageTotals } from "../../account/request-log.ts";
import { type ChartSeries, Legend, StackedBars } from "../components/chart.tsx";
import { int, usd, usdCents } from "../components/format.ts";
import { Errors, Layout, type PageContext } from "../components/layout.tsx";
import { chartUsd, compact } from "../overview/page.tsx";
import { PRESETS, type Preset, selectionQuery, type UsageView } from "./filter.ts";
import { RequestsTable } from "./table.tsx";

export interface UsageProps {
  ctx: PageContext;
  view: UsageView;
  totals: UsageTotals;
  labels: string[];
  titles: string[];
  models: string[];
  cost: ChartSeries[];
  tokens: ChartSeries[];
  rows: RequestRow[];
  /** The query of the next page, when there is one. */
  nextPage: string | undefined;
  /** Whether this is a later page (a link back to the first). */
  paged: boolean;
  keys: Array<{ id: string; name: string }>;
  keyNames: Record<string, string>;
  modelChoices: string[];
  formatChoices: string[];
  offsetLabel: string;
}

function Select(props: {
  name: string;
  label: string;
  value: string | undefined;
  options: Array<[string, string]>;
}) {
  return (
    <label>
      {props.label}
      <select name={props.name}>
        <option value="">All</option>
        {props.options.map(([value, text]) => (
          <option value={value} selected={props.value === value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

export function UsagePage(props: UsageProps) {
  const { view, totals } = props;
  const hourly = view.bucketMs === 3_600_000;
  const cacheWrites = totals.cacheWrite5mTokens + totals.cacheWrite1hTokens;
  return (
    <Layout ctx={props.ctx} title="Usage">
      <Errors errors={view.error ? [view.error] : undefined} />
      <nav class="pager" aria-label="Ranges">
        {(Object.keys(PRESETS) as Preset[]).map((p) => (
          <a
            href={`/dashboard/usage?${selectionQuery({ ...view, preset: p })}`}
            aria-current={view.preset === p ? "page" : undefined}
          >
            {PRESETS[p].label}
          </a>
        ))}
      </nav>
      <form class="filters" method="get" action="/dashboard/usage" id="usage-filters">
        <label>
          From
          <input type="date" name="from" value={view.fromDate} />
        </label>
        <label>
          To
          <input type="date" name="to" value={view.toDate} />
        </label>
        <Select
          name="key"
          label="Key"
          value={view.filter.keyId}
          options={props.keys.map((k) => [k.id, k.name])}
        />
        <Select
          name="model"
          label="Model"
          value={view.filter.model}
          options={props.modelChoices.map((m) => [m, m])}
        />
        <Select
          name="format"
          label="Format"
          value={view.filter.format}
          options={props.formatChoices.map((f) => [f, f])}
        />
        <button type="submit">Apply</button>
        <a
          class="button secondary"
          href={`/dashboard/usage.csv?${selectionQuery(view)}`}
          id="export-csv"
          download
        >
          Export CSV
        </a>
      </form>
      <p class="muted">
        Days and hours are on your clock ({props.offsetLabel}). Spend caps and the ledger count UTC days.
      </p>

      <div class="cards" id="totals">
        <div class="card">
          Requests<b data-total="requests">{int(totals.requests)}</b>
          <span class="muted">{totals.errors > 0 ? `${int(totals.errors)} not ok` : "all ok"}</span>
        </div>
        <div class="card">
          Cost<b data-total="cost">{usdCents(totals.costNano)}</b>
          <span class="muted" data-total="cost-exact">
            {usd(totals.costNano)}
          </span>
        </div>
        <div class="card">
          Input tokens<b data-total="input">{int(totals.inputTokens)}</b>
          <span class="muted">
            cache write {int(cacheWrites)} · cache read {int(totals.cacheReadTokens)}
          </span>
        </div>
        <div class="card">
          Output tokens<b data-total="output">{int(totals.outputTokens)}</b>
          <span class="muted">of which thinking {int(totals.thinkingTokens)}</span>
        </div>
      </div>

      <h2>{hourly ? "By hour" : "By day"}</h2>
      {props.models.length === 0 ? (
        <p class="muted">No requests in this selection.</p>
      ) : (
        <>
          <div class="grid">
            <StackedBars
              title={`Spend per ${hourly ? "hour" : "day"} (USD)`}
              days={props.titles}
              labels={props.labels}
              series={props.cost}
              format={chartUsd}
            />
            <StackedBars
              title={`Tokens per ${hourly ? "hour" : "day"}`}
              days={props.titles}
              labels={props.labels}
              series={props.tokens}
              format={compact}
            />
          </div>
          <Legend models={props.models} />
        </>
      )}

      <h2>Requests</h2>
      <RequestsTable rows={props.rows} keyNames={props.keyNames} />
      <div class="pager">
        {props.paged && <a href={`/dashboard/usage?${selectionQuery(view)}`}>← Newest</a>}
        {props.nextPage && (
          <a href={`/dashboard/usage?${props.nextPage}`} id="older">
            Older →
          </a>
        )}
      </div>
    </Layout>
  );
}
