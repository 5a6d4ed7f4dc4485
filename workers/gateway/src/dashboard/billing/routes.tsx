/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { queries } from "@cc/db";
import { isGatewayError } from "@cc/formats";
import {
  isTopupAmount,
  MAX_TOPUP_USD,
  MIN_TOPUP_USD,
  type ProviderId,
  TOPUP_COINS,
  TOPUP_PROVIDERS,
} from "@cc/topups";
import { drizzle } from "drizzle-orm/d1";
import { Hono } from "hono";
import { z } from "zod";
import { accountStub } from "../../account/client.ts";
import { purchasePro } from "../../payments/plan.ts";
import { createTopupForAccount, listTopupsForAccount } from "../../payments/topups.ts";
import { accountState } from "../account.ts";
import {
  firstText,
  formText,
  redirect,
  render,
  type SignedInContext,
  type SignedInEnv,
  validForm,
} from "../http.tsx";
import { BillingPage, type BillingProps } from "./page.tsx";

/** Balance, top-ups (through the payments Worker), the ledger, and the Pro plan. */
export const billing = new Hono<SignedInEnv>();

/** Processors in the form: the development one only outside production (and then first). */
const offeredProviders = (env: Env): readonly ProviderId[] =>
  env.ENVIRONMENT === "production" ? TOPUP_PROVIDERS.filter((id) => id !== "dev") : TOPUP_PROVIDERS;

async function billingPage(
  c: SignedInContext,
  extra: Pick<BillingProps, "errors" | "proErrors" | "values" | "notice"> & { status?: number } = {},
) {
  const { accountId } = c.var.session;
  const { status = 200, ...shown } = extra;
  // The ledger in D1 lags the AccountDO by its outbox: flush it first so the page is current.
  await accountStub(c.env, accountId).flush();
  const [state, topups, ledger] = await Promise.all([
    accountState(c.env, accountId),
    listTopupsForAccount(c.env, accountId),
    queries.listLedger(drizzle(c.env.DB), accountId, 100),
  ]);
  return render(
    c,
    <BillingPage
      ctx={c.var.page}
      balanceNano={state.balanceNano}
      plan={state.plan}
      topups={topups}
      ledger={ledger}
      providers={offeredProviders(c.env)}
      {...shown}
    />,
    status,
  );
}

billing.get("/dashboard/billing", (c) =>
  billingPage(
    c,
    c.req.query("upgraded") ? { notice: "Welcome to Pro: the new prices and limits apply now." } : {},
  ),
);

// The amount as typed: "$20" and " 20 " are 20.
const amount = formText.transform((s) => s.trim().replace(/^\$/, ""));

/** The top-up form, against the processors this deployment offers. */
const topupForm = (c: SignedInContext) =>
  z.object({
    amount: amount.refine(
      isTopupAmount,
      `Enter an amount from $${MIN_TOPUP_USD} to $${MAX_TOPUP_USD.toLocaleString("en-US")}, in dollars and cents.`,
    ),
    coin: formText.pipe(z.enum(TOPUP_COINS, "Choose a coin from the list.")),
    provider: formText.pipe(
      z.enum(offeredProviders(c.env) as [ProviderId, ...ProviderId[]], "Choose a processor from the list."),
    ),
  });

billing.post(
  "/dashboard/billing/topup",
  validForm(topupForm, (c, errors, fields) =>
    billingPage(c, {
      status: 400,
      errors,
      values: {
        amount: amount.parse(fields.amount),
        coin: firstText(fields.coin),
        provider: firstText(fields.provider),
      },
    }),
  ),
  async (c) => {
    const input = c.req.valid("form");
    try {
      // The processor's invoice; the customer comes back to this page (the default return URL).
      const created = await createTopupForAccount(
        c.env,
        c.var.session.accountId,
        { amountUsd: input.amount, coin: input.coin, provider: input.provider },
        c.var.page.origin,
      );
      return redirect(c, created.invoiceUrl);
    } catch (err) {
      if (!isGatewayError(err)) throw err;
      return billingPage(c, { status: err.status, errors: [err.message], values: input });
    }
  },
);

billing.post("/dashboard/billing/pro", async (c) => {
  try {
    await purchasePro(c.env, c.var.session.accountId);
    return redirect(c, "/dashboard/billing?upgraded=1");
  } catch (err) {
    if (!isGatewayError(err)) throw err;
    const message = err.status === 402 ? `${err.message} Top up first.` : err.message;
    return billingPage(c, { status: err.status, proErrors: [message] });
  }
});
