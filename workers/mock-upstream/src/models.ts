import { Hono } from "hono";
import { errorResponse } from "./anthropic/errors.ts";
import type { AppEnv } from "./context.ts";
import { badRequest, openAiError, openAiErrorResponse } from "./openai/errors.ts";
import { GPT_MODELS, openAiModel } from "./openai/models.ts";

// Newest first, as Anthropic lists them.
const CLAUDE_MODELS = [
  {
    type: "model",
    id: "claude-haiku-5-5",
    display_name: "Claude Haiku 5.5",
    created_at: "2026-10-07T00:00:00Z",
  },
  {
    type: "model",
    id: "claude-opus-5-5",
    display_name: "Claude Opus 5.5",
    created_at: "2026-09-22T00:00:00Z",
  },
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

/** OpenAI's list: the GPT models, then the Claude ones (the mock serves both). */
const OPENAI_LIST = [
  ...GPT_MODELS.map((m) => openAiModel(m.id, m.created_at, "openai")),
  ...CLAUDE_MODELS.map((m) => openAiModel(m.id, m.created_at, "anthropic")),
];

const isAnthropic = (header: string | undefined) => header !== undefined;

/**
 * GET /v1/models: Anthropic's list shape (the Claude models) when `anthropic-version` is sent,
 * OpenAI's `{object:"list", data}` (GPT and Claude models) otherwise. Query parameters such as
 * ?limit are ignored.
 */
export const modelRoutes = new Hono<AppEnv>()
  .get("/", (c) =>
    isAnthropic(c.req.header("anthropic-version"))
      ? c.json({
          data: CLAUDE_MODELS,
          has_more: false,
          first_id: CLAUDE_MODELS[0].id,
          last_id: CLAUDE_MODELS[CLAUDE_MODELS.length - 1]?.id ?? null,
        })
      : c.json({ object: "list", data: OPENAI_LIST }),
  )
  .get("/:id", (c) => {
    const id = c.req.param("id");
    if (isAnthropic(c.req.header("anthropic-version"))) {
      const model = CLAUDE_MODELS.find((m) => m.id === id);
      return model ? c.json(model) : errorResponse(c, 404, `model: ${id}`);
    }
    const model = OPENAI_LIST.find((m) => m.id === id);
    if (model) return c.json(model);
    return id === ""
      ? badRequest("model id required")
      : openAiErrorResponse(
          404,
          openAiError(
            `The model '${id}' does not exist`,
            "invalid_request_error",
            "model",
            "model_not_found",
          ),
        );
  });
