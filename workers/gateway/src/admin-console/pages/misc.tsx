/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { PLANS, type PriceTable } from "@cc/billing";
import { TOPUP_STATUSES, type Topup } from "@cc/db";
import { int, usd } from "../format.ts";
import { type ConsoleContext, Layout, Notice } from "../layout.tsx";
import { TopupTable } from "./accounts.tsx";

export function TopupsPage(props: {
  ctx: ConsoleContext;
  status: string;
  counts: Record<string, number>;
  topups: Topup[];
  ok?: string | undefined;
  error?: string | undefined;
}) {
  return (
    <Layout ctx={props.ctx} title="Top-ups">
      <Notice ok={props.ok} error={props.error} />
      <nav class="tabs">
        {TOPUP_STATUSES.map((s) => (
          <a href={`/admin/topups?status=${s}`} aria-current={s === props.status ? "page" : undefined}>
            {s} ({int(props.counts[s] ?? 0)})
          </a>
        ))}
      </nav>
      <p class="muted">
        Re-query asks the processor where the payment stands and applies its answer, exactly as a callback or
        the 5-minute cron would: a payment is credited once, whoever asks.
      </p>
      <TopupTable topups={props.topups} back={`/admin/topups?status=${props.status}`} />
    </Layout>
  );
}

/** Per million tokens, list price and what each plan pays. */
export function PricesPage(props: { ctx: ConsoleContext; table: PriceTable; overridden: boolean }) {
  const plans = Object.values(PLANS);
  return (
    <Layout ctx={props.ctx} title="Prices in force">
      <p class="muted">
        USD per million tokens.{" "}
        {props.overridden
          ? "The defaults with PRICE_TABLE_JSON merged over them."
          : "The defaults (packages/billing); PRICE_TABLE_JSON is empty."}
      </p>
      <div class="scroll">
        <table data-testid="prices">
          <thead>
            <tr>
              <th>Model</th>
              <th>Family</th>
              <th class="n">Input</th>
              <th class="n">Output</th>
              <th class="n">Cache write 5m</th>
              <th class="n">Cache write 1h</th>
              <th class="n">Cache read</th>
              {plans.map((p) => (
                <th class="n">{p.name} pays (in / out)</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Object.entries(props.table).map(([model, row]) => (
              <tr>
                <td>{model}</td>
                <td>{row.family}</td>
                <td class="n">{usd(row.input)}</td>
                <td class="n">{usd(row.output)}</td>
                <td class="n">{usd(row.cacheWrite5m)}</td>
                <td class="n">{usd(row.cacheWrite1h)}</td>
                <td class="n">{usd(row.cacheRead)}</td>
                {plans.map((p) => (
                  <td class="n">
                    {usd(Math.floor((row.input * p.payPercent) / 100))} /{" "}
                    {usd(Math.floor((row.output * p.payPercent) / 100))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Plans</h2>
      <table>
        <thead>
          <tr>
            <th>Plan</th>
            <th class="n">Price</th>
            <th class="n">Discount</th>
            <th class="n">RPM per key</th>
            <th class="n">TPM per key</th>
          </tr>
        </thead>
        <tbody>
          {plans.map((p) => (
            <tr>
              <td>{p.name}</td>
              <td class="n">{usd(p.priceNano)}</td>
              <td class="n">{p.discountPercent}%</td>
              <td class="n">{int(p.rpm)}</td>
              <td class="n">{int(p.tpm)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

export function MessagePage(props: { ctx: ConsoleContext; title: string; message: string }) {
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <p>{props.message}</p>
    </Layout>
  );
}

export function LoginPage(props: { ctx: ConsoleContext; error?: string | undefined }) {
  return (
    <Layout ctx={props.ctx} title="Operator sign-in">
      <Notice error={props.error} />
      <p class="muted">
        Local sign-in with the admin token (ADMIN_TOKEN; dev.env's in development). In production the console
        is behind Cloudflare Access instead.
      </p>
      <form method="post" action="/admin/login" class="f">
        <label>
          Admin token
          <input type="password" name="token" required autocomplete="current-password" />
        </label>
        <button type="submit">Sign in</button>
      </form>
    </Layout>
  );
}
