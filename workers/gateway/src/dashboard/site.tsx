/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { priceFor } from "@cc/billing";
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { priceTable } from "../lib/prices.ts";
import { FAVICON_ICO, FAVICON_SVG, ICON_CACHE } from "./favicon.ts";
import { html, publicPage } from "./http.tsx";
import { DocsPage } from "./pages/docs.tsx";
import { NotFoundPage } from "./pages/errors.tsx";
import { LandingPage } from "./pages/landing.tsx";
import { PricingPage } from "./pages/pricing.tsx";
import { ToolPage, ToolsIndexPage } from "./pages/tools.tsx";
import { supportContact } from "./support.ts";
import { type ModelLimits, toolBySlug, toolUrls } from "./tools.ts";

/**
 * The public site: the landing page, pricing, the tool guides and the API docs, all built
 * per request from the price table in force and the request's own origin; and the icons.
 */
export const site = new Hono<AppEnv>();

site.get(
  "/",
  publicPage(async (c, ctx) =>
    html(
      <LandingPage
        ctx={ctx}
        urls={toolUrls(ctx.origin)}
        table={priceTable(c.env)}
        support={supportContact(c.env.SUPPORT_CONTACT)}
      />,
      ctx,
    ),
  ),
);

site.get(
  "/pricing",
  publicPage(async (c, ctx) => html(<PricingPage ctx={ctx} table={priceTable(c.env)} />, ctx)),
);

site.get(
  "/docs",
  publicPage(async (c, ctx) =>
    html(
      <DocsPage
        ctx={ctx}
        urls={toolUrls(ctx.origin)}
        table={priceTable(c.env)}
        support={supportContact(c.env.SUPPORT_CONTACT)}
      />,
      ctx,
    ),
  ),
);

site.get(
  "/tools",
  publicPage(async (_c, ctx) => html(<ToolsIndexPage ctx={ctx} urls={toolUrls(ctx.origin)} />, ctx)),
);

site.get(
  "/tools/:slug",
  publicPage(async (c, ctx) => {
    const tool = toolBySlug(c.req.param("slug") ?? "");
    if (!tool) return html(<NotFoundPage ctx={ctx} />, ctx, 404);
    const table = priceTable(c.env);
    // The tool's recommended models that are offered here; all offered models if none is.
    const listed = tool.models.filter((m) => priceFor(table, m));
    const models = (listed.length > 0 ? listed : Object.keys(table)).map((m): [string, ModelLimits] => {
      const row = priceFor(table, m)!;
      return [m, { contextWindow: row.contextWindow, maxOutput: row.maxOutput }];
    });
    return html(<ToolPage ctx={ctx} urls={toolUrls(ctx.origin)} tool={tool} models={models} />, ctx);
  }),
);

// The guides lived under /docs/tools before: old links keep working.
site.get("/docs/tools", (c) => c.redirect("/tools", 301));
site.get("/docs/tools/:slug", (c) => c.redirect(`/tools/${encodeURIComponent(c.req.param("slug"))}`, 301));

site.get(
  "/favicon.svg",
  () =>
    new Response(FAVICON_SVG, { headers: { "content-type": "image/svg+xml", "cache-control": ICON_CACHE } }),
);
site.get(
  "/favicon.ico",
  () =>
    new Response(FAVICON_ICO, { headers: { "content-type": "image/x-icon", "cache-control": ICON_CACHE } }),
);
