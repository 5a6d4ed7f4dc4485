/**
 * What an OpenAI Responses request can cost beyond its bytes
 * (https://platform.openai.com/docs/api-reference/responses/create): hosted tools, the service
 * tier, media; background mode is refused (its answer is fetched later, out of the gateway's sight).
 */

import { DEFAULT_TOOL_USES_BOUND, eachObject, plainCostFacts, type RequestCostFacts } from "../cost-facts.ts";
import { STANDARD_SERVICE_TIERS } from "../service-tier.ts";
import { idOf, type ObjectRef } from "../stored-objects.ts";
import { hostedToolOf } from "./usage.ts";

type Json = Record<string, unknown>;

/**
 * The most tokens one image can cost on a GPT model: images are cut into patches or tiles
 * and capped (https://platform.openai.com/docs/guides/images-vision#calculating-costs); 10,000
 * covers the largest ("original" detail) any current model reports.
 */
export const OPENAI_IMAGE_TOKENS_BOUND = 10_000;

/** The cost facts of a Responses body (already validated, or built by the request encoder). */
export function openAiResponsesCostFacts(body: Json): RequestCostFacts {
  const facts = plainCostFacts(
    typeof body.max_output_tokens === "number" ? body.max_output_tokens : undefined,
  );
  eachObject(body.input, (obj) => {
    if (obj.type === "input_image") {
      facts.imageTokens += OPENAI_IMAGE_TOKENS_BOUND;
      if (typeof obj.image_url === "string" && obj.image_url.startsWith("data:"))
        facts.inlineMediaChars += obj.image_url.length;
    } else if (obj.type === "input_file") {
      facts.documents++;
      if (typeof obj.file_data === "string") facts.inlineMediaChars += obj.file_data.length;
    } else if (obj.type === "item_reference") {
      const id = idOf(obj.id);
      if (id) facts.refs.push({ kind: "item", id, field: "input" });
    }
    // A file uploaded through the Files API, as an image or a document.
    const fileId = obj.type === "input_image" || obj.type === "input_file" ? idOf(obj.file_id) : undefined;
    if (fileId) facts.refs.push({ kind: "file", id: fileId, field: "input" });
  });
  facts.refs.push(...stateRefs(body));
  const maxCalls =
    typeof body.max_tool_calls === "number" && body.max_tool_calls >= 0
      ? body.max_tool_calls
      : DEFAULT_TOOL_USES_BOUND;
  const tools = Array.isArray(body.tools) ? (body.tools as Json[]) : [];
  tools.forEach((tool, i) => {
    const kind = hostedToolOf(tool);
    if (kind !== undefined) facts.tools.push({ tool: kind, maxUses: maxCalls, field: `tools.${i}.type` });
    const container = idOf(tool?.container);
    if (container) facts.refs.push({ kind: "container", id: container, field: `tools.${i}.container` });
    // A new container ({type: "auto", file_ids}) mounts uploaded files: each must be the account's.
    const mounted = (tool?.container as Json | null | undefined)?.file_ids;
    for (const id of (Array.isArray(mounted) ? mounted : []).map(idOf)) {
      if (id) facts.refs.push({ kind: "file", id, field: `tools.${i}.container.file_ids` });
    }
    const stores = Array.isArray(tool?.vector_store_ids) ? tool.vector_store_ids : [];
    for (const id of stores.map(idOf)) {
      if (id) facts.refs.push({ kind: "vector_store", id, field: `tools.${i}.vector_store_ids` });
    }
  });
  const tier = body.service_tier;
  if (typeof tier === "string" && !STANDARD_SERVICE_TIERS.has(tier))
    facts.serviceTier = { tier, field: "service_tier" };
  if (body.background === true) {
    facts.refused.push({
      field: "background",
      message:
        "background: background responses are not offered by this gateway; stream the response instead.",
    });
  }
  return facts;
}

/**
 * The conversation state a request continues: a previous response, a conversation, a stored
 * prompt (https://platform.openai.com/docs/api-reference/responses/create).
 */
function stateRefs(body: Json): ObjectRef[] {
  const refs: ObjectRef[] = [];
  const previous = idOf(body.previous_response_id);
  if (previous) refs.push({ kind: "response", id: previous, field: "previous_response_id" });
  const conversation = idOf(body.conversation) ?? idOf((body.conversation as Json | null | undefined)?.id);
  if (conversation) refs.push({ kind: "conversation", id: conversation, field: "conversation" });
  const prompt = idOf((body.prompt as Json | null | undefined)?.id);
  if (prompt) refs.push({ kind: "prompt", id: prompt, field: "prompt.id" });
  return refs;
}
