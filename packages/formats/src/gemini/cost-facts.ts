/**
 * What a Gemini `generateContent` request can cost beyond its bytes
 * (https://ai.google.dev/gemini-api/docs/pricing): media whose tokens do not follow their
 * bytes, candidates, Google's own tools, the service tier; explicit caches are refused (their
 * storage is billed by the hour, out of the gateway's sight).
 */
import { DEFAULT_TOOL_USES_BOUND, eachObject, plainCostFacts, type RequestCostFacts } from "../cost-facts.ts";
import { STANDARD_SERVICE_TIERS } from "../service-tier.ts";
import { camelizeGeminiBody } from "./schema.ts";

/**
 * The most tokens one image can cost on Gemini: 1,120 at Gemini 3's high media resolution, and
 * 258 per 768×768 tile on Gemini 2.5 (https://ai.google.dev/gemini-api/docs/media-resolution,
 * https://ai.google.dev/gemini-api/docs/image-understanding); 5,000 covers a large tiled image.
 */
export const GEMINI_IMAGE_TOKENS_BOUND = 5_000;

/** Google's own tools, by billing name: what each `tools` entry key runs. */
const GOOGLE_TOOLS: Readonly<Record<string, string>> = {
  googleSearch: "google_search",
  googleSearchRetrieval: "google_search",
  enterpriseWebSearch: "google_search",
  googleMaps: "google_maps",
  fileSearch: "file_search",
  codeExecution: "code_execution",
  urlContext: "url_context",
  computerUse: "computer_use",
};

// Files uploaded through Google's Files API: `files/<id>` (or its full URL).
const FILE_URI = /(?:^|\/v1(?:beta)?\/)(files\/[A-Za-z0-9_-]+)$/;

type Json = Record<string, unknown>;

/** The cost facts of a generateContent body (either spelling of its fields). */
export function geminiCostFacts(raw: Json): RequestCostFacts {
  const body = camelizeGeminiBody(raw) as Json;
  const config = (body.generationConfig ?? {}) as Json;
  const facts = plainCostFacts(
    typeof config.maxOutputTokens === "number" ? config.maxOutputTokens : undefined,
  );
  if (typeof config.candidateCount === "number" && config.candidateCount > 1)
    facts.choices = config.candidateCount;
  eachObject(body.contents, (obj) => {
    const inline = obj.inlineData as Json | undefined;
    if (typeof inline === "object" && inline !== null && typeof inline.data === "string") {
      facts.inlineMediaChars += inline.data.length;
      const type = typeof inline.mimeType === "string" ? inline.mimeType : "";
      // Images have a bound; audio, video and PDFs are bounded by the context window only.
      if (type.startsWith("image/")) facts.imageTokens += GEMINI_IMAGE_TOKENS_BOUND;
      else if (!type.startsWith("text/")) facts.documents++;
    }
    const file = obj.fileData as Json | undefined;
    if (typeof file === "object" && file !== null && typeof file.fileUri === "string") {
      facts.documents++;
      const id = FILE_URI.exec(file.fileUri)?.[1];
      if (id) facts.refs.push({ kind: "file", id, field: "contents" });
    }
  });
  const tools = Array.isArray(body.tools) ? (body.tools as Json[]) : [];
  tools.forEach((tool, i) => {
    for (const [key, name] of Object.entries(GOOGLE_TOOLS)) {
      if (typeof tool === "object" && tool !== null && Object.hasOwn(tool, key))
        facts.tools.push({ tool: name, maxUses: DEFAULT_TOOL_USES_BOUND, field: `tools.${i}.${key}` });
    }
  });
  const tier = body.serviceTier;
  if (typeof tier === "string" && !STANDARD_SERVICE_TIERS.has(tier.toLowerCase()))
    facts.serviceTier = { tier: tier.toLowerCase(), field: "serviceTier" };
  if (body.cachedContent !== undefined) {
    facts.refused.push({
      field: "cachedContent",
      message:
        "cachedContent: explicit context caches are not offered by this gateway; Gemini caches repeated prompt prefixes by itself (implicit caching).",
    });
  }
  return facts;
}
