/**
 * What an OpenAI Responses request can cost beyond its bytes
 * (https://platform.openai.com/docs/api-reference/responses/create): hosted tools, the service
 * tier, media; background mode is refused (its answer is fetched later, out of the gateway's sight).
 */
import { DEFAULT_TOOL_USES_BOUND, eachObject, plainCostFacts, type RequestCostFacts } from "../cost-facts.ts";
import { STANDARD_SERVICE_TIERS } from "../service-tier.ts";
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
    }
  });
  const maxCalls =
    typeof body.max_tool_calls === "number" && body.max_tool_calls >= 0
      ? body.max_tool_calls
      : DEFAULT_TOOL_USES_BOUND;
  const tools = Array.isArray(body.tools) ? (body.tools as Json[]) : [];
  tools.forEach((tool, i) => {
    const kind = hostedToolOf(tool);
    if (kind !== undefined) facts.tools.push({ tool: kind, maxUses: maxCalls, field: `tools.${i}.type` });
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
