/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono } from "hono";
import { priceTable } from "../../lib/prices.ts";
import { render, type SiteEnv } from "../http.tsx";
import { supportContact } from "../site/support.ts";
import { toolUrls } from "../tools/catalog.ts";
import { DocsPage } from "./page.tsx";

/** /docs: the API documentation, with this deployment's base URLs, prices and limits. */
export const docs = new Hono<SiteEnv>();

docs.get("/docs", (c) =>
  render(
    c,
    <DocsPage
      ctx={c.var.page}
      urls={toolUrls(c.var.page.origin)}
      table={priceTable(c.env)}
      support={supportContact(c.env.SUPPORT_CONTACT)}
    />,
  ),
);
