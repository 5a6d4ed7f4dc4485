/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { identityQueries } from "@cc/db";
import { drizzle } from "drizzle-orm/d1";
import { Hono } from "hono";
import { isDevelopment } from "../../config/environment.ts";
import { notFoundPage } from "../error-pages.tsx";
import { render, type SiteEnv } from "../http.tsx";
import { OutboxPage } from "./page.tsx";

/**
 * /dev/outbox: every email the development mailer "sent" (D1 dev_outbox), newest first, with its
 * links clickable, so sign-up verification and password reset work in `pnpm dev` and the browser
 * tests. /dev/outbox.json is the same for scripts. Never served in production.
 */
export const outbox = new Hono<SiteEnv>();

const SHOWN = 50;

outbox.use("/dev/*", async (c, next) => {
  if (!isDevelopment(c.env)) return notFoundPage(c);
  await next();
});

const list = (c: { env: Env }, to: string | undefined) =>
  identityQueries.listDevEmails(drizzle(c.env.DB), { limit: SHOWN, ...(to ? { to: to.toLowerCase() } : {}) });

outbox.get("/dev/outbox", async (c) => {
  const to = c.req.query("to") || undefined;
  return render(c, <OutboxPage ctx={c.var.page} emails={await list(c, to)} to={to} />);
});

outbox.get("/dev/outbox.json", async (c) =>
  c.json({ emails: await list(c, c.req.query("to") || undefined) }),
);
