import {
  decodeOpenAiResponsesRequest,
  encodeOpenAiResponsesResponse,
  OpenAiResponsesStreamEncoder,
  parseOpenAiResponsesRequest,
} from "@cc/formats";
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { modelFamily } from "../lib/model-family.ts";
import { identify } from "../proxy/auth.ts";
import { passthroughResponses } from "../proxy/openai-passthrough.ts";
import { readJsonBody } from "../proxy/read-body.ts";
import { toClaude } from "../proxy/to-claude.ts";

export const openAiResponses = new Hono<AppEnv>();

/**
 * POST /v1/responses (Codex CLI): GPT models pass through to OpenAI untouched; Claude models
 * are translated to Anthropic Messages and their answer back into Responses events.
 */
openAiResponses.post("/v1/responses", async (c) => {
  c.set("format", "openai-responses");
  const { bytes, json } = await readJsonBody(c.req.raw);
  const body = parseOpenAiResponsesRequest(json);
  const caller = await identify(c.env, c.req.raw.headers);
  if (modelFamily(c.env, body.model) === "openai") {
    return passthroughResponses(c, {
      caller,
      model: body.model,
      body: bytes,
      bodyBytes: bytes.byteLength,
      maxOutputTokens: body.max_output_tokens ?? undefined,
      stream: body.stream === true,
    });
  }

  const ir = decodeOpenAiResponsesRequest(body);
  // The tools tell the encoders which calls were custom (apply_patch): those go back to the
  // client as custom_tool_call items with the raw text, not as function calls.
  return toClaude(c, {
    format: "openai-responses",
    caller,
    model: body.model,
    ir,
    encoder: () => new OpenAiResponsesStreamEncoder({ model: body.model, tools: ir.tools }),
    encodeResponse: (response) =>
      encodeOpenAiResponsesResponse(response, { model: body.model, tools: ir.tools }),
  });
});
