import { GatewayError } from "@cc/formats";
import { Hono } from "hono";
import { adminConsole } from "./admin-console/routes.tsx";
import { reportSettingsOnce } from "./config/settings.ts";
import { errorPage, notFoundPage, wantsErrorPage, wantsNotFoundPage } from "./dashboard/error-pages.tsx";
import { dashboard } from "./dashboard/routes.tsx";
import { site } from "./dashboard/site.tsx";
import type { AppEnv } from "./env.ts";
import { renderError } from "./lib/errors.ts";
import { newRequestId } from "./lib/ids.ts";
import { formatOfPath } from "./lib/wire-format.ts";
import { scheduled } from "./maintenance/scheduled.ts";
import { paymentsForward } from "./payments/forward.ts";
import { accountApi } from "./routes/account-api.ts";
import { admin } from "./routes/admin.ts";
import { anthropicMessages } from "./routes/anthropic-messages.ts";
import { geminiApi } from "./routes/gemini.ts";
import { health } from "./routes/health.ts";
import { models } from "./routes/models.ts";
import { openAiChat } from "./routes/openai-chat.ts";
import { openAiResponses } from "./routes/openai-responses.ts";

export { AccountDO } from "./account/account-do.ts";
export { ChannelsDO } from "./channels/channels-do.ts";
export { AuthThrottle } from "./throttle/auth-throttle.ts";

const app = new Hono<AppEnv>();

app.use("*", async (c, next) => {
  reportSettingsOnce(c.env);
  c.set("requestId", newRequestId());
  c.set("startedAt", Date.now());
  c.set("format", "anthropic-messages");
  await next();
  c.res.headers.set("request-id", c.get("requestId"));
  // OpenAI clients read x-request-id; Anthropic clients read request-id.
  c.res.headers.set("x-request-id", c.get("requestId"));
});

// The proxy: one base URL for Anthropic clients (…/api/proxy) and OpenAI clients (…/api/proxy/v1).
app.route("/api/proxy", anthropicMessages);
app.route("/api/proxy", openAiChat);
app.route("/api/proxy", openAiResponses);
// Gemini clients: …/api/proxy is GOOGLE_GEMINI_BASE_URL (they add /v1beta/models/…).
app.route("/api/proxy", geminiApi);
app.route("/api/proxy", models);
app.route("/api/admin", admin);
// The operator console (HTML): Cloudflare Access in production, the admin token locally.
app.route("/admin", adminConsole);
// Top-ups and the Pro plan for API-key holders; /payments/* belongs to the payments Worker.
app.route("/api/account", accountApi);
app.route("/payments", paymentsForward);
// The public site (HTML): /, /pricing, /tools/*, /docs; customer pages: /signup, /login, /dashboard/*.
app.route("/", site);
app.route("/", dashboard);

app.route("/health", health);

app.notFound((c) =>
  wantsNotFoundPage(c.req.raw)
    ? notFoundPage(c)
    : renderError(
        new GatewayError("not_found", `No route for ${c.req.method} ${c.req.path}`),
        formatOfPath(c.req.path),
        c.get("requestId"),
      ),
);

app.onError((err, c) =>
  wantsErrorPage(c.req.raw)
    ? errorPage(c, err, c.get("requestId") ?? newRequestId())
    : renderError(err, c.get("format"), c.get("requestId") ?? newRequestId()),
);

export default { fetch: app.fetch, scheduled } satisfies ExportedHandler<Env>;
