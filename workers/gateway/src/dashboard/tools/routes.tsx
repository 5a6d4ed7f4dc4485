/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { priceFor } from "@cc/billing";
import { Hono } from "hono";
import { priceTable } from "../../lib/prices.ts";
import { NotFoundPage } from "../error-pages.tsx";
import { render, type SiteEnv } from "../http.tsx";
import { type ModelLimits, toolBySlug, toolUrls } from "./catalog.ts";
import { ToolPage, ToolsIndexPage } from "./page.tsx";

/** /tools: a setup guide per client tool, with this deployment's URLs and models. */
export const tools = new Hono<SiteEnv>();

tools.get("/tools", (c) => render(c, <ToolsIndexPage ctx={c.var.page} urls={toolUrls(c.var.page.origin)} />));

tools.get("/tools/:slug", (c) => {
  const ctx = c.var.page;
  const tool = toolBySlug(c.req.param("slug"));
  if (!tool) return render(c, <NotFoundPage ctx={ctx} />, 404);
  const table = priceTable(c.env);
  // The tool's recommended models that are offered here; all offered models if none is.
  const listed = tool.models.filter((m) => priceFor(table, m));
  const models = (listed.length > 0 ? listed : Object.keys(table)).map((m): [string, ModelLimits] => {
    const row = priceFor(table, m)!;
    return [m, { contextWindow: row.contextWindow, maxOutput: row.maxOutput }];
  });
  return render(c, <ToolPage ctx={ctx} urls={toolUrls(ctx.origin)} tool={tool} models={models} />);
});

// The guides lived under /docs/tools before: old links keep working.
tools.get("/docs/tools", (c) => c.redirect("/tools", 301));
tools.get("/docs/tools/:slug", (c) => c.redirect(`/tools/${encodeURIComponent(c.req.param("slug"))}`, 301));
