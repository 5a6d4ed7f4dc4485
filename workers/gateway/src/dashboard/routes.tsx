/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono } from "hono";
import { MessagePage } from "./auth/pages.tsx";
import { auth } from "./auth/routes.tsx";
import { billing } from "./billing/routes.tsx";
import { render, type SiteEnv } from "./http.tsx";
import { identity } from "./identity/routes.tsx";
import { keys } from "./keys/routes.tsx";
import { ledger } from "./ledger/routes.tsx";
import { requireSession, requireVerified, sameOriginPosts, sessionCsrf, withSession } from "./middleware.ts";
import { outbox } from "./outbox/routes.tsx";
import { overview } from "./overview/routes.tsx";
import { settings } from "./settings/routes.tsx";
import { usage } from "./usage/routes.tsx";

/**
 * The customer dashboard: server-rendered HTML (hono/jsx), no client framework. Mounted at "/"
 * beside the APIs, so each middleware is registered for the paths it guards, never for "*".
 */
export const dashboard = new Hono<SiteEnv>();

/** Pages and forms of signed-out visitors: sign-up, login, and the emailed links. */
const PUBLIC_FORMS = ["/signup", "/login", "/logout", "/verify-email", "/forgot-password", "/reset-password"];

// Who is signed in; every post from our own origin (else a 403 page); the dashboard only with a
// session (else /login); its forms and logout with the session's CSRF token (else 403); keys and
// top-ups only once the owner's email is confirmed.
dashboard.on(["GET", "POST"], [...PUBLIC_FORMS, "/dashboard/*", "/dev/*"], withSession);
dashboard.on("POST", [...PUBLIC_FORMS, "/dashboard/*"], sameOriginPosts);
dashboard.on(["GET", "POST"], "/dashboard/*", requireSession);
dashboard.on("POST", ["/logout", "/dashboard/*"], sessionCsrf);
dashboard.on("POST", ["/dashboard/keys", "/dashboard/billing/topup"], requireVerified);

dashboard.route("/", auth); // /signup, /login, /logout
dashboard.route("/", identity); // /verify-email, /forgot-password, /reset-password
dashboard.route("/", outbox); // /dev/outbox (development only)
// Behind requireSession: these routers read the session from the context (SignedInEnv).
dashboard.route("/", overview); // /dashboard
dashboard.route("/", usage); // /dashboard/usage, /dashboard/usage.csv
dashboard.route("/", keys); // /dashboard/keys
dashboard.route("/", billing); // /dashboard/billing
dashboard.route("/", ledger); // /dashboard/ledger
dashboard.route("/", settings); // /dashboard/settings
dashboard.get("/dashboard/*", (c) =>
  render(c, <MessagePage ctx={c.var.page} title="Not found" message="There is no such page." />, 404),
);
