import { MAX_TOPUP_USD, MIN_TOPUP_USD, TOPUP_AMOUNT_PATTERN, TOPUP_COINS, TOPUP_PROVIDERS } from "@cc/topups";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../env.ts";
import { readJson } from "../lib/read-body.ts";
import { validate } from "../lib/validate.ts";
import { purchasePro } from "../payments/plan.ts";
import { createTopupForAccount, listTopupsForAccount, publicTopup } from "../payments/topups.ts";
import { authenticate } from "../proxy/auth.ts";

type AccountApiEnv = { Bindings: Env; Variables: AppEnv["Variables"] & { accountId: string } };

/**
 * The account's own API (/api/account), authenticated with one of its API keys (Bearer or
 * x-api-key). Thin wrappers: the dashboard calls the same functions in ../payments/ with a
 * session instead. Errors are JSON `{ error: { type, message } }`.
 */
export const accountApi = new Hono<AccountApiEnv>();

accountApi.use("*", async (c, next) => {
  c.set("format", "admin");
  const caller = await authenticate(c.env, c.req.raw.headers);
  c.set("accountId", caller.accountId);
  await next();
});

const UsdAmount = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(
    z
      .string()
      .regex(TOPUP_AMOUNT_PATTERN, 'must be a USD amount like "20" or "12.50" (at most 2 decimals)')
      .refine((s) => Number(s) >= MIN_TOPUP_USD, `must be at least ${MIN_TOPUP_USD}`)
      .refine((s) => Number(s) <= MAX_TOPUP_USD, `must be at most ${MAX_TOPUP_USD}`),
  );

const CreateTopup = z.object({
  amount_usd: UsdAmount,
  coin: z.enum(TOPUP_COINS),
  provider: z.enum(TOPUP_PROVIDERS),
  return_url: z.string().optional(),
});

accountApi.post("/topups", async (c) => {
  const input = validate(CreateTopup, await readJson(c.req.raw));
  const created = await createTopupForAccount(
    c.env,
    c.var.accountId,
    {
      amountUsd: input.amount_usd,
      coin: input.coin,
      provider: input.provider,
      ...(input.return_url ? { returnUrl: input.return_url } : {}),
    },
    new URL(c.req.url).origin,
  );
  return c.json({ topup_id: created.topupId, invoice_url: created.invoiceUrl, status: created.status }, 201);
});

accountApi.get("/topups", async (c) => {
  const topups = await listTopupsForAccount(c.env, c.var.accountId);
  return c.json({ topups: topups.map(publicTopup) });
});

const Plan = z.object({ plan: z.literal("pro") });

accountApi.post("/plan", async (c) => {
  validate(Plan, await readJson(c.req.raw));
  const bought = await purchasePro(c.env, c.var.accountId);
  return c.json({ plan: bought.plan, balance_nano: bought.balanceNano, duplicate: bought.duplicate });
});
