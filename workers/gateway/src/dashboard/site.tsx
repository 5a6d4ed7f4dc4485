import { Hono } from "hono";
import { docs } from "./docs/routes.tsx";
import type { SiteEnv } from "./http.tsx";
import { withSession } from "./middleware.ts";
import { home } from "./site/routes.tsx";
import { tools } from "./tools/routes.tsx";

/**
 * The public site: the landing page, pricing, the tool guides and the API docs, built per
 * request from the price table in force and the request's own origin. Its pages show the
 * signed-in nav to a signed-in visitor; nothing here needs a session.
 */
export const site = new Hono<SiteEnv>();

site.on("GET", ["/", "/pricing", "/docs", "/tools", "/tools/*"], withSession);

site.route("/", home); // /, /pricing, the icons
site.route("/", docs); // /docs
site.route("/", tools); // /tools, /tools/:slug
