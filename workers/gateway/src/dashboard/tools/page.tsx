/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { CodeBlock, Layout, type PageContext, Prose } from "../components/layout.tsx";
import { tokensShort } from "../components/price-table.tsx";
import { type ModelLimits, TOOL_KINDS, TOOLS, type ToolGuide, type ToolUrls } from "./catalog.ts";

const SPEAKS: Record<ToolGuide["style"], string> = {
  anthropic: "Anthropic Messages",
  openai: "OpenAI",
  gemini: "Gemini",
};

/** Plural headings for the index's groups. */
const GROUP: Record<(typeof TOOL_KINDS)[number], string> = {
  "terminal agent": "Terminal agents",
  "VS Code extension": "VS Code extensions",
  editor: "Editors",
  "autonomous agent": "Autonomous agents",
  "chat app": "Chat apps",
};

/** /tools: every guide, grouped by kind, each with its one-line description. */
export function ToolsIndexPage(props: { ctx: PageContext; urls: ToolUrls }) {
  return (
    <Layout
      ctx={props.ctx}
      title="Tool setup guides"
      description="Setup guides for Claude Code, Codex CLI, Cursor, Cline and more against cc-gateway."
    >
      <p>
        Copy-paste configuration for each tool, with this deployment's base URLs:{" "}
        <code>{props.urls.anthropic}</code> for Anthropic-style clients, <code>{props.urls.openai}</code> for
        OpenAI-style ones. {TOOLS.length} guides.
      </p>
      {TOOL_KINDS.map((kind) => (
        <>
          <h2 id={kind.replace(/\W+/g, "-").toLowerCase()}>{GROUP[kind]}</h2>
          <div class="scroll">
            <table class="stack tools" data-kind={kind}>
              <thead>
                <tr>
                  <th>Tool</th>
                  <th>Kind</th>
                  <th>Speaks</th>
                  <th>What it is</th>
                </tr>
              </thead>
              <tbody>
                {TOOLS.filter((t) => t.kind === kind)
                  .sort((a, b) => a.name.localeCompare(b.name))
                  .map((t) => (
                    <tr data-tool={t.slug}>
                      <td data-label="Tool">
                        <a href={`/tools/${t.slug}`}>{t.name}</a>
                        {t.notice && <span class="muted"> (not served here yet)</span>}
                      </td>
                      <td data-label="Kind">{t.kind}</td>
                      <td data-label="Speaks">{SPEAKS[t.style]}</td>
                      <td data-label="What it is">
                        <Prose text={t.summary} />
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </>
      ))}
    </Layout>
  );
}

/** One tool's guide: what it reads, the steps with snippets, the models, the usual mistakes. */
export function ToolPage(props: {
  ctx: PageContext;
  urls: ToolUrls;
  tool: ToolGuide;
  /** Recommended models offered here, best first, with their limits. */
  models: Array<[string, ModelLimits]>;
}) {
  const { tool, urls } = props;
  const [model, limits] = props.models[0] ?? [
    "claude-sonnet-4-6",
    { contextWindow: 200_000, maxOutput: 64_000 },
  ];
  return (
    <Layout ctx={props.ctx} title={`${tool.name} setup`} description={tool.summary.replace(/`/g, "")}>
      <p>
        <Prose text={tool.summary} />
      </p>
      {tool.notice && (
        <div class="note" role="note">
          {tool.notice}
        </div>
      )}
      <p>
        Base URL for {tool.name}: <code id="tool-base-url">{tool.baseUrl(urls)}</code>
      </p>
      <p>
        {tool.name} reads:{" "}
        {tool.reads.map((r, i) => (
          <>
            {i > 0 && ", "}
            <code>{r}</code>
          </>
        ))}
      </p>
      <h2>Setup</h2>
      <ol>
        {tool.steps.map((step, i) => (
          <li>
            <p>
              <Prose text={step.text} />
            </p>
            {step.snippet && (
              <CodeBlock
                id={`snippet-${i}`}
                label={step.snippet.file}
                code={step.snippet.code(urls, model, limits)}
              />
            )}
          </li>
        ))}
      </ol>
      <p>
        Replace <code>sk-cc-REPLACE_ME</code> with a key from the <a href="/dashboard/keys">Keys</a> page.
      </p>
      <h2>Recommended models</h2>
      <ul>
        {props.models.map(([m, l]) => (
          <li>
            <code>{m}</code> <span class="muted">({tokensShort(l.contextWindow)} context)</span>
          </li>
        ))}
      </ul>
      <p class="muted">
        All models and their prices: <a href="/pricing">pricing</a>.
      </p>
      <h2>Common mistakes</h2>
      <ul>
        {tool.mistakes.map((m) => (
          <li>
            <Prose text={m} />
          </li>
        ))}
      </ul>
      <p>
        <a href="/tools">All tools</a> · <a href="/docs">API documentation</a>
      </p>
    </Layout>
  );
}
