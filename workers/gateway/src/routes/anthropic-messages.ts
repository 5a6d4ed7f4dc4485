import {
  type AnthropicCountTokensRequest,
  AnthropicCountTokensRequestSchema,
  type AnthropicMessagesRequest,
  AnthropicMessagesRequestSchema,
  AnthropicStreamEncoder,
  anthropicCostFacts,
  decodeAnthropicRequest,
  encodeAnthropicResponse,
  type IrResponse,
  normalizeMessagesRequest,
} from "@cc/formats";
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { validate } from "../lib/validate.ts";
import { proxy } from "../proxy/pipeline.ts";
import type { ProxyRoute } from "../proxy/plan.ts";
import { countOnGemini, countOnGpt, passthrough, toGemini, toGpt } from "../proxy/targets.ts";
import { anthropicMessagesUpstream } from "../proxy/upstream-formats.ts";

export const anthropicMessages = new Hono<AppEnv>();

anthropicMessages.use("*", async (c, next) => {
  c.set("format", "anthropic-messages");
  await next();
});

type Json = Record<string, unknown>;

/**
 * POST /v1/messages: Claude models pass through to Anthropic byte for byte; GPT models (Claude
 * Code on GPT) go to OpenAI Responses, Gemini models to generateContent, through the IR, and come
 * back as Anthropic SSE or JSON.
 */
const messages: ProxyRoute<AnthropicMessagesRequest> = {
  format: "anthropic-messages",
  costFacts: anthropicCostFacts,
  parse: (json) => validate(AnthropicMessagesRequestSchema, json),
  model: (body) => body.model,
  plan: ({ env, body, bytes, json, row, family, search }) => {
    // The documented defaults and per-model rewrites (max_tokens, adaptive thinking); a body
    // that needs none goes upstream byte for byte.
    const { body: sent, changed } = normalizeMessagesRequest(body, row.adaptiveThinkingOnly === true);
    const caller = {
      encoder: () => new AnthropicStreamEncoder({ model: body.model }),
      encodeResponse: (response: IrResponse) => encodeAnthropicResponse(response, { model: body.model }),
    };
    if (family === "openai") return toGpt(env, decodeAnthropicRequest(sent), caller);
    if (family === "gemini") return toGemini(env, decodeAnthropicRequest(sent), caller);
    return passthrough(env, anthropicMessagesUpstream, `/v1/messages${search}`, {
      bytes: changed ? JSON.stringify(sent) : bytes,
      json: (changed ? sent : json) as Json,
      stream: sent.stream === true,
    });
  },
};

/**
 * POST /v1/messages/count_tokens: free, but a request like any other (key, model, allow-list,
 * RPM). Claude models ask Anthropic; GPT models ask OpenAI's input-token counter.
 */
const countTokens: ProxyRoute<AnthropicCountTokensRequest> = {
  format: "anthropic-messages",
  costFacts: anthropicCostFacts,
  parse: (json) => validate(AnthropicCountTokensRequestSchema, json),
  model: (body) => body.model,
  plan: ({ env, body, bytes, json, family, search }) => {
    if (family === "openai") return countOnGpt(env, decodeAnthropicRequest({ ...body, max_tokens: 1 }));
    if (family === "gemini") return countOnGemini(env, decodeAnthropicRequest({ ...body, max_tokens: 1 }));
    return passthrough(
      env,
      anthropicMessagesUpstream,
      `/v1/messages/count_tokens${search}`,
      { bytes, json: json as Json, stream: false },
      { free: true },
    );
  },
};

anthropicMessages.post("/v1/messages", (c) => proxy(c, messages));
anthropicMessages.post("/v1/messages/count_tokens", (c) => proxy(c, countTokens));
