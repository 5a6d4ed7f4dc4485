import {
  camelizeGeminiBody,
  decodeGeminiRequest,
  encodeGeminiResponse,
  GatewayError,
  type GeminiCountTokensRequest,
  GeminiCountTokensRequestSchema,
  type GeminiGenerateContentRequest,
  GeminiStreamEncoder,
  geminiCostFacts,
  type IrRequest,
  parseGeminiRequest,
} from "@cc/formats";
import { type Context, Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { validate } from "../lib/validate.ts";
import { proxy } from "../proxy/pipeline.ts";
import type { ProxyRoute } from "../proxy/plan.ts";
import {
  type CallerEncoding,
  countOnClaude,
  countOnGpt,
  passthrough,
  toClaude,
  toGpt,
} from "../proxy/targets.ts";
import { geminiUpstream } from "../proxy/upstream-formats.ts";

/**
 * Gemini's API (https://ai.google.dev/api/generate-content) under the proxy prefix, for Gemini
 * CLI (GOOGLE_GEMINI_BASE_URL) and the Gen AI SDKs (`httpOptions.baseUrl`):
 * `POST /v1beta/models/{model}:generateContent`, `:streamGenerateContent?alt=sse` and
 * `:countTokens` (also under /v1, which @google/genai calls). Gemini models pass through byte for
 * byte; Claude and GPT models are translated through the IR and answer in Gemini's shape.
 */
export const geminiApi = new Hono<AppEnv>();

type Json = Record<string, unknown>;
type Method = "generateContent" | "streamGenerateContent" | "countTokens";

const CALL = /^([^:/]+):(generateContent|streamGenerateContent|countTokens)$/;

/**
 * Google also takes the key as `?key=` (https://ai.google.dev/api#authentication): the
 * pipeline reads keys from headers, so such a key becomes the x-goog-api-key header.
 */
export function keyFromQuery(c: Context<AppEnv>): void {
  const key = c.req.query("key");
  if (!key || c.req.header("x-goog-api-key") || c.req.header("authorization") || c.req.header("x-api-key"))
    return;
  const headers = new Headers(c.req.raw.headers);
  headers.set("x-goog-api-key", key);
  c.req.raw = new Request(c.req.raw, { headers });
}

/** The path of a passthrough: the client's API version, the channel's name for the model. */
const upstreamPath = (version: string, model: string, method: Method) =>
  `/${version}/models/${model}:${method}${method === "streamGenerateContent" ? "?alt=sse" : ""}`;

/** How a translated answer is written for a Gemini client: its model name, thoughts if it asked. */
function geminiCaller(model: string, body: GeminiGenerateContentRequest): CallerEncoding {
  const includeThoughts = body.generationConfig?.thinkingConfig?.includeThoughts === true;
  return {
    encoder: () => new GeminiStreamEncoder({ model, includeThoughts }),
    encodeResponse: (response) => encodeGeminiResponse(response, { model, includeThoughts }),
  };
}

function generateRoute(
  model: string,
  version: string,
  method: Method,
): ProxyRoute<GeminiGenerateContentRequest> {
  const stream = method === "streamGenerateContent";
  return {
    format: "gemini",
    costFacts: geminiCostFacts,
    parse: parseGeminiRequest,
    model: () => model,
    plan: ({ env, body, bytes, json, family }) => {
      if (family === "gemini")
        return passthrough(
          env,
          geminiUpstream,
          upstreamPath(version, model, method),
          { bytes, json: json as Json, stream },
          { pathFor: (m) => upstreamPath(version, m, method) },
        );
      const ir = decodeGeminiRequest(body, model, stream);
      return (family === "anthropic" ? toClaude : toGpt)(env, ir, geminiCaller(model, body));
    },
  };
}

const totalTokens = (tokens: unknown) => ({ totalTokens: tokens });

function countRoute(model: string, version: string): ProxyRoute<GeminiCountTokensRequest> {
  const request = (body: GeminiCountTokensRequest): GeminiGenerateContentRequest =>
    body.generateContentRequest ?? { contents: body.contents ?? [] };
  return {
    format: "gemini",
    costFacts: (json) =>
      geminiCostFacts(((camelizeGeminiBody(json) as Json).generateContentRequest ?? json) as Json),
    parse: (json) => validate(GeminiCountTokensRequestSchema, camelizeGeminiBody(json)),
    model: () => model,
    plan: ({ env, body, bytes, json, family }) => {
      if (family === "gemini")
        return passthrough(
          env,
          geminiUpstream,
          upstreamPath(version, model, "countTokens"),
          { bytes, json: json as Json, stream: false },
          { free: true, pathFor: (m) => upstreamPath(version, m, "countTokens") },
        );
      const ir: IrRequest = decodeGeminiRequest(request(body), model, false);
      return family === "anthropic" ? countOnClaude(env, ir, totalTokens) : countOnGpt(env, ir, totalTokens);
    },
  };
}

async function call(c: Context<AppEnv>): Promise<Response> {
  c.set("format", "gemini");
  keyFromQuery(c);
  const version = c.req.path.includes("/v1beta/") ? "v1beta" : "v1";
  const match = CALL.exec(decodeURIComponent(c.req.param("call") ?? ""));
  if (!match) throw new GatewayError("not_found", `No route for POST ${c.req.path}`);
  const [, model, method] = match as unknown as [string, string, Method];
  if (method === "countTokens") return proxy(c, countRoute(model, version));
  // Without alt=sse Google streams one JSON array, which no client we serve reads.
  if (method === "streamGenerateContent" && c.req.query("alt") !== "sse")
    throw new GatewayError("invalid_request", "alt: streamGenerateContent is served as ?alt=sse only.", {
      param: "alt",
    });
  return proxy(c, generateRoute(model, version, method));
}

geminiApi.post("/v1beta/models/:call", call);
geminiApi.post("/v1/models/:call", call);
