import { Hono } from "hono";
import { errorResponse } from "./anthropic/errors.ts";
import { countTokens, createMessage } from "./anthropic/messages.ts";
import { requireKey } from "./auth.ts";
import { type AppEnv, nextRequestNumber } from "./context.ts";
import { debugRoutes, recordRequest } from "./debug.ts";
import { modelRoutes } from "./models.ts";

export type { MockEnv } from "./context.ts";

/**
 * The embedded default upstream: an Anthropic Messages API look-alike, deterministic, for
 * development and tests. See README.md for scenarios, token and cache rules.
 */
const app = new Hono<AppEnv>();

// Every response carries request-id: req_mock_<n>, and error bodies repeat it.
app.use("*", async (c, next) => {
  const n = nextRequestNumber();
  c.set("requestNumber", n);
  c.set("requestId", `req_mock_${n}`);
  await next();
  c.res.headers.set("request-id", `req_mock_${n}`);
});
app.use("*", recordRequest);
app.route("/_mock", debugRoutes);

app.use("/v1/*", requireKey);
app.post("/v1/messages", createMessage);
app.post("/v1/messages/count_tokens", countTokens);
app.route("/v1/models", modelRoutes);

app.notFound((c) => errorResponse(c, 404, `${c.req.method} ${c.req.path} not found`));
app.onError((err, c) => errorResponse(c, 500, `mock: ${err.message}`));

export default app;
