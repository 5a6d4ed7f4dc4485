/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { isGatewayError } from "@cc/formats";
import type { Context } from "hono";
import { asGatewayError } from "../lib/errors.ts";
import { Layout, type PageContext } from "./components/layout.tsx";
import { baseContext, html } from "./http.tsx";

/**
 * Paths whose callers are programs (the proxy, the account and admin APIs, processors'
 * callbacks, health checks): their errors keep the JSON of their wire format.
 */
export const isApiPath = (path: string): boolean =>
  path === "/api" || path.startsWith("/api/") || path.startsWith("/payments/") || path === "/health";

/**
 * Whether an unknown path gets the HTML 404 page: a site path (not an API prefix) asked for by
 * a browser, which says so with `Accept: text/html`. SDKs and curl that miss the API prefix
 * still get JSON they can read.
 */
export const wantsNotFoundPage = (req: Request): boolean =>
  !isApiPath(new URL(req.url).pathname) && (req.headers.get("accept") ?? "").includes("text/html");

/** Whether an error thrown while serving `req` is shown as a page: anything off the API paths. */
export const wantsErrorPage = (req: Request): boolean => !isApiPath(new URL(req.url).pathname);

/** The HTML 404 page. No session lookup: a stray path costs no database read. */
export const notFoundPage = (c: Context): Promise<Response> => {
  const ctx = baseContext(c);
  return html(c, ctx, <NotFoundPage ctx={ctx} />, 404);
};

/**
 * A page for an error thrown by a site or dashboard handler: a GatewayError keeps its status
 * and message; anything else is logged (asGatewayError) and becomes a 500 page.
 */
export const errorPage = (c: Context, err: unknown, requestId: string): Promise<Response> => {
  const error = asGatewayError(err, requestId);
  const ctx = baseContext(c);
  const message = isGatewayError(err)
    ? error.message
    : "This page failed to load. Try again in a moment; if it keeps failing, send the request id below to support.";
  return html(
    c,
    ctx,
    <ErrorPage ctx={ctx} status={error.status} message={message} requestId={requestId} />,
    error.status,
  );
};

// ── the pages ────────────────────────────────────────────────────────────────────────────

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
