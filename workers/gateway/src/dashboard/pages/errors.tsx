/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Layout, type PageContext } from "../components/layout.tsx";

const WAYS_ON = (
  <p>
    <a href="/">Home</a> · <a href="/pricing">Pricing</a> · <a href="/tools">Tool guides</a> ·{" "}
    <a href="/docs">API documentation</a> · <a href="/dashboard">Dashboard</a>
  </p>
);

/** A path the site does not have. */
export function NotFoundPage(props: { ctx: PageContext }) {
  return (
    <Layout ctx={props.ctx} title="Page not found">
      <div class="err">
        There is no page at <code>{props.ctx.path}</code>.
      </div>
      <p>
        API clients: the base URLs are <code>{props.ctx.origin}/api/proxy</code> (Anthropic-style) and{" "}
        <code>{props.ctx.origin}/api/proxy/v1</code> (OpenAI-style).
      </p>
      {WAYS_ON}
    </Layout>
  );
}

/** A page that failed: what the status says, and the request id to quote to support. */
export function ErrorPage(props: { ctx: PageContext; status: number; message: string; requestId: string }) {
  const title =
    props.status === 413
      ? "Request too large"
      : props.status >= 500
        ? "Something went wrong"
        : "Request refused";
  return (
    <Layout ctx={props.ctx} title={title}>
      <div class="err" role="alert">
        {props.message}
      </div>
      <p class="muted">
        Error {props.status} · request id <code>{props.requestId}</code>
      </p>
      {WAYS_ON}
    </Layout>
  );
}
