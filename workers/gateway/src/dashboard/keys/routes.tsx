/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { planFor } from "@cc/billing";
import { queries } from "@cc/db";
import { drizzle } from "drizzle-orm/d1";
import { Hono } from "hono";
import { z } from "zod";
import { accountStub } from "../../account/client.ts";
import { generateApiKey, hashApiKey, keyHint } from "../../keys/api-key.ts";
import { newKeyId } from "../../lib/ids.ts";
import { priceTable } from "../../lib/prices.ts";
import { accountState } from "../account.ts";
import { MessagePage } from "../auth/pages.tsx";
import {
  allTexts,
  firstText,
  formText,
  formTexts,
  redirect,
  render,
  type SignedInContext,
  type SignedInEnv,
  validForm,
} from "../http.tsx";
import { KeysPage, type KeysProps } from "./page.tsx";

/** The account's API keys: list, create (shown once), revoke. */
export const keys = new Hono<SignedInEnv>();

async function keysPage(
  c: SignedInContext,
  extra: Pick<KeysProps, "created" | "errors" | "values" | "notice"> & { status?: number } = {},
) {
  const { accountId } = c.var.session;
  const { status = 200, ...shown } = extra;
  const [list, state] = await Promise.all([
    queries.listApiKeys(drizzle(c.env.DB), accountId),
    accountState(c.env, accountId),
  ]);
  return render(
    c,
    <KeysPage
      ctx={c.var.page}
      keys={list}
      plan={planFor(state.plan)}
      models={Object.keys(priceTable(c.env))}
      {...shown}
    />,
    status,
  );
}

keys.get("/dashboard/keys", (c) =>
  keysPage(c, c.req.query("revoked") ? { notice: "The key was revoked. It stops working at once." } : {}),
);

/** An optional per-key limit: empty = the plan's; otherwise a whole number from 1 to the plan's. */
const limit = (label: string, max: number) =>
  formText.transform((raw, ctx) => {
    const text = raw.trim().replace(/[,_ ]/g, "");
    if (text === "") return null;
    const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (Number.isSafeInteger(n) && n >= 1 && n <= max) return n;
    ctx.issues.push({
      code: "custom",
      input: raw,
      message: `${label} must be a whole number from 1 to ${max.toLocaleString("en-US")} (your plan's limit).`,
    });
    return z.NEVER;
  });

/** The new-key form, against the account's plan and the models offered. */
async function keyForm(c: SignedInContext) {
  const plan = planFor((await accountState(c.env, c.var.session.accountId)).plan);
  const known = Object.keys(priceTable(c.env));
  const NAME = "Give the key a name of 1 to 100 characters.";
  return z.object({
    name: formText.transform((s) => s.trim()).pipe(z.string().min(1, NAME).max(100, NAME)),
    rpm: limit("Requests per minute", plan.rpm),
    tpm: limit("Tokens per minute", plan.tpm),
    models: formTexts.transform((models, ctx) => {
      const unknown = models.filter((m) => !known.includes(m));
      if (unknown.length === 0) return models;
      ctx.issues.push({ code: "custom", input: models, message: `Unknown model: ${unknown.join(", ")}.` });
      return z.NEVER;
    }),
  });
}

keys.post(
  "/dashboard/keys",
  validForm(keyForm, (c, errors, fields) =>
    keysPage(c, {
      status: 400,
      errors,
      values: {
        name: firstText(fields.name).trim(),
        rpm: firstText(fields.rpm),
        tpm: firstText(fields.tpm),
        models: allTexts(fields.models),
      },
    }),
  ),
  async (c) => {
    const input = c.req.valid("form");
    const key = generateApiKey();
    await queries.insertApiKey(drizzle(c.env.DB), {
      id: newKeyId(),
      accountId: c.var.session.accountId,
      name: input.name,
      keyHash: await hashApiKey(key),
      hint: keyHint(key),
      createdAt: Date.now(),
      rpmLimit: input.rpm,
      tpmLimit: input.tpm,
      allowedModels: input.models.length > 0 ? input.models : null,
    });
    // Rendered, not redirected: the key must not land in a URL or a second response.
    return keysPage(c, { created: { key, name: input.name } });
  },
);

keys.post("/dashboard/keys/:id/revoke", async (c) => {
  const db = drizzle(c.env.DB);
  const key = await queries.getApiKey(db, c.req.param("id"));
  // Another account's key is "not found", not "forbidden": ids reveal nothing.
  if (!key || key.accountId !== c.var.session.accountId) {
    return render(c, <MessagePage ctx={c.var.page} title="Not found" message="No such key." />, 404);
  }
  await queries.revokeApiKey(db, key.id, Date.now());
  // The AccountDO decides whether a key is active: reload it now, so the next call gets 401.
  await accountStub(c.env, key.accountId).syncKey(key.accountId, key.keyHash);
  return redirect(c, "/dashboard/keys?revoked=1");
});
