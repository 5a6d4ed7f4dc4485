/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { PLANS, type Plan, type PriceRow, type PriceTable } from "@cc/billing";
import { type ErrorKind, GatewayError, openAiErrorObject, renderAnthropicError } from "@cc/formats";
import { usd } from "../components/format.ts";
import { CodeBlock, Layout, type PageContext } from "../components/layout.tsx";
import { KEY, TOOLS, type ToolUrls } from "../tools.ts";

export interface DocsProps {
  ctx: PageContext;
  urls: ToolUrls;
  table: PriceTable;
}

/** A per-million list price at a plan's share, as USD text. Sub-nano remainders are dropped. */
const perMillion = (rate: number, plan: Readonly<Plan>) => usd(Math.floor((rate * plan.payPercent) / 100));

const ERRORS: Array<[ErrorKind, string]> = [
  [
    "invalid_request",
    "bad JSON, a missing `model` / `messages` / `max_tokens`, a model not in the price table",
  ],
  ["authentication", "missing, malformed, unknown or revoked key"],
  ["insufficient_balance", "the balance cannot cover the request's worst case; top up"],
  ["permission", "the model is outside the key's allow-list"],
  ["request_too_large", "body over 32 MB"],
  [
    "rate_limit",
    "the key's RPM or TPM window is full (see `retry-after`), or 20 failed key authentications a minute from one IP",
  ],
  ["internal", "a bug on our side; retry"],
  ["upstream", "the upstream vendor could not be reached"],
];

function PriceRows(props: { table: PriceTable; plan: Readonly<Plan> }) {
  const rows = Object.entries(props.table) as Array<[string, Readonly<PriceRow>]>;
  return (
    <div class="scroll">
      <table class="data prices" data-plan={props.plan.id}>
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
          {rows.map(([model, row]) => (
            <tr>
              <td>
                <code>{model}</code>
                {row.longContext && <span class="muted"> *</span>}
              </td>
              <td class="n">{perMillion(row.input, props.plan)}</td>
              <td class="n">{perMillion(row.output, props.plan)}</td>
              <td class="n">{perMillion(row.cacheWrite5m, props.plan)}</td>
              <td class="n">{perMillion(row.cacheWrite1h, props.plan)}</td>
              <td class="n">{perMillion(row.cacheRead, props.plan)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const anthropicType = (kind: ErrorKind) =>
  renderAnthropicError(new GatewayError(kind, ""), "req").body.error.type;

export function DocsPage(props: DocsProps) {
  const { urls, table } = props;
  const longContext = Object.entries(table).filter(([, r]) => r.longContext);
  const models = Object.keys(table);
  const example = models.includes("claude-sonnet-4-6")
    ? "claude-sonnet-4-6"
    : (models.find((m) => m.startsWith("claude-")) ?? models[0] ?? "");
  return (
    <Layout ctx={props.ctx} title="API documentation">
      <p>
        cc-gateway speaks the Anthropic Messages API and the OpenAI Chat Completions and Responses APIs. Point
        any client at one of the two base URLs below with a key from the <a href="/dashboard/keys">Keys</a>{" "}
        page; see the <a href="/docs/tools">setup guides</a> for Claude Code, Codex, Cursor and a dozen more
        tools.
      </p>

      <h2 id="base-urls">Base URLs</h2>
      <div class="scroll">
        <table id="base-url-table">
          <thead>
            <tr>
              <th>Clients</th>
              <th>Base URL</th>
              <th>Key header</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>Anthropic SDKs, Claude Code, Anthropic-style settings</td>
              <td>
                <code>{urls.anthropic}</code>
              </td>
              <td>
                <code>x-api-key</code> or <code>Authorization: Bearer</code>
              </td>
            </tr>
            <tr>
              <td>OpenAI SDKs, Codex CLI, OpenAI-compatible tools</td>
              <td>
                <code>{urls.openai}</code>
              </td>
              <td>
                <code>Authorization: Bearer</code>
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <p class="note">
        The one rule that trips people up: Anthropic-style clients take <code>…/api/proxy</code> (they add{" "}
        <code>/v1/messages</code>), OpenAI-style clients take <code>…/api/proxy/v1</code> (they add{" "}
        <code>/chat/completions</code> or <code>/responses</code>).
      </p>
      <CodeBlock
        id="curl-messages"
        label="Try it"
        code={[
          `curl ${urls.anthropic}/v1/messages \\`,
          `  -H "x-api-key: ${KEY}" -H "anthropic-version: 2023-06-01" \\`,
          `  -H "content-type: application/json" \\`,
          `  -d '{"model":"${example}","max_tokens":256,"messages":[{"role":"user","content":"Hello"}]}'`,
        ].join("\n")}
      />

      <h2 id="endpoints">Endpoints</h2>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th>Method</th>
              <th>URL</th>
              <th>API</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>POST</td>
              <td>
                <code>{urls.anthropic}/v1/messages</code>
              </td>
              <td>
                Anthropic Messages, streamed or not; any query string (e.g. <code>?beta=true</code>)
              </td>
            </tr>
            <tr>
              <td>POST</td>
              <td>
                <code>{urls.anthropic}/v1/messages/count_tokens</code>
              </td>
              <td>Anthropic token counting, free</td>
            </tr>
            <tr>
              <td>POST</td>
              <td>
                <code>{urls.openai}/chat/completions</code>
              </td>
              <td>OpenAI Chat Completions, streamed or not</td>
            </tr>
            <tr>
              <td>POST</td>
              <td>
                <code>{urls.openai}/responses</code>
              </td>
              <td>OpenAI Responses (what Codex uses), streamed or not</td>
            </tr>
            <tr>
              <td>GET</td>
              <td>
                <code>{urls.openai}/models</code>
              </td>
              <td>
                The models below: Anthropic's list shape when <code>anthropic-version</code> is sent, OpenAI's
                otherwise
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <p>
        Every model works from every endpoint: a Claude model called through Chat Completions or Responses is
        translated on the fly. Every answer carries a <code>request-id</code> header; a non-streamed answer
        also carries its cost and the balance left in nano-USD (1 USD = 10⁹): <code>x-cc-cost-nano-usd</code>,{" "}
        <code>x-cc-balance-nano-usd</code>.
      </p>

      <h2 id="models">Models and prices</h2>
      <p>
        USD per million tokens, as charged on each plan. List prices are the vendors'; Basic pays{" "}
        {PLANS.basic.payPercent}% of them, Pro {PLANS.pro.payPercent}%. Cache writes cost 1.25× input (2× for
        the 1-hour cache) on Claude models, cache reads 0.1×; thinking tokens are output tokens. A request's
        cost is rounded once, down to the nano-dollar.
      </p>
      {[PLANS.basic, PLANS.pro].map((plan) => (
        <>
          <h3>
            {plan.name} ({plan.discountPercent}% off)
          </h3>
          <PriceRows table={table} plan={plan} />
        </>
      ))}
      {longContext.length > 0 && (
        <p class="muted">
          * Above {longContext[0]![1].longContext!.threshold.toLocaleString("en-US")} input tokens the whole
          request is priced at the long-context rates:{" "}
          {longContext
            .map(([m, r]) => `${m} ${usd(r.longContext!.input)} / ${usd(r.longContext!.output)} list`)
            .join(", ")}
          .
        </p>
      )}

      <h2 id="streaming">Streaming</h2>
      <p>
        Send <code>"stream": true</code>. Anthropic streams come back as server-sent events with their{" "}
        <code>event:</code> lines, untouched when the upstream speaks the same format. Chat Completions
        streams are <code>data:</code> chunks ending with <code>data: [DONE]</code>; send{" "}
        <code>
          "stream_options": {"{"}"include_usage": true{"}"}
        </code>{" "}
        for a final usage chunk. Responses streams end with <code>response.completed</code>. A stream that
        breaks upstream ends with an error event, never a made-up end of message. A client that hangs up pays
        for what was generated until then.
      </p>

      <h2 id="caching">Prompt caching</h2>
      <p>
        On Claude models, mark the end of a reusable prefix with{" "}
        <code>
          "cache_control": {"{"}"type": "ephemeral"{"}"}
        </code>{" "}
        (add <code>"ttl": "1h"</code> for the 1-hour cache); at most 4 breakpoints per request. The usage in
        each answer reports <code>cache_creation_input_tokens</code> and <code>cache_read_input_tokens</code>,
        and the dashboard shows both. OpenAI models cache long prompts automatically and report{" "}
        <code>cached_tokens</code>.
      </p>

      <h2 id="thinking">Extended thinking</h2>
      <p>
        Claude models accept{" "}
        <code>
          "thinking": {"{"}"type": "enabled", "budget_tokens": 4096{"}"}
        </code>{" "}
        (or{" "}
        <code>
          {"{"}"type": "adaptive"{"}"}
        </code>{" "}
        on models that support it); <code>max_tokens</code> must exceed the budget. Thinking blocks and their
        signatures pass through untouched so that multi-turn tool use keeps working. Through Chat Completions
        send <code>reasoning_effort</code>. Thinking tokens are billed as output tokens and shown separately
        in the dashboard.
      </p>

      <h2 id="errors">Errors</h2>
      <p>
        Errors come in the caller's own format: Anthropic's on Anthropic routes, OpenAI's on OpenAI routes.
      </p>
      <div class="scroll">
        <table id="error-table">
          <thead>
            <tr>
              <th class="n">Status</th>
              <th>Anthropic error.type</th>
              <th>OpenAI error.type / code</th>
              <th>When</th>
            </tr>
          </thead>
          <tbody>
            {ERRORS.map(([kind, when]) => {
              const openai = openAiErrorObject(kind, "");
              return (
                <tr>
                  <td class="n">{new GatewayError(kind, "").status}</td>
                  <td>
                    <code>{anthropicType(kind)}</code>
                  </td>
                  <td>
                    <code>{openai.type}</code>
                    {openai.code && (
                      <>
                        {" / "}
                        <code>{openai.code}</code>
                      </>
                    )}
                  </td>
                  <td>{when.split("`").map((part, i) => (i % 2 ? <code>{part}</code> : part))}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p>
        Upstream errors (e.g. 529 overloaded) pass through with their own status. A 402's message starts with{" "}
        <code>insufficient_balance:</code>.
      </p>

      <h2 id="rate-limits">Rate limits</h2>
      <div class="scroll">
        <table id="plan-limits">
          <thead>
            <tr>
              <th>Plan</th>
              <th class="n">Requests / min per key</th>
              <th class="n">Tokens / min per key</th>
              <th class="n">Price</th>
            </tr>
          </thead>
          <tbody>
            {[PLANS.basic, PLANS.pro].map((p) => (
              <tr>
                <td>{p.name}</td>
                <td class="n">{p.rpm.toLocaleString("en-US")}</td>
                <td class="n">{p.tpm.toLocaleString("en-US")}</td>
                <td class="n">{p.priceNano === 0 ? "free" : `${usd(p.priceNano)} once`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        Windows slide over 60 seconds. Tokens count input + output (the input estimate at admission, corrected
        to the real usage when the request ends). A key can have lower limits of its own. Every answer carries
        the key's limits:
      </p>
      <ul>
        <li>
          Anthropic routes: <code>anthropic-ratelimit-requests-limit</code>, <code>-remaining</code>,{" "}
          <code>-reset</code> (RFC 3339 time), and the same for <code>anthropic-ratelimit-tokens-*</code>.
        </li>
        <li>
          OpenAI routes: <code>x-ratelimit-limit-requests</code>, <code>x-ratelimit-remaining-requests</code>,{" "}
          <code>x-ratelimit-reset-requests</code> (a duration such as <code>6m0s</code>), and the same for{" "}
          <code>-tokens</code>.
        </li>
        <li>
          A refused request gets 429 with <code>retry-after</code> (seconds) and <code>retry-after-ms</code>,
          and costs nothing.
        </li>
      </ul>

      <h2 id="tools">Tool setup guides</h2>
      <ul>
        {TOOLS.map((t) => (
          <li>
            <a href={`/docs/tools/${t.slug}`}>{t.name}</a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
