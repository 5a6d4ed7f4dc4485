import { queries } from "@cc/db";
import { GatewayError } from "@cc/formats";
import { drizzle } from "drizzle-orm/d1";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../env.ts";
import { generateApiKey, hashApiKey, keyHint } from "../keys/api-key.ts";
import { timingSafeEqualString } from "../keys/compare.ts";
import { newAccountId, newKeyId } from "../lib/ids.ts";
import { validate } from "../lib/validate.ts";

/** The operators' API, guarded by the ADMIN_TOKEN secret. `pnpm admin` calls it. */
export const admin = new Hono<AppEnv>();

admin.use("*", async (c, next) => {
  c.set("format", "admin");
  const token = c.req.header("authorization")?.replace(/^bearer\s+/i, "") ?? "";
  // Constant-time: the admin token must not leak through response timing.
  if (!c.env.ADMIN_TOKEN || !timingSafeEqualString(token, c.env.ADMIN_TOKEN)) {
    throw new GatewayError("authentication", "Admin token required.");
  }
  await next();
});

const CreateAccount = z.object({
  name: z.string().min(1).max(200),
  email: z.email().optional(),
  plan: z.enum(["basic", "pro"]).optional(),
});

const CreateKey = z.object({
  name: z.string().min(1).max(200).default("default"),
  rpm: z.int().positive().optional(),
  tpm: z.int().positive().optional(),
  models: z.array(z.string().min(1)).min(1).optional(),
});

const json = async (req: Request): Promise<unknown> => {
  try {
    return await req.json();
  } catch {
    throw new GatewayError("invalid_request", "The request body is not valid JSON.");
  }
};

const publicKey = (row: Awaited<ReturnType<typeof queries.getApiKey>> & object) => ({
  id: row.id,
  account_id: row.accountId,
  name: row.name,
  hint: row.hint,
  created_at: row.createdAt,
  revoked_at: row.revokedAt,
  last_used_at: row.lastUsedAt,
  rpm_limit: row.rpmLimit,
  tpm_limit: row.tpmLimit,
  allowed_models: row.allowedModels,
});

admin.post("/accounts", async (c) => {
  const input = validate(CreateAccount, await json(c.req.raw));
  const db = drizzle(c.env.DB);
  const account = await queries.createAccount(db, { id: newAccountId(), ...input, now: Date.now() });
  return c.json({ account }, 201);
});

admin.get("/accounts", async (c) => c.json({ accounts: await queries.listAccounts(drizzle(c.env.DB)) }));

admin.get("/accounts/:id", async (c) => {
  const account = await queries.getAccount(drizzle(c.env.DB), c.req.param("id"));
  if (!account) throw new GatewayError("not_found", "No such account.");
  return c.json({ account });
});

admin.post("/accounts/:id/keys", async (c) => {
  const input = validate(CreateKey, await json(c.req.raw));
  const db = drizzle(c.env.DB);
  const account = await queries.getAccount(db, c.req.param("id"));
  if (!account) throw new GatewayError("not_found", "No such account.");
  const key = generateApiKey();
  const row = await queries.insertApiKey(db, {
    id: newKeyId(),
    accountId: account.id,
    name: input.name,
    keyHash: await hashApiKey(key),
    hint: keyHint(key),
    createdAt: Date.now(),
    rpmLimit: input.rpm ?? null,
    tpmLimit: input.tpm ?? null,
    allowedModels: input.models ?? null,
  });
  // The only time the key exists outside the client: it is not stored, only its hash.
  return c.json({ key, api_key: publicKey(row) }, 201);
});

admin.get("/accounts/:id/keys", async (c) => {
  const rows = await queries.listApiKeys(drizzle(c.env.DB), c.req.param("id"));
  return c.json({ keys: rows.map(publicKey) });
});

admin.post("/keys/:id/revoke", async (c) => {
  const db = drizzle(c.env.DB);
  const id = c.req.param("id");
  const revoked = await queries.revokeApiKey(db, id, Date.now());
  if (revoked) return c.json({ api_key: publicKey(revoked) });
  const existing = await queries.getApiKey(db, id);
  if (!existing) throw new GatewayError("not_found", "No such key.");
  return c.json({ api_key: publicKey(existing) });
});
