import { Hono } from "hono";
import { errorResponse } from "./anthropic/errors.ts";
import type { AppEnv } from "./context.ts";

const MODELS = [
  {
    type: "model",
    id: "claude-opus-4-7",
    display_name: "Claude Opus 4.7",
    created_at: "2026-04-16T00:00:00Z",
  },
  {
    type: "model",
    id: "claude-sonnet-4-6",
    display_name: "Claude Sonnet 4.6",
    created_at: "2026-02-17T00:00:00Z",
  },
  {
    type: "model",
    id: "claude-haiku-4-5",
    display_name: "Claude Haiku 4.5",
    created_at: "2025-10-15T00:00:00Z",
  },
] as const;

/** GET /v1/models in Anthropic's list shape (query parameters such as ?limit are ignored). */
export const modelRoutes = new Hono<AppEnv>()
  .get("/", (c) =>
    c.json({
      data: MODELS,
      has_more: false,
      first_id: MODELS[0].id,
      last_id: MODELS[MODELS.length - 1]?.id ?? null,
    }),
  )
  .get("/:id", (c) => {
    const model = MODELS.find((m) => m.id === c.req.param("id"));
    return model ? c.json(model) : errorResponse(c, 404, `model: ${c.req.param("id")}`);
  });
