import {
  decodeOpenAiResponsesRequest,
  encodeOpenAiResponsesResponse,
  type OpenAiResponsesRequest,
  OpenAiResponsesStreamEncoder,
  openAiResponsesCostFacts,
  parseOpenAiResponsesRequest,
} from "@cc/formats";
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { proxy } from "../proxy/pipeline.ts";
import type { ProxyRoute } from "../proxy/plan.ts";
import { passthrough, toClaude, toGemini } from "../proxy/targets.ts";
import { openAiResponsesUpstream } from "../proxy/upstream-formats.ts";
import { openResponsesSocket } from "../responses-socket/upgrade.ts";

export const openAiResponses = new Hono<AppEnv>();

openAiResponses.use("*", async (c, next) => {
  c.set("format", "openai-responses");
  await next();
});

/**
 * POST /v1/responses (Codex CLI): GPT models pass through to OpenAI untouched; Claude and Gemini
 * models are translated (Anthropic Messages, generateContent) and their answer back into
 * Responses events.
 */
export const responses: ProxyRoute<OpenAiResponsesRequest> = {
  format: "openai-responses",
  costFacts: openAiResponsesCostFacts,
  parse: parseOpenAiResponsesRequest,
  model: (body) => body.model,
  plan: ({ env, body, bytes, json, family }) => {
    if (family === "openai") {
      // The operator may keep responses from being stored at OpenAI unless a client asks: the
      // body is re-serialised only then, otherwise it goes byte for byte.
      const unstore = env.OPENAI_STORE_DEFAULT === "false" && body.store == null;
      const sent = unstore
        ? { ...(json as Record<string, unknown>), store: false }
        : (json as Record<string, unknown>);
      return passthrough(env, openAiResponsesUpstream, "/v1/responses", {
        bytes: unstore ? JSON.stringify(sent) : bytes,
        json: sent,
        stream: body.stream === true,
      });
    }
    const ir = decodeOpenAiResponsesRequest(body);
    // The tools tell the encoders which calls were custom (apply_patch): those go back to the
    // client as custom_tool_call items with the raw text, not as function calls.
    return (family === "gemini" ? toGemini : toClaude)(env, ir, {
      encoder: () => new OpenAiResponsesStreamEncoder({ model: body.model, tools: ir.tools }),
      encodeResponse: (response) =>
        encodeOpenAiResponsesResponse(response, { model: body.model, tools: ir.tools }),
    });
  },
};

openAiResponses.post("/v1/responses", (c) => proxy(c, responses));

/**
 * GET /v1/responses upgraded to a WebSocket (Codex's default transport): each `response.create`
 * message runs the same route through the same pipeline (responses-socket/). A GET without the
 * upgrade has no route.
 */
openAiResponses.get("/v1/responses", async (c, next) => {
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") return next();
  return openResponsesSocket(c.req.raw, c.env, c.executionCtx, responses);
});
