/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { LIST_PRICE, PLANS, type PriceRow, type PriceTable } from "@cc/billing";
import { usd } from "../components/format.ts";
import { Layout, type PageContext } from "../components/layout.tsx";
import {
  LongContextNote,
  ModelPriceTable,
  PlanCards,
  PlanPriceRows,
  tokensShort,
} from "../components/price-table.tsx";

/** "$10.00 per 1,000" from a per-use price in nano-USD. */
const perThousand = (nano: number) => `${usd(nano * 1000)} per 1,000`;

/** Extras a row prices beyond tokens, as text; the same for every row of a family. */
function extrasOf(row: Readonly<PriceRow>): string[] {
  const out: string[] = [];
  for (const [tool, nano] of Object.entries(row.tools ?? {})) {
    out.push(nano === 0 ? `${tool}: its tokens only` : `${tool}: ${perThousand(nano)} uses, plus tokens`);
  }
  for (const [tier, percent] of Object.entries(row.tiers ?? {})) {
    out.push(`service_tier ${tier}: ${percent}% of the token prices`);
  }
  return out;
}

/** /pricing: every model, every token kind, every plan; the plans; what else is billed. */
export function PricingPage(props: { ctx: PageContext; table: PriceTable }) {
  const { table } = props;
  const rows = Object.entries(table) as Array<[string, Readonly<PriceRow>]>;
  return (
    <Layout
      ctx={props.ctx}
      title="Pricing"
      description="Per-token prices of every Claude and GPT model on cc-gateway, on the Basic and Pro plans."
    >
      <p>
        You pay for tokens, from a prepaid balance, at a discount on the vendors' list prices: Basic (free)
        pays {PLANS.basic.payPercent}% of list, Pro pays {PLANS.pro.payPercent}%. These tables are the price
        table in force, the one every request is billed from.
      </p>
      <ModelPriceTable table={table} id="pricing-models" />

      <h2 id="plans">Plans</h2>
      <PlanCards />
      <p>
        Pro is bought once from your balance on the <a href="/dashboard/billing">billing</a> page; limits and
        prices switch at once. Balances are topped up with USDT, BTC or ETH, from $5.
      </p>

      <h2 id="all-prices">Every token kind</h2>
      <p>
        USD per million tokens. Claude cache writes cost 1.25× input (2× for the 1-hour cache) and cache reads
        0.1×, unless the vendor lists another price (as for the 0.05× cache reads of the newest models);
        thinking and reasoning tokens are output tokens.
      </p>
      {[PLANS.basic, PLANS.pro].map((plan) => (
        <>
          <h3>
            {plan.name} ({plan.discountPercent}% off)
          </h3>
          <PlanPriceRows table={table} tier={plan} />
        </>
      ))}
      <h3>List price</h3>
      <PlanPriceRows table={table} tier={{ id: "list", ...LIST_PRICE }} />
      <LongContextNote table={table} />

      <h2 id="limits">Limits per model</h2>
      <div class="scroll">
        <table class="data" id="model-limits">
          <thead>
            <tr>
              <th>Model</th>
              <th class="n">Context window</th>
              <th class="n">Max output</th>
              <th>Billed beyond tokens</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([model, row]) => (
              <tr>
                <td>
                  <code>{model}</code>
                </td>
                <td class="n">{tokensShort(row.contextWindow)}</td>
                <td class="n">{tokensShort(row.maxOutput)}</td>
                <td>{extrasOf(row).join("; ") || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="how-billing-works">How a request is billed</h2>
      <ul>
        <li>
          Before calling the vendor the gateway reserves the request's worst case: the whole prompt at the
          input price plus <code>max_tokens</code> at the output price (4,096 when the request names none).
          The balance must cover it.
        </li>
        <li>
          Afterwards it charges the exact cost of the tokens the vendor reports, rounded once, down to the
          nano-dollar, and releases the rest.
        </li>
        <li>A failed vendor call costs nothing; a client that hangs up pays for what was generated.</li>
        <li>Refused requests (rate limit, balance, bad input) cost nothing.</li>
      </ul>
    </Layout>
  );
}
