/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { type PlanId, PlanIdSchema, planFor } from "@cc/billing";
import { queries } from "@cc/db";
import {
  isCoin,
  isProvider,
  isTopupAmount,
  MAX_TOPUP_USD,
  MIN_TOPUP_USD,
  type ProviderId,
  TOPUP_PROVIDERS,
} from "@cc/topups";
import { drizzle } from "drizzle-orm/d1";
import { Hono } from "hono";
import { z } from "zod";
import { accountStub } from "../account/client.ts";
import type { AppEnv } from "../env.ts";
import { generateApiKey, hashApiKey, keyHint } from "../keys/api-key.ts";
import { newAccountId, newKeyId, newUserId } from "../lib/ids.ts";
import { priceTable } from "../lib/prices.ts";
import { clientNetwork } from "../proxy/client-ip.ts";
import { csrfTokenValid, sameOrigin } from "./auth/csrf.ts";
import {
  hashPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  verifyAgainstDecoy,
  verifyPassword,
} from "./auth/password.ts";
import { destroySession, type SessionInfo } from "./auth/session.ts";
import { beginLogin, beginSignup } from "./auth/throttle.ts";
import { createTopup, listTopups, upgradeToPro } from "./billing.ts";
import type { ChartSeries } from "./components/chart.tsx";
import { DAY_MS, dayStart, monthStart, utcDay } from "./components/format.ts";
import {
  action,
  authHeaders,
  baseContext,
  type C,
  clearSessionCookie,
  currentSession,
  field,
  fields,
  forbidden,
  html,
  loginCsrf,
  preSessionForm,
  publicPage,
  readForm,
  redirect,
  type SignedIn,
  safeNext,
  startSession,
  userPage,
} from "./http.tsx";
import { LoginPage, MessagePage, SignupPage } from "./pages/auth.tsx";
import { BillingPage, type TopupFormValues } from "./pages/billing.tsx";
import { type KeyFormValues, KeysPage } from "./pages/keys.tsx";
import { OverviewPage } from "./pages/overview.tsx";

/**
 * The customer dashboard: server-rendered HTML (hono/jsx), no client framework.
 * Handlers are wrapped (publicPage / userPage / action) instead of using `use("*")`, because
 * this router is mounted at "/" and a catch-all middleware would also run on the API routes.
 */
export const dashboard = new Hono<AppEnv>();

// ── sign-up, login, logout ──────────────────────────────────────────────────────────────

const Email = z.email().max(254);

dashboard.get(
  "/signup",
  publicPage(async (c, ctx) => {
    if (ctx.user) return redirect("/dashboard", 302);
    const csrf = loginCsrf(c);
    return html(<SignupPage ctx={ctx} csrfToken={csrf.token} />, ctx, 200, authHeaders(csrf));
  }),
);

dashboard.post(
  "/signup",
  publicPage(async (c, ctx) => {
    const form = await preSessionForm(c);
    if (!form) return forbidden(ctx);
    const csrf = loginCsrf(c);
    const email = field(form, "email").trim().toLowerCase();
    const password = field(form, "password");
    const errors: string[] = [];
    if (!Email.safeParse(email).success) errors.push("Enter a valid email address.");
    if (password.length < MIN_PASSWORD_LENGTH) {
      errors.push(`The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`);
    } else if (password.length > MAX_PASSWORD_LENGTH) {
      errors.push(`The password must be at most ${MAX_PASSWORD_LENGTH} characters long.`);
    }
    const page = (status: number, errs: string[], headers: HeadersInit = {}) =>
      html(<SignupPage ctx={ctx} csrfToken={csrf.token} email={email} errors={errs} />, ctx, status, headers);
    if (errors.length > 0) return page(400, errors);
    // Counted before the account exists (and before "email taken" can be learned): per network.
    const gate = await beginSignup(c.env, clientNetwork(c.req.raw.headers));
    if (!gate.allowed) {
      const minutes = Math.max(1, Math.ceil(gate.retryAfterMs / 60_000));
      return page(429, [`Too many sign-ups from this address. Try again in ${minutes} minutes.`], {
        "retry-after": String(Math.ceil(gate.retryAfterMs / 1000)),
      });
    }

    const db = drizzle(c.env.DB);
    const taken = ["An account with this email already exists. Log in instead."];
    if (await queries.findUserByEmail(db, email)) return page(409, taken);
    const user = { id: newUserId(), accountId: newAccountId() };
    try {
      await db.batch(
        queries.signupStatements(db, {
          accountId: user.accountId,
          userId: user.id,
          email,
          passwordHash: await hashPassword(password),
          now: Date.now(),
        }),
      );
    } catch (err) {
      // Two sign-ups raced for one email: the batch is atomic, the loser gets the same answer.
      if (String(err).includes("UNIQUE")) return page(409, taken);
      throw err;
    }
    return startSession(c, user, "/dashboard");
  }),
);

dashboard.get(
  "/login",
  publicPage(async (c, ctx) => {
    if (ctx.user) return redirect("/dashboard", 302);
    const csrf = loginCsrf(c);
    const next = safeNext(c.req.query("next"));
    const notice = c.req.query("expired") ? "Your session has expired. Please log in again." : undefined;
    return html(
      <LoginPage ctx={ctx} csrfToken={csrf.token} next={next} notice={notice} />,
      ctx,
      200,
      authHeaders(csrf),
    );
  }),
);

dashboard.post(
  "/login",
  publicPage(async (c, ctx) => {
    const form = await preSessionForm(c);
    if (!form) return forbidden(ctx);
    const csrf = loginCsrf(c);
    const email = field(form, "email").trim().toLowerCase();
    const password = field(form, "password");
    const next = safeNext(field(form, "next"));
    const page = (status: number, errors: string[], headers: HeadersInit = {}) =>
      html(
        <LoginPage ctx={ctx} csrfToken={csrf.token} email={email} next={next} errors={errors} />,
        ctx,
        status,
        headers,
      );
    if (!email || !password || password.length > MAX_PASSWORD_LENGTH) {
      return page(400, ["Enter your email and password."]);
    }
    // Counted before the password is checked: concurrent guesses cannot outrun the throttle.
    const gate = await beginLogin(c.env, clientNetwork(c.req.raw.headers), email);
    if (!gate.allowed) {
      const seconds = Math.max(1, Math.ceil(gate.retryAfterMs / 1000));
      return page(429, [`Too many failed attempts. Try again in ${seconds} seconds.`], {
        "retry-after": String(seconds),
      });
    }
    const user = await queries.findUserByEmail(drizzle(c.env.DB), email);
    // Same work and the same message for an unknown email and a wrong password.
    const ok = user ? await verifyPassword(password, user.passwordHash) : await verifyAgainstDecoy(password);
    if (!user || !ok) return page(401, ["Wrong email or password."]);
    await gate.succeeded();
    return startSession(c, user, next ?? "/dashboard");
  }),
);

dashboard.post("/logout", async (c) => {
  const lookup = await currentSession(c);
  const session = lookup.status === "ok" ? lookup.session : undefined;
  const ctx = baseContext(c, session);
  if (!sameOrigin(c.req.raw)) return forbidden(ctx);
  if (session) {
    const form = await readForm(c);
    if (!form || !csrfTokenValid(session.csrfToken, form._csrf)) return forbidden(ctx);
    await destroySession(c.env, session.id);
  }
  return redirect("/login", 303, { "set-cookie": clearSessionCookie(c) });
});

// ── dashboard ───────────────────────────────────────────────────────────────────────────

const CHART_DAYS = 14;

/** Balance and plan from the AccountDO, the source of truth for both. */
async function accountState(
  env: Env,
  accountId: string,
): Promise<{ balanceNano: number; reservedNano: number; plan: PlanId }> {
  const state = await accountStub(env, accountId).state(accountId);
  const plan = PlanIdSchema.safeParse(state?.plan);
  return {
    balanceNano: state?.balanceNano ?? 0,
    reservedNano: state?.reservedNano ?? 0,
    plan: plan.success ? plan.data : "basic",
  };
}

dashboard.get(
  "/dashboard",
  userPage(async (c, ctx, session) => {
    const db = drizzle(c.env.DB);
    const now = Date.now();
    const firstDay = dayStart(now) - (CHART_DAYS - 1) * DAY_MS;
    const [state, spent, daily, requests] = await Promise.all([
      accountState(c.env, session.accountId),
      queries.usageCostSince(db, session.accountId, monthStart(now)),
      queries.usageDailyByModel(db, session.accountId, firstDay),
      queries.listUsage(db, session.accountId, 50),
    ]);
    const days = Array.from({ length: CHART_DAYS }, (_, i) => utcDay(firstDay + i * DAY_MS));
    const models = [...new Set(daily.map((d) => d.model))].sort();
    const series = (pick: (d: (typeof daily)[number]) => number): ChartSeries[] =>
      models.map((model) => ({
        model,
        values: days.map((_, i) => {
          const day = firstDay / DAY_MS + i;
          return daily.filter((d) => d.model === model && d.day === day).reduce((n, d) => n + pick(d), 0);
        }),
      }));
    return html(
      <OverviewPage
        ctx={ctx}
        balanceNano={state.balanceNano}
        reservedNano={state.reservedNano}
        plan={state.plan}
        spentThisMonthNano={spent}
        days={days}
        models={models}
        cost={series((d) => d.costNano)}
        tokens={series((d) => d.tokens)}
        requests={requests}
      />,
      ctx,
    );
  }),
);

// ── keys ────────────────────────────────────────────────────────────────────────────────

async function keysPage(
  c: C,
  ctx: SignedIn,
  session: SessionInfo,
  extra: {
    status?: number;
    created?: { key: string; name: string };
    errors?: string[];
    values?: KeyFormValues;
    notice?: string;
  } = {},
) {
  const [keys, state] = await Promise.all([
    queries.listApiKeys(drizzle(c.env.DB), session.accountId),
    accountState(c.env, session.accountId),
  ]);
  return html(
    <KeysPage
      ctx={ctx}
      keys={keys}
      plan={planFor(state.plan)}
      models={Object.keys(priceTable(c.env))}
      created={extra.created}
      errors={extra.errors}
      values={extra.values}
      notice={extra.notice}
    />,
    ctx,
    extra.status ?? 200,
  );
}

dashboard.get(
  "/dashboard/keys",
  userPage((c, ctx, session) =>
    keysPage(
      c,
      ctx,
      session,
      c.req.query("revoked") ? { notice: "The key was revoked. It stops working at once." } : {},
    ),
  ),
);

/** An optional per-key limit: empty = the plan's; otherwise a whole number from 1 to the plan's. */
function parseLimit(raw: string, label: string, max: number, errors: string[]): number | null {
  const text = raw.trim().replace(/[,_ ]/g, "");
  if (text === "") return null;
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > max) {
    errors.push(
      `${label} must be a whole number from 1 to ${max.toLocaleString("en-US")} (your plan's limit).`,
    );
    return null;
  }
  return n;
}

dashboard.post(
  "/dashboard/keys",
  action(async (c, ctx, session, form) => {
    const values: KeyFormValues = {
      name: field(form, "name").trim(),
      rpm: field(form, "rpm"),
      tpm: field(form, "tpm"),
      models: fields(form, "models"),
    };
    const plan = planFor((await accountState(c.env, session.accountId)).plan);
    const known = Object.keys(priceTable(c.env));
    const errors: string[] = [];
    if (!values.name || values.name.length > 100) errors.push("Give the key a name of 1 to 100 characters.");
    const rpm = parseLimit(values.rpm ?? "", "Requests per minute", plan.rpm, errors);
    const tpm = parseLimit(values.tpm ?? "", "Tokens per minute", plan.tpm, errors);
    const unknown = (values.models ?? []).filter((m) => !known.includes(m));
    if (unknown.length > 0) errors.push(`Unknown model: ${unknown.join(", ")}.`);
    if (errors.length > 0) return keysPage(c, ctx, session, { status: 400, errors, values });

    const key = generateApiKey();
    await queries.insertApiKey(drizzle(c.env.DB), {
      id: newKeyId(),
      accountId: session.accountId,
      name: values.name!,
      keyHash: await hashApiKey(key),
      hint: keyHint(key),
      createdAt: Date.now(),
      rpmLimit: rpm,
      tpmLimit: tpm,
      allowedModels: values.models?.length ? values.models : null,
    });
    // Rendered, not redirected: the key must not land in a URL or a second response.
    return keysPage(c, ctx, session, { created: { key, name: values.name! } });
  }),
);

dashboard.post(
  "/dashboard/keys/:id/revoke",
  action(async (c, ctx, session) => {
    const db = drizzle(c.env.DB);
    const key = await queries.getApiKey(db, c.req.param("id") ?? "");
    // Another account's key is "not found", not "forbidden": ids reveal nothing.
    if (!key || key.accountId !== session.accountId) {
      return html(<MessagePage ctx={ctx} title="Not found" message="No such key." />, ctx, 404);
    }
    await queries.revokeApiKey(db, key.id, Date.now());
    // The AccountDO decides whether a key is active: reload it now, so the next call gets 401.
    await accountStub(c.env, key.accountId).syncKey(key.accountId, key.keyHash);
    return redirect("/dashboard/keys?revoked=1");
  }),
);

// ── billing ─────────────────────────────────────────────────────────────────────────────

/** Processors in the form: the development one only outside production, and then first. */
const offeredProviders = (env: Env): readonly ProviderId[] =>
  env.ENVIRONMENT === "production" ? TOPUP_PROVIDERS.filter((id) => id !== "dev") : TOPUP_PROVIDERS;

async function billingPage(
  c: C,
  ctx: SignedIn,
  session: SessionInfo,
  extra: {
    status?: number;
    errors?: string[];
    proErrors?: string[];
    values?: TopupFormValues;
    notice?: string;
  } = {},
) {
  const stub = accountStub(c.env, session.accountId);
  // The ledger in D1 lags the AccountDO by its outbox: flush it first so the page is current.
  await stub.flush();
  const [state, topups, ledger] = await Promise.all([
    accountState(c.env, session.accountId),
    listTopups(c.env, session.accountId),
    queries.listLedger(drizzle(c.env.DB), session.accountId, 100),
  ]);
  return html(
    <BillingPage
      ctx={ctx}
      balanceNano={state.balanceNano}
      plan={state.plan}
      topups={topups}
      ledger={ledger}
      providers={offeredProviders(c.env)}
      errors={extra.errors}
      proErrors={extra.proErrors}
      values={extra.values}
      notice={extra.notice}
    />,
    ctx,
    extra.status ?? 200,
  );
}

dashboard.get(
  "/dashboard/billing",
  userPage((c, ctx, session) =>
    billingPage(
      c,
      ctx,
      session,
      c.req.query("upgraded") ? { notice: "Welcome to Pro: the new prices and limits apply now." } : {},
    ),
  ),
);

dashboard.post(
  "/dashboard/billing/topup",
  action(async (c, ctx, session, form) => {
    const values: TopupFormValues = {
      amount: field(form, "amount").trim().replace(/^\$/, ""),
      coin: field(form, "coin"),
      provider: field(form, "provider"),
    };
    const { amount = "", coin = "", provider = "" } = values;
    const errors: string[] = [];
    if (!isTopupAmount(amount)) {
      errors.push(
        `Enter an amount from $${MIN_TOPUP_USD} to $${MAX_TOPUP_USD.toLocaleString("en-US")}, in dollars and cents.`,
      );
    }
    if (!isCoin(coin)) errors.push("Choose a coin from the list.");
    const offered = offeredProviders(c.env).some((id) => id === provider);
    if (!offered || !isProvider(provider)) errors.push("Choose a processor from the list.");
    if (errors.length > 0 || !isCoin(coin) || !isProvider(provider)) {
      return billingPage(c, ctx, session, { status: 400, errors, values });
    }
    const result = await createTopup(
      c.env,
      session.accountId,
      { amountUsd: amount, coin, provider, returnUrl: `${ctx.origin}/dashboard/billing` },
      ctx.origin,
    );
    if (!result.ok)
      return billingPage(c, ctx, session, { status: result.status, errors: [result.message], values });
    return redirect(result.invoiceUrl);
  }),
);

dashboard.post(
  "/dashboard/billing/pro",
  action(async (c, ctx, session) => {
    const result = await upgradeToPro(c.env, session.accountId);
    if (!result.ok) {
      const message = result.status === 402 ? `${result.message} Top up first.` : result.message;
      return billingPage(c, ctx, session, { status: result.status, proErrors: [message] });
    }
    return redirect("/dashboard/billing?upgraded=1");
  }),
);

dashboard.get(
  "/dashboard/*",
  userPage(async (_c, ctx) =>
    html(<MessagePage ctx={ctx} title="Not found" message="There is no such page." />, ctx, 404),
  ),
);
