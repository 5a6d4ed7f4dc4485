/**
 * Gemini's `generateContent` API (https://ai.google.dev/api/generate-content): the format of
 * Gemini CLI and the Gen AI SDKs, and the one the gateway speaks to Gemini models. Both ways. One
 * record; the files beside this one are named for what they do (parts.ts and read-parts.ts: how
 * parts and reasoning map to the IR's).
 */
import type { WireFormatRecord } from "../wire-format.ts";
import { geminiCostFacts } from "./cost-facts.ts";
import { decodeGeminiRequest, parseGeminiRequest } from "./decode-request.ts";
import { decodeGeminiResponse } from "./decode-response.ts";
import { encodeGeminiRequest } from "./encode-request.ts";
import { encodeGeminiResponse, type GeminiEncodeOptions } from "./encode-response.ts";
import { geminiUpstreamError, renderGeminiError, renderGeminiStreamError } from "./errors.ts";
import type { GeminiGenerateContentRequest } from "./schema.ts";
import { GeminiStreamDecoder } from "./stream-decoder.ts";
import { GeminiStreamEncoder } from "./stream-encoder.ts";
import { GeminiStreamUsage } from "./stream-usage.ts";
import { geminiBodyUsage } from "./usage.ts";

export const gemini: WireFormatRecord<GeminiGenerateContentRequest, GeminiEncodeOptions> = {
  parseRequest: parseGeminiRequest,
  // The model is the path's; a body may name it as `models/<id>`.
  decodeRequest: (body) => decodeGeminiRequest(body, (body.model ?? "").replace(/^models\//, ""), false),
  encodeResponse: encodeGeminiResponse,
  StreamEncoder: GeminiStreamEncoder,
  renderError: renderGeminiError,
  renderStreamError: renderGeminiStreamError,
  costFacts: geminiCostFacts,
  StreamUsage: GeminiStreamUsage,
  bodyUsage: geminiBodyUsage,
  upstreamError: geminiUpstreamError,
  encodeRequest: encodeGeminiRequest,
  decodeResponse: decodeGeminiResponse,
  StreamDecoder: GeminiStreamDecoder,
};
