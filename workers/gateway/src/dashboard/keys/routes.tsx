/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { planFor } from "@cc/billing";
import { type ApiKey, queries } from "@cc/db";
import { drizzle } from "drizzle-orm/d1";
import { Hono } from "hono";
import { accountStub } from "../../account/client.ts";
import { generateApiKey, hashApiKey, keyHint } from "../../keys/api-key.ts";
import { newKeyId } from "../../lib/ids.ts";
import { priceTable } from "../../lib/prices.ts";
import { accountState } from "../account.ts";
import { MessagePage } from "../auth/pages.tsx";
import {
  allTexts,
  firstText,
  redirect,
  render,
  type SignedInContext,
  type SignedInEnv,
  validForm,
} from "../http.tsx";
import { EditKeyPage, type KeySpendView, KeysPage, type KeysProps, keyValues } from "./page.tsx";
import { type KeyFormValues, keySettings, keySettingsForm } from "./settings.ts";

/** The account's API keys: list with spend, create (shown once), edit, revoke. */
export const keys = new Hono<SignedInEnv>();

async function keysPage(
  c: SignedInContext,
  extra: Pick<KeysProps, "created" | "errors" | "values" | "notice"> & { status?: number } = {},
) {
  const { accountId } = c.var.session;
  const { status = 200, ...shown } = extra;
  const [list, state, spent] = await Promise.all([
    queries.listApiKeys(drizzle(c.env.DB), accountId),
    accountState(c.env, accountId),
    accountStub(c.env, accountId).keySpend(accountId),
  ]);
  const spend: Record<string, KeySpendView> = {};
  for (const k of list) {
    const s = spent?.find((x) => x.keyId === k.id);
    const last = Math.max(k.lastUsedAt ?? 0, s?.lastUsedAt ?? 0);
    spend[k.id] = { todayNano: s?.todayNano ?? 0, monthNano: s?.monthNano ?? 0, lastUsedAt: last || null };
  }
  return render(
    c,
    <KeysPage
      ctx={c.var.page}
      keys={list}
      spend={spend}
      plan={planFor(state.plan)}
      models={Object.keys(priceTable(c.env))}
      now={Date.now()}
      balanceNano={state.balanceNano}
      {...shown}
    />,
    status,
  );
}

const NOTICES: Record<string, string> = {
  revoked: "The key was revoked. It stops working at once.",
  saved: "The key's settings were saved. They apply to its next request.",
};

keys.get("/dashboard/keys", (c) => {
  const done = c.req.query("revoked") ? "revoked" : c.req.query("saved") ? "saved" : "";
  return keysPage(c, NOTICES[done] ? { notice: NOTICES[done] } : {});
});

/** The key form against the account's plan and the models offered. */
async function keyForm(c: SignedInContext) {
  const plan = planFor((await accountState(c.env, c.var.session.accountId)).plan);
  return keySettingsForm(plan, Object.keys(priceTable(c.env)), Date.now());
}

const postedValues = (fields: Record<string, unknown>): KeyFormValues => ({
  name: firstText(fields.name).trim(),
  rpm: firstText(fields.rpm),
  tpm: firstText(fields.tpm),
  models: allTexts(fields.models),
  daily: firstText(fields.daily),
  monthly: firstText(fields.monthly),
  expires: firstText(fields.expires),
});

keys.post(
  "/dashboard/keys",
  validForm(keyForm, (c, errors, fields) =>
    keysPage(c, { status: 400, errors, values: postedValues(fields) }),
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
      ...keySettings(input),
    });
    // Rendered, not redirected: the key must not land in a URL or a second response.
    return keysPage(c, { created: { key, name: input.name } });
  },
);

/** The account's own key by id: another account's, or none, is "not found" (ids reveal nothing). */
async function ownKey(c: SignedInContext): Promise<ApiKey | undefined> {
  const key = await queries.getApiKey(drizzle(c.env.DB), c.req.param("id") ?? "");
  return key && key.accountId === c.var.session.accountId ? key : undefined;
}

const noSuchKey = (c: SignedInContext) =>
  render(c, <MessagePage ctx={c.var.page} title="Not found" message="No such key." />, 404);

async function editPage(c: SignedInContext, key: ApiKey, values: KeyFormValues, errors?: string[]) {
  const plan = planFor((await accountState(c.env, c.var.session.accountId)).plan);
  return render(
    c,
    <EditKeyPage
      ctx={c.var.page}
      apiKey={key}
      plan={plan}
      models={Object.keys(priceTable(c.env))}
      values={values}
      errors={errors}
    />,
    errors ? 400 : 200,
  );
}

keys.get("/dashboard/keys/:id", async (c) => {
  const key = await ownKey(c);
  if (!key || key.revokedAt) return noSuchKey(c);
  return editPage(c, key, keyValues(key));
});

keys.post(
  "/dashboard/keys/:id",
  validForm(keyForm, async (c, errors, fields) => {
    const key = await ownKey(c);
    return key ? editPage(c, key, postedValues(fields), errors) : noSuchKey(c);
  }),
  async (c) => {
    const key = await ownKey(c);
    if (!key || key.revokedAt) return noSuchKey(c);
    const input = c.req.valid("form");
    await queries.updateApiKeyLimits(drizzle(c.env.DB), key.id, { name: input.name, ...keySettings(input) });
    // The account object enforces them: it reloads the key now, so the next request sees them.
    await accountStub(c.env, key.accountId).syncKey(key.accountId, key.keyHash);
    return redirect(c, "/dashboard/keys?saved=1");
  },
);

keys.post("/dashboard/keys/:id/revoke", async (c) => {
  const key = await ownKey(c);
  if (!key) return noSuchKey(c);
  await queries.revokeApiKey(drizzle(c.env.DB), key.id, Date.now());
  // The AccountDO decides whether a key is active: reload it now, so the next call gets 401.
  await accountStub(c.env, key.accountId).syncKey(key.accountId, key.keyHash);
  return redirect(c, "/dashboard/keys?revoked=1");
});
