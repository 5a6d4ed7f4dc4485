import { Hono } from "hono";
import { errorResponse } from "./anthropic/errors.ts";
import { countTokens, createMessage } from "./anthropic/messages.ts";
import { requireKey } from "./auth.ts";
import { routeToChannel } from "./channels.ts";
import { type AppContext, type AppEnv, nextRequestNumber } from "./context.ts";
import { debugRoutes, recordRequest } from "./debug.ts";
import { dialectOf } from "./dialect.ts";
import { googleErrorResponse } from "./gemini/errors.ts";
import { geminiCall, geminiModels } from "./gemini/route.ts";
import { modelRoutes } from "./models.ts";
import { requireBearer } from "./openai/auth.ts";
import { createChatCompletion } from "./openai/chat/route.ts";
import { openAiError, openAiErrorResponse } from "./openai/errors.ts";
import { countResponseInputTokens, createResponse } from "./openai/responses/route.ts";

/**
 * The embedded default upstream: an Anthropic Messages and OpenAI Chat Completions / Responses
 * look-alike, deterministic, for development and tests. See README.md for scenarios, token and
 * cache rules.
 */
const app = new Hono<AppEnv>();

const isOpenAi = (c: AppContext) => dialectOf(c.req.path, c.req.header("anthropic-version")) === "openai";

// Every response carries request-id: req_mock_<n> (OpenAI routes: x-request-id too), and
// Anthropic error bodies repeat it.
app.use("*", async (c, next) => {
  const n = nextRequestNumber();
  c.set("requestNumber", n);
  c.set("requestId", `req_mock_${n}`);
  await next();
  c.res.headers.set("request-id", `req_mock_${n}`);
  if (isOpenAi(c)) c.res.headers.set("x-request-id", `req_mock_${n}`);
});
app.use("*", recordRequest);
app.route("/_mock", debugRoutes);

const isGemini = (c: AppContext) => dialectOf(c.req.path, c.req.header("anthropic-version")) === "gemini";

// Gemini's API checks its own key (x-goog-api-key or ?key=) in its handlers.
app.post("/v1beta/models/*", geminiCall);
app.get("/v1beta/models", geminiModels);
app.get("/v1beta/models/*", geminiModels);
app.use("/v1/*", (c, next) =>
  isGemini(c) ? next() : isOpenAi(c) ? requireBearer(c, next) : requireKey(c, next),
);
app.post("/v1/models/*", geminiCall);
app.post("/v1/messages", createMessage);
app.post("/v1/messages/count_tokens", countTokens);
app.post("/v1/chat/completions", createChatCompletion);
app.post("/v1/responses", createResponse);
app.post("/v1/responses/input_tokens", countResponseInputTokens);
app.route("/v1/models", modelRoutes);

app.notFound((c) =>
  isGemini(c)
    ? googleErrorResponse(404, `Method not found: ${c.req.method} ${c.req.path}`)
    : isOpenAi(c)
      ? openAiErrorResponse(404, openAiError(`Invalid URL (${c.req.method} ${c.req.path})`))
      : errorResponse(c, 404, `${c.req.method} ${c.req.path} not found`),
);
app.onError((err, c) =>
  isGemini(c)
    ? googleErrorResponse(500, `mock: ${err.message}`)
    : isOpenAi(c)
      ? openAiErrorResponse(500, openAiError(`mock: ${err.message}`, "server_error"))
      : errorResponse(c, 500, `mock: ${err.message}`),
);

/**
 * The Worker: requests under /ch/<name>/ reach the app as that mock channel (its key, its
 * scripted mode; src/channels.ts); a `down` channel fails the connection, which the caller's
 * fetch sees as a rejected promise, as it would a refused connection.
 */
export default {
  fetch(request: Request, env: MockEnv, ctx: ExecutionContext): Response | Promise<Response> {
    const routed = routeToChannel(request, env.MOCK_CHANNELS);
    switch (routed.kind) {
      case "none":
        return app.fetch(request, env, ctx);
      case "unknown":
        return Response.json(
          { type: "error", error: { type: "not_found_error", message: `mock: no channel "${routed.name}"` } },
          { status: 404 },
        );
      case "down":
        throw new Error("mock: connection refused (this channel is down)");
      case "serve":
        return app.fetch(routed.request, { ...env, MOCK_UPSTREAM_KEY: routed.channel.key }, ctx);
    }
  },
} satisfies ExportedHandler<MockEnv>;
