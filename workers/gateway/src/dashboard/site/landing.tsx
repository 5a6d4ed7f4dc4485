/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { PLANS, type PriceTable } from "@cc/billing";
import { Layout, type PageContext } from "../components/layout.tsx";
import { ModelPriceTable, PlanCards } from "../components/price-table.tsx";
import { BaseUrlTable, SupportLine } from "../components/site-blocks.tsx";
import { TOOLS, type ToolUrls } from "../tools/catalog.ts";
import type { SupportContact } from "./support.ts";

export interface LandingProps {
  ctx: PageContext;
  urls: ToolUrls;
  table: PriceTable;
  support: SupportContact | undefined;
}

/** `/`: what the service is, what it costs, and how to start. */
export function LandingPage(props: LandingProps) {
  const { ctx, urls, table } = props;
  const models = Object.keys(table);
  return (
    <Layout
      ctx={ctx}
      title="Claude and GPT for your coding tools, prepaid"
      heading="Claude and GPT for the tools you already use"
      description={`Prepaid API gateway for Claude Code, Codex CLI, Cursor and the official SDKs: ${models.length} models, up to ${PLANS.pro.discountPercent}% off list price, pay with crypto.`}
    >
      <section class="hero">
        <p>
          One key for {models.length} Claude and GPT models, at up to {PLANS.pro.discountPercent}% off the
          vendors' list prices. Top up a balance with USDT, BTC or ETH, point Claude Code, Codex CLI, Cursor
          or the official SDKs at this gateway, and pay for exactly the tokens you use: every request is
          metered to the token and shown in your dashboard.
        </p>
        <div class="ctas">
          {ctx.user ? (
            <a class="btn primary" href="/dashboard" id="cta-dashboard">
              Go to your dashboard
            </a>
          ) : (
            <a class="btn primary" href="/signup" id="cta-signup">
              Sign up free
            </a>
          )}
          <a class="btn" href="/docs">
            Read the docs
          </a>
          <a class="btn" href="/tools">
            Set up your tool
          </a>
        </div>
      </section>

      <h2 id="prices">Models and prices</h2>
      <p>
        The live price table: the same one every request is billed from. Full price list, cache and
        long-context prices: <a href="/pricing">pricing</a>.
      </p>
      <ModelPriceTable table={table} id="landing-prices" />

      <h2 id="plans">Plans</h2>
      <PlanCards />

      <h2 id="quick-start">Quick start</h2>
      <ol class="steps">
        <li>
          <a href="/signup">Sign up</a> with an e-mail address and a password. You start on Basic.
        </li>
        <li>
          Top up your balance with crypto (USDT, BTC or ETH) on the <a href="/dashboard/billing">billing</a>{" "}
          page, from $5.
        </li>
        <li>
          Create an API key on the <a href="/dashboard/keys">keys</a> page. It starts with <code>sk-cc-</code>{" "}
          and is shown once.
        </li>
        <li>
          Change your tool's base URL to this gateway's (below) and use the key. The{" "}
          <a href="/tools">setup guides</a> have the exact settings for {TOOLS.length} tools.
        </li>
      </ol>

      <h2 id="base-urls">Base URLs</h2>
      <BaseUrlTable urls={urls} />

      {props.support && (
        <>
          <h2 id="support">Support</h2>
          <SupportLine support={props.support} />
          <p>
            Every answer carries a <code>request-id</code> header: quote it and we can find the request.
          </p>
        </>
      )}
    </Layout>
  );
}
