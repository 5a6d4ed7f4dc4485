import { Hono } from "hono";
import type { PaymentsAppEnv } from "./app-env.ts";
import { handleCallback } from "./callbacks/handle.ts";
import { makeDeps } from "./deps.ts";
import type { Seams } from "./env.ts";
import { log } from "./lib/log.ts";
import { devRoutes } from "./providers/dev/routes.ts";

/**
 * The payments Worker's HTTP surface, all under /payments so the same paths work on its own
 * route and through the gateway (which forwards /payments/* here). `seams` replaces what
 * reaches the outside (tests pass a fake processor's fetch).
 */
export function buildApp(seams: Seams = {}): Hono<PaymentsAppEnv> {
  const app = new Hono<PaymentsAppEnv>();

  app.use("*", async (c, next) => {
    c.set("deps", makeDeps(c.env, seams));
    c.set("dispatch", async (request) => app.fetch(request, c.env, c.executionCtx));
    await next();
  });

  app.post("/payments/callbacks/:provider", (c) =>
    handleCallback(c.var.deps, c.req.param("provider"), c.req.raw),
  );
  app.route("/payments/dev", devRoutes);

  app.notFound((c) => c.text("not found", 404));
  app.onError((err, c) => {
    log("error", "unhandled", { path: c.req.path, error: String(err) });
    return c.text("internal error", 500);
  });
  return app;
}

/** The Worker's own app, with the real outside world. */
export const app = buildApp();
