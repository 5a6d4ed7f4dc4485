/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { isGatewayError } from "@cc/formats";
import {
  COIN_LABELS,
  isCoin,
  isTopupAmount,
  MAX_TOPUP_USD,
  MIN_TOPUP_USD,
  PROVIDER_LABELS,
} from "@cc/topups";
import { Hono } from "hono";
import { z } from "zod";
import { purchasePro } from "../../payments/plan.ts";
import { createTopupForAccount, listTopupsForAccount } from "../../payments/topups.ts";
import { accountState } from "../account.ts";
import {
  firstText,
  formText,
  readFormData,
  redirect,
  render,
  type SignedInContext,
  type SignedInEnv,
  singleValue,
  validForm,
} from "../http.tsx";
import { ledgerPage } from "../ledger/view.ts";
import { topupOffer } from "./offer.ts";
import { BillingPage, type BillingProps, ConfirmProPage } from "./page.tsx";

/** Balance, top-ups (through the payments Worker), the latest ledger entries, and the Pro plan. */
export const billing = new Hono<SignedInEnv>();

/** Ledger entries on the billing page; the rest on /dashboard/ledger. */
const LEDGER_PREVIEW = 10;

async function billingPage(
  c: SignedInContext,
  extra: Pick<BillingProps, "errors" | "values" | "notice"> & { status?: number } = {},
) {
  const { accountId } = c.var.session;
  const { status = 200, ...shown } = extra;
  const [ledger, state, topups, offer] = await Promise.all([
    ledgerPage(c.env, accountId, undefined, LEDGER_PREVIEW),
    accountState(c.env, accountId),
    listTopupsForAccount(c.env, accountId),
    topupOffer(c.env),
  ]);
  return render(
    c,
    <BillingPage
      ctx={c.var.page}
      balanceNano={state.balanceNano}
      reservedNano={state.reservedNano}
      plan={state.plan}
      topups={topups}
      ledger={ledger.items}
      offer={offer}
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

/**
 * The top-up form, against what this deployment offers: `method` is `<processor>:<coin>` (the
 * form's one select); `provider` and `coin` apart are taken too (scripts, older pages).
 */
const topupForm = async (c: SignedInContext) => {
  const offer = await topupOffer(c.env);
  return z
    .object({
      amount: amount.refine(
        isTopupAmount,
        `Enter an amount from $${MIN_TOPUP_USD} to $${MAX_TOPUP_USD.toLocaleString("en-US")}, in dollars and cents.`,
      ),
      method: formText,
      provider: formText,
      coin: formText,
    })
    .transform((f, ctx) => {
      const [provider, coin] = f.method ? f.method.split(":") : [f.provider, f.coin];
      const fail = (message: string) => {
        ctx.issues.push({ code: "custom", input: f, message });
        return z.NEVER;
      };
      if (!f.method && !isCoin(coin ?? "")) return fail("Choose a coin from the list.");
      const offered = offer.find((p) => p.provider === provider);
      if (!offered)
        return fail(f.method ? "Choose a way to pay from the list." : "Choose a processor from the list.");
      if (!coin || !isCoin(coin) || !offered.coins.includes(coin))
        return fail(
          `${PROVIDER_LABELS[offered.provider]} takes ${offered.coins.map((x) => COIN_LABELS[x]).join(", ")}: choose one of those.`,
        );
      return { amount: f.amount, provider: offered.provider, coin };
    });
};

billing.post(
  "/dashboard/billing/topup",
  validForm(topupForm, (c, errors, fields) =>
    billingPage(c, {
      status: 400,
      errors,
      values: { amount: amount.parse(fields.amount), method: firstText(fields.method) },
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
      return billingPage(c, {
        status: err.status,
        errors: [err.message],
        values: { amount: input.amount, method: `${input.provider}:${input.coin}` },
      });
    }
  },
);

/** The upgrade asks first: what it costs, what changes, the balance after. */
async function confirmPro(c: SignedInContext, errors?: string[], status = 200) {
  const state = await accountState(c.env, c.var.session.accountId);
  if (state.plan === "pro") return redirect(c, "/dashboard/billing", 303);
  return render(
    c,
    <ConfirmProPage
      ctx={c.var.page}
      balanceNano={state.balanceNano}
      reservedNano={state.reservedNano}
      errors={errors}
    />,
    status,
  );
}

billing.get("/dashboard/billing/pro", (c) => confirmPro(c));

billing.post("/dashboard/billing/pro", async (c) => {
  const form = await readFormData(c);
  // Only the confirmation page's form buys: anything else is shown that page first.
  if (!form || singleValue(form, "confirm") !== "yes") return redirect(c, "/dashboard/billing/pro");
  try {
    await purchasePro(c.env, c.var.session.accountId);
    return redirect(c, "/dashboard/billing?upgraded=1");
  } catch (err) {
    if (!isGatewayError(err)) throw err;
    const message = err.status === 402 ? `${err.message} Top up first.` : err.message;
    return confirmPro(c, [message], err.status);
  }
});
