/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { LedgerRow } from "@cc/db";
import { int, usd, usdToCent, utc, utcDay } from "../components/format.ts";
import { Layout, LocalTime, type PageContext } from "../components/layout.tsx";
import { KIND_LABELS, type LedgerItem } from "./view.ts";

const usageLink = (day: number) => {
  const d = utcDay(day);
  return `/dashboard/usage?from=${d}&to=${d}&tz=0`;
};

/** Ledger rows (money events, usage per day), amounts to the cent; a stacked card per row on a phone. */
export function LedgerTable(props: { items: LedgerItem[] }) {
  return (
    <div class="scroll">
      <table class="data stack" id="ledger">
        <thead>
          <tr>
            <th>Date</th>
            <th>What</th>
            <th class="n">Amount</th>
            <th class="n">Balance after</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((item) =>
            item.type === "money" ? (
              <tr data-kind={item.entry.kind} data-entry={item.entry.id}>
                <td data-label="Date">
                  <LocalTime ms={item.entry.createdAt} />
                </td>
                <td data-label="What">
                  <a href={`/dashboard/ledger/${item.entry.id}`}>
                    {KIND_LABELS[item.entry.kind] ?? item.entry.kind}
                  </a>
                </td>
                <td class="n" data-label="Amount" data-amount-nano={item.entry.amountNano}>
                  {usdToCent(item.entry.amountNano)}
                </td>
                <td class="n" data-label="Balance after">
                  {usdToCent(item.entry.balanceAfterNano)}
                </td>
                <td data-label="Details">{item.entry.memo ?? ""}</td>
              </tr>
            ) : (
              <tr data-kind="usage" data-day={utcDay(item.day)}>
                <td data-label="Date">{utcDay(item.day)} (UTC day)</td>
                <td data-label="What">
                  <a href={usageLink(item.day)}>Usage: {int(item.requests)} requests</a>
                </td>
                <td class="n" data-label="Amount" data-amount-nano={item.amountNano}>
                  {usdToCent(item.amountNano)}
                </td>
                <td class="n" data-label="Balance after">
                  {usdToCent(item.balanceAfterNano)}
                </td>
                <td data-label="Details" class="detail">
                  <details>
                    <summary>By model</summary>
                    <ul>
                      {item.models.map((m) => (
                        <li>
                          {m.model}: {int(m.requests)} requests, {usd(m.costNano)}
                        </li>
                      ))}
                    </ul>
                  </details>
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

export function LedgerPage(props: {
  ctx: PageContext;
  items: LedgerItem[];
  next: string | undefined;
  paged: boolean;
}) {
  return (
    <Layout ctx={props.ctx} title="Ledger">
      <p class="muted">
        Every change of your balance: top-ups, plan purchases, refunds and adjustments one by one, and usage
        one row per UTC day (open “By model” for its models; the day links to its requests). Amounts are
        rounded to the cent here; each entry's page and the CSV export have them exactly.
      </p>
      <p>
        <a class="button secondary" href="/dashboard/ledger.csv" download>
          Export CSV
        </a>
      </p>
      <LedgerTable items={props.items} />
      {props.items.length === 0 && <p class="muted">No entries yet.</p>}
      <div class="pager">
        {props.paged && <a href="/dashboard/ledger">← Newest</a>}
        {props.next && (
          <a href={`/dashboard/ledger?before=${props.next}`} id="older">
            Older →
          </a>
        )}
      </div>
    </Layout>
  );
}

export function LedgerEntryPage(props: { ctx: PageContext; entry: LedgerRow }) {
  const e = props.entry;
  return (
    <Layout ctx={props.ctx} title={KIND_LABELS[e.kind] ?? e.kind}>
      <table class="data stack" id="entry">
        <tbody>
          <tr>
            <th>Time</th>
            <td data-label="Time">
              <LocalTime ms={e.createdAt} seconds /> ({utc(e.createdAt)})
            </td>
          </tr>
          <tr>
            <th>Amount</th>
            <td data-label="Amount" data-exact="amount">
              {usd(e.amountNano)}
            </td>
          </tr>
          <tr>
            <th>Balance after</th>
            <td data-label="Balance after">{usd(e.balanceAfterNano)}</td>
          </tr>
          <tr>
            <th>Reference</th>
            <td data-label="Reference">
              <code>{e.reference}</code>
            </td>
          </tr>
          <tr>
            <th>Memo</th>
            <td data-label="Memo">{e.memo ?? "—"}</td>
          </tr>
          <tr>
            <th>Entry</th>
            <td data-label="Entry">
              <code>{e.id}</code>
            </td>
          </tr>
        </tbody>
      </table>
      <p>
        <a href="/dashboard/ledger">Back to the ledger</a>
      </p>
    </Layout>
  );
}
