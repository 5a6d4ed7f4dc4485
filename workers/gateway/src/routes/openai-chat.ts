import {
  decodeOpenAiChatRequest,
  encodeOpenAiChatResponse,
  type OpenAiChatRequest,
  OpenAiChatStreamEncoder,
  openAiChatCostFacts,
  parseOpenAiChatRequest,
} from "@cc/formats";
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { proxy } from "../proxy/pipeline.ts";
import type { ProxyRoute } from "../proxy/plan.ts";
import { passthrough, toClaude, toGemini } from "../proxy/targets.ts";
import { openAiChatUpstream } from "../proxy/upstream-formats.ts";

export const openAiChat = new Hono<AppEnv>();

openAiChat.use("*", async (c, next) => {
  c.set("format", "openai-chat");
  await next();
});

type Json = Record<string, unknown>;

/**
 * POST /v1/chat/completions: GPT models pass through to OpenAI; Claude models are translated to
 * Anthropic Messages, Gemini models to generateContent, through the internal representation,
 * and the answer translated back as it arrives.
 */
const chat: ProxyRoute<OpenAiChatRequest> = {
  format: "openai-chat",
  costFacts: openAiChatCostFacts,
  parse: parseOpenAiChatRequest,
  model: (body) => body.model,
  plan: ({ env, body, bytes, json, family }) => {
    if (family !== "openai") {
      const to = family === "gemini" ? toGemini : toClaude;
      return to(env, decodeOpenAiChatRequest(body), {
        encoder: () =>
          new OpenAiChatStreamEncoder({
            includeUsage: body.stream_options?.include_usage === true,
            model: body.model,
          }),
        encodeResponse: (response) => encodeOpenAiChatResponse(response, { model: body.model }),
      });
    }
    const stream = body.stream === true;
    const clientWantsUsage = body.stream_options?.include_usage === true;
    // A stream always asks the upstream for its usage chunk (billing needs it); the body is
    // re-serialised only then, otherwise it goes byte for byte.
    const forceUsage = stream && !clientWantsUsage;
    const sent = forceUsage
      ? { ...(json as Json), stream_options: { ...body.stream_options, include_usage: true } }
      : (json as Json);
    return passthrough(
      env,
      openAiChatUpstream,
      "/v1/chat/completions",
      { bytes: forceUsage ? JSON.stringify(sent) : bytes, json: sent, stream },
      { hideUsageChunk: forceUsage },
    );
  },
};

openAiChat.post("/v1/chat/completions", (c) => proxy(c, chat));
