/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { LIST_PRICE, PLANS, type PriceRow, type PriceTable } from "@cc/billing";
import { usd } from "./format.ts";

/**
 * A per-million price at a share of list price (percent), as USD text: what the cost function
 * charges a million tokens of that kind. Sub-nano remainders are dropped, as in billing.
 */
export const perMillion = (rate: number, payPercent: number) => usd(Math.floor((rate * payPercent) / 100));

/** A token count as the short form vendors print: 1M, 1.05M, 400K, 200K. */
export const tokensShort = (n: number): string =>
  n >= 1_000_000 ? `${Number((n / 1_000_000).toFixed(2))}M` : `${Number((n / 1_000).toFixed(1))}K`;

/** The columns of the headline table: list price, then what each plan pays. */
const TIERS: Array<{ id: string; label: string; payPercent: number }> = [
  { id: "list", label: "List price", payPercent: LIST_PRICE.payPercent },
  {
    id: "basic",
    label: `${PLANS.basic.name} (−${PLANS.basic.discountPercent}%)`,
    payPercent: PLANS.basic.payPercent,
  },
  {
    id: "pro",
    label: `${PLANS.pro.name} (−${PLANS.pro.discountPercent}%)`,
    payPercent: PLANS.pro.payPercent,
  },
];

const rowsOf = (table: PriceTable) => Object.entries(table) as Array<[string, Readonly<PriceRow>]>;

/**
 * Every model in the price table in force — the one that bills — with its context window and
 * its input / output price per million tokens at list price and on each plan. On a phone each
 * model becomes a small card (table.stack).
 */
export function ModelPriceTable(props: { table: PriceTable; id?: string }) {
  return (
    <div class="scroll">
      <table class="data stack" id={props.id}>
        <thead>
          <tr>
            <th>Model</th>
            <th class="n">Context</th>
            {TIERS.map((t) => (
              <th class="n">{t.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rowsOf(props.table).map(([model, row]) => (
            <tr data-model={model}>
              <td data-label="Model">
                <code>{model}</code>
              </td>
              <td class="n" data-label="Context" data-context={row.contextWindow}>
                {tokensShort(row.contextWindow)}
              </td>
              {TIERS.map((t) => (
                <td class="n" data-label={t.label} data-tier={t.id}>
                  {`${perMillion(row.input, t.payPercent)} / ${perMillion(row.output, t.payPercent)}`}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">USD per million tokens, input / output. Thinking tokens are output tokens.</p>
    </div>
  );
}

/** A plan's (or the list) price for every token kind of every model: the full price list. */
export function PlanPriceRows(props: { table: PriceTable; tier: { id: string; payPercent: number } }) {
  const pay = props.tier.payPercent;
  return (
    <div class="scroll">
      <table class="data prices" data-plan={props.tier.id}>
        <thead>
          <tr>
            <th>Model</th>
            <th class="n">Input</th>
            <th class="n">Output</th>
            <th class="n">Cache write 5m</th>
            <th class="n">Cache write 1h</th>
            <th class="n">Cache read</th>
          </tr>
        </thead>
        <tbody>
          {rowsOf(props.table).map(([model, row]) => (
            <tr>
              <td>
                <code>{model}</code>
                {row.longContext && <span class="muted"> *</span>}
              </td>
              <td class="n">{perMillion(row.input, pay)}</td>
              <td class="n">{perMillion(row.output, pay)}</td>
              <td class="n">{perMillion(row.cacheWrite5m, pay)}</td>
              <td class="n">{perMillion(row.cacheWrite1h, pay)}</td>
              <td class="n">{perMillion(row.cacheRead, pay)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The long-context tiers of the table, as a footnote to {@link PlanPriceRows}. */
export function LongContextNote(props: { table: PriceTable }) {
  const tiers = rowsOf(props.table).filter(([, r]) => r.longContext);
  if (tiers.length === 0) return null;
  return (
    <p class="muted">
      * Long prompts re-price the whole request:{" "}
      {tiers
        .map(
          ([m, r]) =>
            `${m} above ${r.longContext!.threshold.toLocaleString("en-US")} input tokens at ${usd(r.longContext!.input)} / ${usd(r.longContext!.output)} list`,
        )
        .join("; ")}
      .
    </p>
  );
}

/** The plans side by side: price, discount and per-key limits. */
export function PlanCards() {
  return (
    <div class="plans" id="plan-cards">
      {[PLANS.basic, PLANS.pro].map((p) => (
        <div class="card" data-plan-card={p.id}>
          <b>{p.name}</b>
          <div>{p.priceNano === 0 ? "Free" : `${usd(p.priceNano)} once, paid from your balance`}</div>
          <ul>
            <li>{p.discountPercent}% off the list price of every token</li>
            <li>{p.rpm.toLocaleString("en-US")} requests per minute per key</li>
            <li>{p.tpm.toLocaleString("en-US")} tokens per minute per key</li>
          </ul>
        </div>
      ))}
    </div>
  );
}
