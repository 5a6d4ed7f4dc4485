import type { PriceTable } from "@cc/billing";
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { priceTable } from "../lib/prices.ts";
import { authenticate } from "../proxy/auth.ts";

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

const openAiList = (table: PriceTable) => ({
  object: "list",
  data: Object.entries(table).map(([id, row]) => ({
    id,
    object: "model",
    created: Date.parse(CREATED) / 1000,
    owned_by: row.family === "anthropic" ? "anthropic" : "openai",
  })),
});

/**
 * GET /v1/models: Anthropic's list shape for Anthropic clients (they send anthropic-version),
 * OpenAI's otherwise.
 */
models.get("/v1/models", async (c) => {
  const anthropic = c.req.header("anthropic-version") !== undefined;
  c.set("format", anthropic ? "anthropic-messages" : "openai-chat");
  await authenticate(c.env, c.req.raw.headers);
  const table = priceTable(c.env);
  return c.json(anthropic ? anthropicList(table) : openAiList(table));
});
