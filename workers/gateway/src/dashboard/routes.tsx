/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono } from "hono";
import { MessagePage } from "./auth/pages.tsx";
import { auth } from "./auth/routes.tsx";
import { billing } from "./billing/routes.tsx";
import { render, type SiteEnv } from "./http.tsx";
import { keys } from "./keys/routes.tsx";
import { requireSession, sameOriginPosts, sessionCsrf, withSession } from "./middleware.ts";
import { usage } from "./usage/routes.tsx";

/**
 * The customer dashboard: server-rendered HTML (hono/jsx), no client framework. Mounted at "/"
 * beside the APIs, so each middleware is registered for the paths it guards, never for "*".
 */
export const dashboard = new Hono<SiteEnv>();

// Who is signed in; every post from our own origin (else a 403 page); the dashboard only with a
// session (else /login); its forms and logout with the session's CSRF token (else 403).
dashboard.on(["GET", "POST"], ["/signup", "/login", "/logout", "/dashboard/*"], withSession);
dashboard.on("POST", ["/signup", "/login", "/logout", "/dashboard/*"], sameOriginPosts);
dashboard.on(["GET", "POST"], "/dashboard/*", requireSession);
dashboard.on("POST", ["/logout", "/dashboard/*"], sessionCsrf);

dashboard.route("/", auth); // /signup, /login, /logout
// Behind requireSession: these routers read the session from the context (SignedInEnv).
dashboard.route("/", usage); // /dashboard
dashboard.route("/", keys); // /dashboard/keys
dashboard.route("/", billing); // /dashboard/billing
dashboard.get("/dashboard/*", (c) =>
  render(c, <MessagePage ctx={c.var.page} title="Not found" message="There is no such page." />, 404),
);
