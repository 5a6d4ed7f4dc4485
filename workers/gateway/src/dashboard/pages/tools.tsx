/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { CodeBlock, Layout, type PageContext, Prose } from "../components/layout.tsx";
import { TOOLS, type ToolGuide, type ToolUrls } from "../tools.ts";

export function ToolsIndexPage(props: { ctx: PageContext; urls: ToolUrls }) {
  return (
    <Layout ctx={props.ctx} title="Tool setup guides">
      <p>
        Copy-paste configuration for each tool, with this deployment's base URLs:{" "}
        <code>{props.urls.anthropic}</code> for Anthropic-style clients, <code>{props.urls.openai}</code> for
        OpenAI-style ones.
      </p>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th>Tool</th>
              <th>Speaks</th>
              <th>How</th>
            </tr>
          </thead>
          <tbody>
            {TOOLS.map((t) => (
              <tr>
                <td>
                  <a href={`/docs/tools/${t.slug}`}>{t.name}</a>
                </td>
                <td>{t.style === "anthropic" ? "Anthropic" : "OpenAI"}</td>
                <td>
                  <Prose text={t.summary} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

/** One tool's guide: what it reads, the steps with snippets, the models, the usual mistakes. */
export function ToolPage(props: { ctx: PageContext; urls: ToolUrls; tool: ToolGuide; models: string[] }) {
  const { tool, urls } = props;
  const model = props.models[0] ?? "claude-sonnet-4-6";
  return (
    <Layout ctx={props.ctx} title={`${tool.name} setup`}>
      <p>
        <Prose text={tool.summary} />
      </p>
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
                code={step.snippet.code(urls, model)}
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
        {props.models.map((m) => (
          <li>
            <code>{m}</code>
          </li>
        ))}
      </ul>
      <p class="muted">
        All models and their prices: <a href="/docs#models">docs</a>.
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
        <a href="/docs/tools">All tools</a>
      </p>
    </Layout>
  );
}
