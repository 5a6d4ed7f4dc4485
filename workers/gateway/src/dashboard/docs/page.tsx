/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { PLANS, type PriceRow, type PriceTable } from "@cc/billing";
import {
  DEFAULT_MAX_OUTPUT_TOKENS,
  DEFAULT_MAX_TOKENS,
  type ErrorKind,
  GatewayError,
  HIGH_EFFORT_BUDGET,
  MEDIUM_EFFORT_BUDGET,
  openAiErrorObject,
  renderAnthropicError,
} from "@cc/formats";
import type { Child } from "hono/jsx";
import { usd } from "../components/format.ts";
import { CodeBlock, Layout, type PageContext, Prose } from "../components/layout.tsx";
import { tokensShort } from "../components/price-table.tsx";
import { BaseUrlTable, SupportLine } from "../components/site-blocks.tsx";
import type { SupportContact } from "../site/support.ts";
import { KEY, TOOLS, type ToolUrls } from "../tools/catalog.ts";
import {
  cachingExamples,
  chatExamples,
  countTokensExamples,
  type Examples,
  messagesExamples,
  responsesExamples,
  streamingExamples,
  thinkingExamples,
} from "./examples.ts";

export interface DocsProps {
  ctx: PageContext;
  urls: ToolUrls;
  table: PriceTable;
  support?: SupportContact | undefined;
}

const ERRORS: Array<[ErrorKind, string]> = [
  [
    "invalid_request",
    "bad JSON, a missing `model` or `messages`, a model that is not offered (the message lists those that are)",
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

/** The sections, in order: the table of contents and the page's anchors. */
const SECTIONS: Array<[string, string]> = [
  ["quick-start", "Quick start"],
  ["authentication", "Authentication"],
  ["base-urls", "Base URLs"],
  ["models", "Models"],
  ["messages-api", "Messages API"],
  ["openai-compatible", "OpenAI-compatible API"],
  ["responses-api", "Responses API / Codex CLI"],
  ["gemini-api", "Gemini API / Gemini CLI"],
  ["streaming", "Streaming"],
  ["caching", "Prompt caching"],
  ["thinking", "Extended thinking"],
  ["errors", "Error handling"],
  ["rate-limits", "Rate limits"],
  ["claude-code", "Claude Code"],
  ["tools", "Tools"],
];

const anthropicType = (kind: ErrorKind) =>
  renderAnthropicError(new GatewayError(kind, ""), "req").body.error.type;

const Section = (props: { id: string; children?: Child }) => (
  <section id={props.id}>
    <h2>{SECTIONS.find(([id]) => id === props.id)?.[1]}</h2>
    {props.children}
  </section>
);

/** Python SDK, Node.js SDK and cURL for one request. */
function ExampleSet(props: { id: string; examples: Examples }) {
  const e = props.examples;
  return (
    <div class="examples" data-examples={props.id}>
      <CodeBlock id={`${props.id}-python`} label="Python SDK" code={e.python} />
      <CodeBlock id={`${props.id}-node`} label="Node.js SDK" code={e.node} />
      <CodeBlock id={`${props.id}-curl`} label="cURL" code={e.curl} />
    </div>
  );
}

const VENDOR_NAME: Record<PriceRow["family"], string> = {
  anthropic: "Anthropic",
  openai: "OpenAI",
  gemini: "Google",
};

/** How a model thinks, for the models table. */
const thinkingOf = (row: Readonly<PriceRow>) =>
  row.family === "gemini"
    ? "thinking level or budget"
    : row.family !== "anthropic"
      ? "reasoning effort"
      : row.adaptiveThinkingOnly
        ? "adaptive only"
        : "budget or adaptive";

export function DocsPage(props: DocsProps) {
  const { urls, table } = props;
  const rows = Object.entries(table) as Array<[string, Readonly<PriceRow>]>;
  const models = rows.map(([m]) => m);
  const claude = models.includes("claude-sonnet-4-6")
    ? "claude-sonnet-4-6"
    : (rows.find(([, r]) => r.family === "anthropic")?.[0] ?? models[0] ?? "");
  const gpt = models.includes("gpt-5.5")
    ? "gpt-5.5"
    : (rows.find(([, r]) => r.family === "openai")?.[0] ?? claude);
  const geminiModel = models.includes("gemini-3.1-pro-preview")
    ? "gemini-3.1-pro-preview"
    : (rows.find(([, r]) => r.family === "gemini")?.[0] ?? claude);
  const adaptiveOnly = rows.filter(([, r]) => r.adaptiveThinkingOnly).map(([m]) => m);
  const budgets = rows.filter(([, r]) => r.family === "anthropic" && !r.adaptiveThinkingOnly).map(([m]) => m);
  const thinkingModel = adaptiveOnly[0] ?? claude;
  const cheapReads = rows.filter(([, r]) => r.family === "anthropic" && r.cacheRead * 10 !== r.input);
  const code = (list: string[]) =>
    list.map((m, i) => (
      <>
        {i > 0 && ", "}
        <code>{m}</code>
      </>
    ));
  return (
    <Layout
      ctx={props.ctx}
      title="API documentation"
      description="How to call Claude and GPT models through cc-gateway: base URLs, models, the Messages, Chat Completions and Responses APIs, streaming, caching, thinking, errors and limits."
    >
      <p>
        cc-gateway speaks the Anthropic Messages API and the OpenAI Chat Completions and Responses APIs. Point
        any client at one of the two base URLs below with a key from the <a href="/dashboard/keys">Keys</a>{" "}
        page; the <a href="/tools">setup guides</a> cover Claude Code, Codex CLI, Cursor and{" "}
        {TOOLS.length - 3} more tools.
      </p>
      <nav aria-label="Contents">
        <ol class="toc">
          {SECTIONS.map(([id, title]) => (
            <li>
              <a href={`#${id}`}>{title}</a>
            </li>
          ))}
        </ol>
      </nav>

      <Section id="quick-start">
        <ol class="steps">
          <li>
            <a href="/signup">Sign up</a>, then top up your balance with USDT, BTC or ETH on the{" "}
            <a href="/dashboard/billing">billing</a> page.
          </li>
          <li>
            Create a key on the <a href="/dashboard/keys">keys</a> page (<code>sk-cc-…</code>, shown once).
          </li>
          <li>Point your client at the base URL for its kind and send a request:</li>
        </ol>
        <CodeBlock
          id="curl-messages"
          label="Try it"
          code={[
            `curl ${urls.anthropic}/v1/messages \\`,
            `  -H "x-api-key: ${KEY}" -H "anthropic-version: 2023-06-01" \\`,
            `  -H "content-type: application/json" \\`,
            `  -d '{"model":"${claude}","max_tokens":256,"messages":[{"role":"user","content":"Hello"}]}'`,
          ].join("\n")}
        />
      </Section>

      <Section id="authentication">
        <p>
          Every request carries one of your API keys. Anthropic-style clients send it as{" "}
          <code>x-api-key</code>, OpenAI-style clients as <code>Authorization: Bearer</code>; every endpoint
          accepts either. Keys start with <code>sk-cc-</code>, are shown once when created, and can be limited
          to some models and to lower rate limits than your plan's. Revoking a key on the{" "}
          <a href="/dashboard/keys">keys</a> page stops it at once. A missing, unknown or revoked key answers
          401.
        </p>
      </Section>

      <Section id="base-urls">
        <BaseUrlTable urls={urls} />
        <div class="scroll">
          <table id="endpoints" class="stack">
            <thead>
              <tr>
                <th>Method</th>
                <th>URL</th>
                <th>API</th>
              </tr>
            </thead>
            <tbody>
              {(
                [
                  [
                    "POST",
                    `${urls.anthropic}/v1/messages`,
                    "Anthropic Messages, streamed or not; any query string (e.g. ?beta=true)",
                  ],
                  ["POST", `${urls.anthropic}/v1/messages/count_tokens`, "Anthropic token counting, free"],
                  ["POST", `${urls.openai}/chat/completions`, "OpenAI Chat Completions, streamed or not"],
                  ["POST", `${urls.openai}/responses`, "OpenAI Responses (what Codex uses), streamed or not"],
                  [
                    "GET",
                    `${urls.openai}/models`,
                    "The models below: Anthropic's list shape when anthropic-version is sent, OpenAI's otherwise",
                  ],
                ] as const
              ).map(([method, url, api]) => (
                <tr>
                  <td data-label="Method">{method}</td>
                  <td data-label="URL">
                    <code>{url}</code>
                  </td>
                  <td data-label="API">{api}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>
          Every model works from every endpoint: a Claude model called through Chat Completions or Responses,
          or a GPT model called through Messages, is translated on the fly and billed the same. Every answer
          carries a <code>request-id</code> header; a non-streamed answer also carries its cost and the
          balance left in nano-USD (1 USD = 10⁹): <code>x-cc-cost-nano-usd</code>,{" "}
          <code>x-cc-balance-nano-usd</code>.
        </p>
      </Section>

      <Section id="models">
        <p>
          Use these names exactly. Prices per plan are on the <a href="/pricing">pricing</a> page; the list is
          also served at <code>{urls.openai}/models</code>.
        </p>
        <div class="scroll">
          <table class="data stack" id="model-table">
            <thead>
              <tr>
                <th>Model</th>
                <th>Vendor</th>
                <th class="n">Context</th>
                <th class="n">Max output</th>
                <th>Thinking</th>
                <th class="n">List price in / out</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(([model, row]) => (
                <tr data-model={model}>
                  <td data-label="Model">
                    <code>{model}</code>
                  </td>
                  <td data-label="Vendor">{VENDOR_NAME[row.family]}</td>
                  <td class="n" data-label="Context">
                    {tokensShort(row.contextWindow)}
                  </td>
                  <td class="n" data-label="Max output">
                    {tokensShort(row.maxOutput)}
                  </td>
                  <td data-label="Thinking">{thinkingOf(row)}</td>
                  <td
                    class="n"
                    data-label="List price in / out"
                  >{`${usd(row.input)} / ${usd(row.output)}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>
          Claude Code's default models (
          {code(["claude-opus-5-5", "claude-haiku-5-5"].filter((m) => models.includes(m)))}) and Codex CLI's (
          {code(["gpt-6.1-sol"].filter((m) => models.includes(m)))}) are all offered, so those tools work with
          no model setting at all. A model that is not offered answers 400 with the list of those that are.
        </p>
      </Section>

      <Section id="messages-api">
        <p>
          <code>POST {urls.anthropic}/v1/messages</code> with <code>anthropic-version: 2023-06-01</code> (any
          version the SDKs send is forwarded as is). The body is Anthropic's: fields the gateway does not know
          are passed through untouched.
        </p>
        <div class="scroll">
          <table class="stack" id="messages-fields">
            <thead>
              <tr>
                <th>Field</th>
                <th>Type</th>
                <th>Required</th>
                <th>Default</th>
                <th>Notes</th>
              </tr>
            </thead>
            <tbody>
              {(
                [
                  ["model", "string", "yes", "—", "a model from the table above"],
                  [
                    "messages",
                    "array of {role, content}",
                    "yes",
                    "—",
                    "`user` / `assistant` turns; content is a string or content blocks",
                  ],
                  [
                    "max_tokens",
                    "integer",
                    "no",
                    DEFAULT_MAX_TOKENS.toLocaleString("en-US"),
                    "the most output tokens (thinking included); this much output is reserved from your balance",
                  ],
                  ["system", "string or text blocks", "no", "—", "the system prompt"],
                  ["stream", "boolean", "no", "false", "server-sent events, see Streaming"],
                  ["temperature", "number, 0–1", "no", "1", "Claude 4.7 and later accept only 1"],
                  ["top_p", "number, 0–1", "no", "—", "Claude 4.7 and later accept only 0.99 and above"],
                  ["top_k", "integer", "no", "—", "not accepted by Claude 4.7 and later"],
                  ["stop_sequences", "array of strings", "no", "—", ""],
                  [
                    "tools",
                    "array",
                    "no",
                    "—",
                    "your tools, and the server tools the price table lists (`web_search`, `web_fetch`)",
                  ],
                  [
                    "tool_choice",
                    "object",
                    "no",
                    '{"type": "auto"}',
                    "`auto`, `any`, `tool` (with `name`), `none`",
                  ],
                  [
                    "thinking",
                    "object",
                    "no",
                    "the model's default",
                    '`{"type": "enabled", "budget_tokens": N}` or `{"type": "adaptive"}`; see Extended thinking',
                  ],
                  [
                    "output_config",
                    "object",
                    "no",
                    "—",
                    "`effort` (`low` … `max`) and `format` (a JSON schema)",
                  ],
                  [
                    "cache_control",
                    "object",
                    "no",
                    "—",
                    "on a block, or at the top level for automatic caching; see Prompt caching",
                  ],
                  ["metadata", "object", "no", "—", "`user_id`: an opaque id of your end user"],
                ] as const
              ).map(([field, type, required, def, notes]) => (
                <tr data-field={field}>
                  <td data-label="Field">
                    <code>{field}</code>
                  </td>
                  <td data-label="Type">{type}</td>
                  <td data-label="Required">{required}</td>
                  <td data-label="Default">{def}</td>
                  <td data-label="Notes">
                    <Prose text={notes} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ExampleSet id="messages" examples={messagesExamples(urls, claude)} />
        <h3>Counting tokens</h3>
        <p>
          <code>POST {urls.anthropic}/v1/messages/count_tokens</code> takes the same body without{" "}
          <code>max_tokens</code> and is free.
        </p>
        <ExampleSet id="count-tokens" examples={countTokensExamples(urls, claude)} />
      </Section>

      <Section id="openai-compatible">
        <p>
          <code>POST {urls.openai}/chat/completions</code> takes OpenAI's Chat Completions body, for GPT and
          Claude models alike: <code>messages</code>, <code>tools</code>, <code>tool_choice</code>,{" "}
          <code>max_tokens</code> / <code>max_completion_tokens</code>, <code>temperature</code>,{" "}
          <code>stop</code>, <code>response_format</code>, <code>reasoning_effort</code>, <code>stream</code>{" "}
          and <code>stream_options.include_usage</code>. On a Claude model the request is translated to
          Anthropic's format and the answer back; without a <code>max_tokens</code> a Claude model gets
          {DEFAULT_MAX_OUTPUT_TOKENS.toLocaleString("en-US")}.
        </p>
        <ExampleSet id="chat" examples={chatExamples(urls, claude)} />
      </Section>

      <Section id="responses-api">
        <p>
          <code>POST {urls.openai}/responses</code> takes OpenAI's Responses body and is what Codex CLI
          speaks. GPT models pass through untouched, event for event; Claude models are translated, including
          Codex's free-form tools such as <code>apply_patch</code>. For Codex, add the gateway as a provider
          in <code>~/.codex/config.toml</code> (see the <a href="/tools/codex">Codex CLI guide</a>):
        </p>
        <CodeBlock
          id="codex-config"
          label="~/.codex/config.toml"
          code={[
            `model = "${gpt}"`,
            'model_provider = "ccgateway"',
            "",
            "[model_providers.ccgateway]",
            'name = "cc-gateway"',
            `base_url = "${urls.openai}"`,
            'env_key = "CC_GATEWAY_API_KEY"',
            'wire_api = "responses"',
          ].join("\n")}
        />
        <ExampleSet id="responses" examples={responsesExamples(urls, gpt)} />
      </Section>

      <Section id="gemini-api">
        <p>
          Google's <code>generateContent</code> API is served under the same prefix, for every model, so
          Gemini CLI and the Gen AI SDKs work unmodified:{" "}
          <code>
            POST {urls.anthropic}/v1beta/models/
            {"{model}"}:generateContent
          </code>
          , <code>:streamGenerateContent?alt=sse</code> and <code>:countTokens</code> (free), and{" "}
          <code>GET {urls.anthropic}/v1beta/models</code>; the same paths under <code>/v1</code>, which{" "}
          <code>@google/genai</code> calls. Send the key as <code>x-goog-api-key</code>, <code>?key=</code> or{" "}
          <code>Authorization: Bearer</code>. Gemini models pass through untouched; Claude and GPT models are
          translated, function calls and thought signatures included. Errors come in Google's shape,{" "}
          <code>{'{"error": {"code", "message", "status"}}'}</code> (an empty balance is 402{" "}
          <code>FAILED_PRECONDITION</code>). What only Gemini can do is a 400 on another model, naming the
          field: more than one candidate, Google Search and Google's other tools, explicit caches (
          <code>cachedContent</code>), audio or image output, <code>fileData</code> references. On Gemini
          models themselves, explicit caches and Google Search grounding are refused too (their storage and
          per-query charges are billed out of the gateway's sight). For Gemini CLI:
        </p>
        <CodeBlock
          id="gemini-cli"
          label="sh"
          code={[
            `export GOOGLE_GEMINI_BASE_URL=${urls.anthropic}`,
            "export GEMINI_API_KEY=sk-cc-…",
            `gemini -m ${geminiModel}`,
          ].join("\n")}
        />
        <p>
          See the <a href="/tools/gemini-cli">Gemini CLI guide</a> for running it in scripts. With the SDK:{" "}
          <code>
            new GoogleGenAI({"{"} apiKey, httpOptions: {"{"} baseUrl: "{urls.anthropic}" {"}"} {"}"})
          </code>
          .
        </p>
      </Section>

      <Section id="streaming">
        <p>
          Send <code>"stream": true</code>. Anthropic streams come back as server-sent events with their{" "}
          <code>event:</code> lines, untouched when the upstream speaks the same format. Chat Completions
          streams are <code>data:</code> chunks ending with <code>data: [DONE]</code>; send{" "}
          <code>
            "stream_options": {"{"}"include_usage": true{"}"}
          </code>{" "}
          for a final usage chunk. Responses streams end with <code>response.completed</code>. A stream that
          breaks upstream ends with an error event in your format, never a made-up end of message. A client
          that hangs up pays for what was generated until then.
        </p>
        <ExampleSet id="streaming" examples={streamingExamples(urls, claude)} />
      </Section>

      <Section id="caching">
        <p>
          On Claude models, mark the end of a reusable prefix with{" "}
          <code>
            "cache_control": {"{"}"type": "ephemeral"{"}"}
          </code>{" "}
          (add <code>"ttl": "1h"</code> for the 1-hour cache), or put <code>cache_control</code> at the top
          level of the request to cache everything up to the last block; at most 4 breakpoints per request.
          The usage in each answer reports <code>cache_creation_input_tokens</code> and{" "}
          <code>cache_read_input_tokens</code>, and the dashboard shows both.
        </p>
        <ul>
          <li>
            <strong>How it bills:</strong> a cache write costs 1.25× the input price (2× for the 1-hour
            cache), a cache read 0.1×
            {cheapReads.length > 0 && (
              <> (0.05× on {code(cheapReads.map(([m]) => m))}, as Anthropic lists them)</>
            )}
            ; the rest of the prompt is billed as input. Exact prices per plan:{" "}
            <a href="/pricing#all-prices">pricing</a>.
          </li>
          <li>
            <strong>Minimum size:</strong> a prefix shorter than the model's minimum is not cached (and not
            charged as a write): 1,024 tokens for Sonnet and Opus 4.x models, 2,048 for Haiku 4.5. For other
            models see Anthropic's{" "}
            <a href="https://platform.claude.com/docs/en/build-with-claude/prompt-caching">prompt caching</a>{" "}
            page.
          </li>
          <li>
            <strong>Lifetime:</strong> 5 minutes, refreshed every time the prefix is read; 1 hour with{" "}
            <code>"ttl": "1h"</code>.
          </li>
          <li>
            GPT models cache long prompts (1,024 tokens and more) by themselves and report{" "}
            <code>cached_tokens</code>, billed at the cached-input price.
          </li>
        </ul>
        <ExampleSet id="caching" examples={cachingExamples(urls, claude)} />
      </Section>

      <Section id="thinking">
        <p>
          Claude models think before answering when asked:{" "}
          <code>
            "thinking": {"{"}"type": "enabled", "budget_tokens": N{"}"}
          </code>{" "}
          (a budget; <code>max_tokens</code> must exceed it) or{" "}
          <code>
            "thinking": {"{"}"type": "adaptive"{"}"}
          </code>{" "}
          with{" "}
          <code>
            "output_config": {"{"}"effort": "low" | "medium" | "high" | "xhigh" | "max"{"}"}
          </code>
          . Thinking blocks and their signatures pass through untouched, so multi-turn tool use keeps working.
          Thinking tokens are output tokens.
        </p>
        <p>
          Models that take a budget: {code(budgets)}. Models that accept only adaptive thinking:{" "}
          {code(adaptiveOnly)}. Anthropic answers a budget sent to those with a 400, so the gateway rewrites
          it: the request goes upstream as <code>{'"thinking": {"type": "adaptive"}'}</code> (your{" "}
          <code>display</code> kept) with an effort chosen from the budget, unless you sent an{" "}
          <code>output_config.effort</code> yourself:
        </p>
        <div class="scroll">
          <table id="budget-effort">
            <thead>
              <tr>
                <th class="n">budget_tokens</th>
                <th>output_config.effort</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td class="n">below {MEDIUM_EFFORT_BUDGET.toLocaleString("en-US")}</td>
                <td>
                  <code>low</code>
                </td>
              </tr>
              <tr>
                <td class="n">
                  {MEDIUM_EFFORT_BUDGET.toLocaleString("en-US")} to{" "}
                  {(HIGH_EFFORT_BUDGET - 1).toLocaleString("en-US")}
                </td>
                <td>
                  <code>medium</code>
                </td>
              </tr>
              <tr>
                <td class="n">{HIGH_EFFORT_BUDGET.toLocaleString("en-US")} and above</td>
                <td>
                  <code>high</code>
                </td>
              </tr>
            </tbody>
          </table>
        </div>
        <p>
          Through the OpenAI routes send <code>reasoning_effort</code> (Chat Completions) or{" "}
          <code>reasoning.effort</code> (Responses): a Claude model from 4.6 on gets adaptive thinking at that
          effort, an older one a budget that fits under <code>max_tokens</code>. GPT models called through
          Messages get the effort of the budget by the same table.
        </p>
        <ExampleSet id="thinking" examples={thinkingExamples(urls, thinkingModel)} />
      </Section>

      <Section id="errors">
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
                    <td>
                      <Prose text={when} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p>
          Upstream errors (e.g. 529 overloaded) pass through with their own status. A 402's message starts
          with <code>insufficient_balance:</code>. Retry 429 after <code>retry-after</code> seconds, and 500,
          502 and 529 with backoff; the official SDKs do both. Do not retry other 4xx answers unchanged: they
          will fail again.
        </p>
      </Section>

      <Section id="rate-limits">
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
          Windows slide over 60 seconds. Tokens count input + output (the input estimate at admission,
          corrected to the real usage when the request ends). A key can have lower limits of its own. Every
          answer carries the key's limits:
        </p>
        <ul>
          <li>
            Anthropic routes: <code>anthropic-ratelimit-requests-limit</code>, <code>-remaining</code>,{" "}
            <code>-reset</code> (RFC 3339 time), and the same for <code>anthropic-ratelimit-tokens-*</code>.
          </li>
          <li>
            OpenAI routes: <code>x-ratelimit-limit-requests</code>,{" "}
            <code>x-ratelimit-remaining-requests</code>, <code>x-ratelimit-reset-requests</code> (a duration
            such as <code>6m0s</code>), and the same for <code>-tokens</code>.
          </li>
          <li>
            A refused request gets 429 with <code>retry-after</code> (seconds) and <code>retry-after-ms</code>
            , and costs nothing.
          </li>
        </ul>
      </Section>

      <Section id="claude-code">
        <p>
          Set the base URL and your key, then just run <code>claude</code>:
        </p>
        <CodeBlock
          id="claude-code-env"
          code={[
            `export ANTHROPIC_BASE_URL=${urls.anthropic}`,
            `export ANTHROPIC_AUTH_TOKEN=${KEY}`,
            "export CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1",
            "claude",
          ].join("\n")}
        />
        <p>
          With no model setting Claude Code runs its own default (<code>claude-opus-5-5</code>, background
          tasks on <code>claude-haiku-5-5</code>), both offered here. Pick another model with{" "}
          <code>ANTHROPIC_MODEL={claude}</code>, <code>claude --model {gpt}</code> or <code>/model</code>{" "}
          inside a session: GPT models work too, translated. More settings and the usual mistakes:{" "}
          <a href="/tools/claude-code">Claude Code guide</a>.
        </p>
      </Section>

      <Section id="tools">
        <ul class="toc">
          {TOOLS.map((t) => (
            <li>
              <a href={`/tools/${t.slug}`}>{t.name}</a> <span class="muted">({t.kind})</span>
            </li>
          ))}
        </ul>
      </Section>
      {props.support && (
        <>
          <h2 id="support">Support</h2>
          <SupportLine support={props.support} />
        </>
      )}
    </Layout>
  );
}
