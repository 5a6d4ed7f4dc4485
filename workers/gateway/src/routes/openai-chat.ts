import {
  decodeOpenAiChatRequest,
  encodeOpenAiChatResponse,
  OpenAiChatStreamEncoder,
  parseOpenAiChatRequest,
} from "@cc/formats";
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { modelFamily } from "../lib/model-family.ts";
import { identify } from "../proxy/auth.ts";
import { passthroughChat } from "../proxy/openai-passthrough.ts";
import { readJsonBody } from "../proxy/read-body.ts";
import { toClaude } from "../proxy/to-claude.ts";

export const openAiChat = new Hono<AppEnv>();

/**
 * POST /v1/chat/completions: GPT models pass through to OpenAI; Claude models are translated to Anthropic
 * Messages through the internal representation, and the answer translated back as it arrives.
 */
openAiChat.post("/v1/chat/completions", async (c) => {
  c.set("format", "openai-chat");
  const { bytes, json } = await readJsonBody(c.req.raw);
  const body = parseOpenAiChatRequest(json);
  const caller = await identify(c.env, c.req.raw.headers);
  if (modelFamily(c.env, body.model) === "openai") {
    const clientWantsUsage = body.stream_options?.include_usage === true;
    const forceUsage = body.stream === true && !clientWantsUsage;
    return passthroughChat(
      c,
      {
        caller,
        model: body.model,
        // Re-serialised only when the gateway must add include_usage; otherwise byte for byte.
        body: forceUsage
          ? JSON.stringify({
              ...(json as object),
              stream_options: { ...body.stream_options, include_usage: true },
            })
          : bytes,
        bodyBytes: bytes.byteLength,
        maxOutputTokens: body.max_completion_tokens ?? body.max_tokens ?? undefined,
        stream: body.stream === true,
      },
      clientWantsUsage,
    );
  }
  return toClaude(c, {
    format: "openai-chat",
    caller,
    model: body.model,
    ir: decodeOpenAiChatRequest(body),
    encoder: () =>
      new OpenAiChatStreamEncoder({
        includeUsage: body.stream_options?.include_usage === true,
        model: body.model,
      }),
    encodeResponse: (response) => encodeOpenAiChatResponse(response, { model: body.model }),
  });
});
