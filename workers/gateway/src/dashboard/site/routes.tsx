/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono } from "hono";
import { priceTable } from "../../lib/prices.ts";
import { render, type SiteEnv } from "../http.tsx";
import { toolUrls } from "../tools/catalog.ts";
import { FAVICON_ICO, FAVICON_SVG, ICON_CACHE } from "./favicon.ts";
import { LandingPage } from "./landing.tsx";
import { PricingPage } from "./pricing.tsx";
import { supportContact } from "./support.ts";

/** The landing page and pricing, built per request from the price table in force; the icons. */
export const home = new Hono<SiteEnv>();

home.get("/", (c) =>
  render(
    c,
    <LandingPage
      ctx={c.var.page}
      urls={toolUrls(c.var.page.origin)}
      table={priceTable(c.env)}
      support={supportContact(c.env.SUPPORT_CONTACT)}
    />,
  ),
);

home.get("/pricing", (c) => render(c, <PricingPage ctx={c.var.page} table={priceTable(c.env)} />));

home.get(
  "/favicon.svg",
  () =>
    new Response(FAVICON_SVG, { headers: { "content-type": "image/svg+xml", "cache-control": ICON_CACHE } }),
);
home.get(
  "/favicon.ico",
  () =>
    new Response(FAVICON_ICO, { headers: { "content-type": "image/x-icon", "cache-control": ICON_CACHE } }),
);
