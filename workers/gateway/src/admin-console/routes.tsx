/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { usdToNano } from "@cc/billing";
import { operatorQueries, queries, TOPUP_STATUSES, type TopupStatus } from "@cc/db";
import { GatewayError } from "@cc/formats";
import { randomHex, timingSafeEqual } from "@cc/web-crypto";
import { drizzle } from "drizzle-orm/d1";
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { accountStub } from "../account/client.ts";
import { listChannelViews, setChannelEnabled } from "../channels/manage.ts";
import { priceTable } from "../lib/prices.ts";
import { isMoneyAction, type MoneyAction, moveMoney, revokeKey } from "../operator/actions.ts";
import { type Actor, ADMIN_TOKEN_ACTOR, audit } from "../operator/audit.ts";
import { AccountsRpc } from "../payments/accounts-rpc.ts";
import { fetchAccessJwks, type JwksSource } from "./access-jwt.ts";
import { type C, type ConsoleEnv, html, readForm, redirect, safeBack } from "./http.ts";
import {
  ADMIN_COOKIE,
  ADMIN_SESSION_TTL_MS,
  adminSessionCookieValue,
  consoleIdentity,
  tokenSignInAllowed,
} from "./identity.ts";
import type { ConsoleContext } from "./layout.tsx";
import { AccountPage, AccountsPage, type MoneyFormValues } from "./pages/accounts.tsx";
import { LoginPage, MessagePage, PricesPage, TopupsPage } from "./pages/misc.tsx";
import { OverviewPage } from "./pages/overview.tsx";
import { UpstreamsPage } from "./pages/upstreams.tsx";

export interface ConsoleSeams {
  /** The Access team's keys (tests pass their own). */
  jwks?: JwksSource;
  now?: () => number;
}

const OVERVIEW_DAYS = 30;
const DAY_MS = 86_400_000;

const ctxOf = (c: C, actor?: Actor): ConsoleContext => ({
  nonce: c.var.nonce,
  path: new URL(c.req.url).pathname,
  ...(actor ? { actor } : {}),
});

/** Fixed texts for the ?done= notices (never text from the URL). */
const DONE: Record<string, string> = {
  credit: "Credited: one ledger entry written.",
  refund: "Refunded: one ledger entry written.",
  adjust: "Adjusted: one ledger entry written.",
  duplicate: "Already applied (same form submitted twice): nothing changed.",
  "revoke-key": "Key revoked: its next request is refused.",
  requery: "Re-queried: the processor's answer has been applied.",
  "requery-unknown": "The processor is not enabled here or does not know this payment yet.",
  "enable-channel": "Channel enabled: its circuits start closed, the next requests prove it.",
  "disable-channel": "Channel disabled: no request goes to it any more.",
};

/**
 * The operator console at /admin: server-rendered HTML (hono/jsx), no script. Behind Cloudflare
 * Access in production (identity.ts); locally the admin token signs in. Every action is logged
 * with who did it (operator/audit.ts); every money action is a ledger entry with a reason.
 */
export function buildAdminConsole(seams: ConsoleSeams = {}) {
  const jwks = seams.jwks ?? fetchAccessJwks;
  const now = seams.now ?? (() => Date.now());
  const app = new Hono<ConsoleEnv>();
  const csrfCheck = csrf();

  app.use("*", async (c, next) => {
    c.set("nonce", randomHex(16));
    // Forms only from our own origin (Origin / Sec-Fetch-Site), before anything reads them.
    try {
      await csrfCheck(c, async () => {});
    } catch (err) {
      if (!(err instanceof HTTPException)) throw err;
      return html(
        <MessagePage
          ctx={ctxOf(c)}
          title="Request refused"
          message="This form was not sent from this console."
        />,
        c.var.nonce,
        403,
      );
    }
    await next();
  });

  app.get("/login", async (c) => {
    if (!tokenSignInAllowed(c.env)) return c.redirect("/admin", 303);
    return html(<LoginPage ctx={ctxOf(c)} />, c.var.nonce);
  });

  app.post("/login", async (c) => {
    if (!tokenSignInAllowed(c.env)) return c.redirect("/admin", 303);
    const form = await readForm(c);
    // Constant-time: the token must not leak through response timing.
    if (!form || !timingSafeEqual(form.token ?? "", c.env.ADMIN_TOKEN)) {
      return html(<LoginPage ctx={ctxOf(c)} error="That is not the admin token." />, c.var.nonce, 401);
    }
    setCookie(c, ADMIN_COOKIE, await adminSessionCookieValue(c.env, now()), {
      path: "/admin",
      httpOnly: true,
      secure: true,
      sameSite: "Strict",
      maxAge: ADMIN_SESSION_TTL_MS / 1000,
    });
    audit(ADMIN_TOKEN_ACTOR, "sign-in", {});
    return c.redirect("/admin", 303);
  });

  app.post("/logout", async (c) => {
    deleteCookie(c, ADMIN_COOKIE, { path: "/admin", secure: true });
    return c.redirect("/admin/login", 303);
  });

  // Everything else needs an operator.
  app.use("*", async (c, next) => {
    const who = await consoleIdentity(c.env, c.req.raw, getCookie(c, ADMIN_COOKIE), jwks, now());
    if (who.kind === "sign-in") return redirect("/admin/login");
    if (who.kind === "denied") {
      return html(
        <MessagePage ctx={ctxOf(c)} title="Access denied" message={who.reason} />,
        c.var.nonce,
        403,
      );
    }
    c.set("actor", who.actor);
    await next();
  });

  app.get("/", async (c) => {
    const db = drizzle(c.env.DB);
    const since = now() - (now() % DAY_MS) - (OVERVIEW_DAYS - 1) * DAY_MS;
    const [usage, topups, topupCounts] = await Promise.all([
      operatorQueries.usageByDayAndModel(db, since),
      operatorQueries.topupsCreditedByDay(db, since),
      operatorQueries.topupStatusCounts(db),
    ]);
    return html(
      <OverviewPage
        ctx={ctxOf(c, c.var.actor)}
        days={OVERVIEW_DAYS}
        usage={usage}
        topups={topups}
        topupCounts={topupCounts}
      />,
      c.var.nonce,
    );
  });

  app.get("/accounts", async (c) => {
    const q = (c.req.query("q") ?? "").slice(0, 200);
    const accounts = await operatorQueries.searchAccounts(drizzle(c.env.DB), q);
    return html(<AccountsPage ctx={ctxOf(c, c.var.actor)} q={q} accounts={accounts} />, c.var.nonce);
  });

  const accountPage = async (
    c: C,
    id: string,
    extra: { form?: MoneyFormValues; nonce?: string; error?: string; status?: number } = {},
  ) => {
    const db = drizzle(c.env.DB);
    const account = await queries.getAccount(db, id);
    if (!account)
      return html(
        <MessagePage ctx={ctxOf(c, c.var.actor)} title="No such account" message={`No account ${id}.`} />,
        c.var.nonce,
        404,
      );
    const stub = accountStub(c.env, id);
    // The D1 ledger lags the Durable Object by its outbox: flush first so the page is current.
    await stub.flush();
    const [state, keys, ledger, usage, topups] = await Promise.all([
      stub.state(id),
      queries.listApiKeys(db, id),
      queries.listLedger(db, id, 50),
      stub.usage(id, { limit: 50, since: Date.now(), spentSince: Date.now() }).then((u) => u?.requests ?? []),
      queries.listTopups(db, id, 20),
    ]);
    const done = c.req.query("done");
    return html(
      <AccountPage
        ctx={ctxOf(c, c.var.actor)}
        account={account}
        state={state}
        keys={keys}
        ledger={ledger}
        usage={usage}
        topups={topups}
        nonce={extra.nonce ?? randomHex(16)}
        {...(extra.form ? { form: extra.form } : {})}
        ok={done ? DONE[done] : undefined}
        error={extra.error}
      />,
      c.var.nonce,
      extra.status ?? 200,
    );
  };

  app.get("/accounts/:id", (c) => accountPage(c, c.req.param("id")));

  app.post("/accounts/:id/money", async (c) => {
    const id = c.req.param("id");
    const form = (await readForm(c)) ?? {};
    const values: MoneyFormValues = {
      action: form.action ?? "",
      amount: (form.amount ?? "").trim(),
      reason: (form.reason ?? "").trim(),
    };
    const nonce = /^[0-9a-f]{32}$/.test(form.nonce ?? "") ? form.nonce! : randomHex(16);
    const fail = (error: string, status: number) =>
      accountPage(c, id, { form: values, nonce, error, status });
    if (!isMoneyAction(values.action)) return fail("Choose credit, refund or adjust.", 400);
    const action: MoneyAction = values.action;
    if (values.reason.length < 3 || values.reason.length > 500)
      return fail("A reason is required (3 to 500 characters): it is the ledger entry's memo.", 400);
    let amountNano: number;
    try {
      amountNano = usdToNano(values.amount, { allowNegative: action === "adjust" });
    } catch {
      return fail(
        action === "adjust"
          ? "Amount: a USD amount such as 10, -2.50 or 0.000001."
          : "Amount: a positive USD amount such as 10 or 2.50.",
        400,
      );
    }
    try {
      const result = await moveMoney(c.env, c.var.actor, {
        accountId: id,
        action,
        amountNano,
        reason: values.reason,
        idempotencyKey: `console:${nonce}`,
      });
      return redirect(
        `/admin/accounts/${encodeURIComponent(id)}?done=${result.duplicate ? "duplicate" : action}`,
      );
    } catch (err) {
      if (err instanceof GatewayError) return fail(err.message, err.status);
      throw err;
    }
  });

  app.post("/keys/:id/revoke", async (c) => {
    try {
      const key = await revokeKey(c.env, c.var.actor, c.req.param("id"));
      return redirect(`/admin/accounts/${encodeURIComponent(key.accountId)}?done=revoke-key`);
    } catch (err) {
      if (err instanceof GatewayError)
        return html(
          <MessagePage ctx={ctxOf(c, c.var.actor)} title="Key not revoked" message={err.message} />,
          c.var.nonce,
          err.status,
        );
      throw err;
    }
  });

  app.get("/topups", async (c) => {
    const asked = c.req.query("status") ?? "pending";
    const status: TopupStatus = (TOPUP_STATUSES as readonly string[]).includes(asked)
      ? (asked as TopupStatus)
      : "pending";
    const db = drizzle(c.env.DB);
    const [topups, counts] = await Promise.all([
      operatorQueries.topupsByStatus(db, status),
      operatorQueries.topupStatusCounts(db),
    ]);
    const done = c.req.query("done");
    return html(
      <TopupsPage
        ctx={ctxOf(c, c.var.actor)}
        status={status}
        counts={counts}
        topups={topups}
        ok={done ? DONE[done] : undefined}
        error={c.req.query("failed") ? "The processor could not be reached; try again later." : undefined}
      />,
      c.var.nonce,
    );
  });

  app.post("/topups/:id/requery", async (c) => {
    const id = c.req.param("id");
    const form = (await readForm(c)) ?? {};
    const back = safeBack(form.back);
    const sep = back.includes("?") ? "&" : "?";
    try {
      const result = await c.env.PAYMENTS.requeryTopup(id, new AccountsRpc(c.env));
      audit(c.var.actor, "requery-topup", {
        topup_id: id,
        found: result.found,
        outcome: result.outcome?.kind ?? null,
        status: result.status ?? null,
      });
      if (!result.found)
        return html(
          <MessagePage ctx={ctxOf(c, c.var.actor)} title="No such top-up" message={`No top-up ${id}.`} />,
          c.var.nonce,
          404,
        );
      return redirect(`${back}${sep}done=${result.outcome ? "requery" : "requery-unknown"}`);
    } catch (err) {
      audit(c.var.actor, "requery-topup", { topup_id: id, error: String(err) });
      return redirect(`${back}${sep}failed=requery`);
    }
  });

  app.get("/prices", (c) =>
    html(
      <PricesPage
        ctx={ctxOf(c, c.var.actor)}
        table={priceTable(c.env)}
        overridden={Boolean(c.env.PRICE_TABLE_JSON?.trim())}
      />,
      c.var.nonce,
    ),
  );

  app.get("/upstreams", async (c) => {
    const done = c.req.query("done");
    return html(
      <UpstreamsPage
        ctx={ctxOf(c, c.var.actor)}
        channels={await listChannelViews(c.env)}
        ok={done ? DONE[done] : undefined}
      />,
      c.var.nonce,
    );
  });

  app.post("/upstreams/:id/:action{enable|disable}", async (c) => {
    const action = c.req.param("action");
    try {
      await setChannelEnabled(c.env, c.var.actor, c.req.param("id"), action === "enable");
      return redirect(`/admin/upstreams?done=${action}-channel`);
    } catch (err) {
      if (err instanceof GatewayError)
        return html(
          <MessagePage ctx={ctxOf(c, c.var.actor)} title="Channel unchanged" message={err.message} />,
          c.var.nonce,
          err.status,
        );
      throw err;
    }
  });

  app.all("*", (c) =>
    html(
      <MessagePage ctx={ctxOf(c, c.var.actor)} title="Not found" message="No such console page." />,
      c.var.nonce,
      404,
    ),
  );
  return app;
}

export const adminConsole = buildAdminConsole();
