import type { PriceRow, PriceTable } from "@cc/billing";
import { GatewayError } from "@cc/formats";
import { type Context, Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { priceTable } from "../lib/prices.ts";
import { authenticate } from "../proxy/auth.ts";
import { keyFromQuery } from "./gemini.ts";

export const models = new Hono<AppEnv>();

/** A fixed creation time: the list must not change from one call to the next. */
const CREATED = "2026-01-01T00:00:00Z";

const displayName = (id: string) =>
  id
    .split("-")
    .map((part) => (/^\d/.test(part) ? part : part[0]!.toUpperCase() + part.slice(1)))
    .join(" ")
    .replace(/(\d) (\d)/g, "$1.$2");

const anthropicList = (table: PriceTable) => {
  const data = Object.keys(table).map((id) => ({
    type: "model",
    id,
    display_name: displayName(id),
    created_at: CREATED,
  }));
  return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
};

const OWNER: Record<PriceRow["family"], string> = {
  anthropic: "anthropic",
  openai: "openai",
  gemini: "google",
};

/** A model in Gemini's shape (https://ai.google.dev/api/models#Model): every model the table offers. */
const geminiModel = (id: string, row: Readonly<PriceRow>) => ({
  name: `models/${id}`,
  version: id,
  displayName: displayName(id),
  inputTokenLimit: row.contextWindow,
  outputTokenLimit: row.maxOutput,
  supportedGenerationMethods: ["generateContent", "countTokens"],
  thinking: true,
});

const geminiList = (table: PriceTable) => ({
  models: Object.entries(table).map(([id, row]) => geminiModel(id, row)),
});

/** A Gemini client (its key as x-goog-api-key or ?key=) gets Gemini's shapes. */
const isGeminiClient = (c: Context<AppEnv>) =>
  c.req.header("x-goog-api-key") !== undefined || c.req.query("key") !== undefined;

const openAiList = (table: PriceTable) => ({
  object: "list",
  data: Object.entries(table).map(([id, row]) => ({
    id,
    object: "model",
    created: Date.parse(CREATED) / 1000,
    owned_by: OWNER[row.family],
  })),
});

/**
 * GET /v1/models: Anthropic's list shape for Anthropic clients (they send anthropic-version),
 * Gemini's for Gemini clients (x-goog-api-key or ?key=: @google/genai lists under /v1), OpenAI's
 * otherwise. Every shape lists every model: any client reaches any vendor.
 */
models.get("/v1/models", async (c) => {
  const anthropic = c.req.header("anthropic-version") !== undefined;
  const gemini = !anthropic && isGeminiClient(c);
  c.set("format", anthropic ? "anthropic-messages" : gemini ? "gemini" : "openai-chat");
  if (gemini) keyFromQuery(c);
  await authenticate(c.env, c.req.raw.headers);
  const table = priceTable(c.env);
  return c.json(anthropic ? anthropicList(table) : gemini ? geminiList(table) : openAiList(table));
});

/** GET /v1beta/models: Gemini's list (https://ai.google.dev/api/models#method:-models.list). */
models.get("/v1beta/models", async (c) => {
  c.set("format", "gemini");
  keyFromQuery(c);
  await authenticate(c.env, c.req.raw.headers);
  return c.json(geminiList(priceTable(c.env)));
});

/** GET /v1beta/models/{model} (and /v1 for a Gemini client): one model, or Google's 404. */
async function geminiModelRoute(c: Context<AppEnv>) {
  c.set("format", "gemini");
  keyFromQuery(c);
  await authenticate(c.env, c.req.raw.headers);
  const id = c.req.param("id")?.replace(/^models\//, "") ?? "";
  const table = priceTable(c.env);
  const row = Object.hasOwn(table, id) ? table[id] : undefined;
  if (!row)
    throw new GatewayError("not_found", `models/${id} is not found, or is not offered by this gateway.`);
  return c.json(geminiModel(id, row));
}
models.get("/v1beta/models/:id", geminiModelRoute);
models.get("/v1/models/:id", async (c, next) => (isGeminiClient(c) ? geminiModelRoute(c) : next()));
