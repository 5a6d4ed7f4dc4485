/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { isGatewayError } from "@cc/formats";
import { asGatewayError } from "../lib/errors.ts";
import { baseContext, type C, html } from "./http.tsx";
import { ErrorPage, NotFoundPage } from "./pages/errors.tsx";

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
export const notFoundPage = (c: C): Promise<Response> => {
  const ctx = baseContext(c);
  return html(<NotFoundPage ctx={ctx} />, ctx, 404);
};

/**
 * A page for an error thrown by a site or dashboard handler: a GatewayError keeps its status
 * and message; anything else is logged (asGatewayError) and becomes a 500 page.
 */
export const errorPage = (c: C, err: unknown, requestId: string): Promise<Response> => {
  const error = asGatewayError(err, requestId);
  const ctx = baseContext(c);
  const message = isGatewayError(err)
    ? error.message
    : "This page failed to load. Try again in a moment; if it keeps failing, send the request id below to support.";
  return html(
    <ErrorPage ctx={ctx} status={error.status} message={message} requestId={requestId} />,
    ctx,
    error.status,
  );
};
