import { Hono } from "hono";
import { checkSettings } from "../config/settings.ts";
import type { AppEnv } from "../env.ts";

/**
 * GET /health: 200 when the deployment is fully configured and the payments Worker answers,
 * 503 otherwise, naming what is missing or invalid (names only, never a value).
 */
export const health = new Hono<AppEnv>();

health.get("/", async (c) => {
  const settings = checkSettings(c.env);
  let payments: { processors: string[] } | { error: string };
  try {
    const status = await c.env.PAYMENTS.status();
    payments = { processors: [...status.processors] };
  } catch {
    payments = { error: "the payments Worker (PAYMENTS) did not answer" };
  }
  const ok = settings.missing.length === 0 && settings.invalid.length === 0 && !("error" in payments);
  return c.json({ ok, environment: c.env.ENVIRONMENT, ...settings, payments }, ok ? 200 : 503);
});
