/**
 * What an OpenAI Chat Completions request can cost beyond its bytes
 * (https://platform.openai.com/docs/api-reference/chat/create): `n` answers, the service tier,
 * web search, media; audio is refused (its tokens have prices of their own).
 */

import { eachObject, plainCostFacts, type RequestCostFacts } from "../cost-facts.ts";
import { OPENAI_IMAGE_TOKENS_BOUND } from "../openai-responses/cost-facts.ts";
import { STANDARD_SERVICE_TIERS } from "../service-tier.ts";
import { idOf } from "../stored-objects.ts";

type Json = Record<string, unknown>;

/** The cost facts of a Chat Completions body (already validated). */
export function openAiChatCostFacts(body: Json): RequestCostFacts {
  const cap = body.max_completion_tokens ?? body.max_tokens;
  const facts = plainCostFacts(typeof cap === "number" ? cap : undefined);
  facts.choices = typeof body.n === "number" ? body.n : 1;
  const messages = Array.isArray(body.messages) ? body.messages : [];
  eachObject(messages, (obj) => {
    if (obj.type === "image_url") {
      facts.imageTokens += OPENAI_IMAGE_TOKENS_BOUND;
      const url = (obj.image_url as Json | undefined)?.url;
      if (typeof url === "string" && url.startsWith("data:")) facts.inlineMediaChars += url.length;
    } else if (obj.type === "file") {
      facts.documents++;
      const file = obj.file as Json | undefined;
      if (typeof file?.file_data === "string") facts.inlineMediaChars += file.file_data.length;
      const fileId = idOf(file?.file_id);
      if (fileId) facts.refs.push({ kind: "file", id: fileId, field: "messages" });
    } else if (obj.type === "input_audio" && !facts.refused.some((r) => r.field === "messages")) {
      facts.refused.push({
        field: "messages",
        message: "messages: audio input is not offered by this gateway.",
      });
    }
  });
  const tier = body.service_tier;
  if (typeof tier === "string" && !STANDARD_SERVICE_TIERS.has(tier))
    facts.serviceTier = { tier, field: "service_tier" };
  // Chat reports no count of the searches a search model ran, so they could not be billed.
  if (body.web_search_options != null) {
    facts.refused.push({
      field: "web_search_options",
      message:
        "web_search_options: web search on Chat Completions is not offered by this gateway; use the web_search tool of the Responses API.",
    });
  }
  const modalities = Array.isArray(body.modalities) ? body.modalities : [];
  if (body.audio != null || modalities.includes("audio")) {
    facts.refused.push({
      field: body.audio != null ? "audio" : "modalities",
      message: `${body.audio != null ? "audio" : "modalities"}: audio output is not offered by this gateway.`,
    });
  }
  return facts;
}
