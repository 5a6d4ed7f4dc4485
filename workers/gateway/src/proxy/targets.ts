import {
  AnthropicStreamDecoder,
  decodeAnthropicResponse,
  decodeGeminiResponse,
  decodeOpenAiResponsesResponse,
  encodeAnthropicRequest,
  encodeGeminiRequest,
  encodeOpenAiResponsesRequest,
  GeminiStreamDecoder,
  type IrRequest,
  type IrResponse,
  type IrStreamEncoder,
  OpenAiResponsesStreamDecoder,
} from "@cc/formats";
import { vendorChannels } from "./channels.ts";
import type { ProxyPlan } from "./plan.ts";
import {
  anthropicMessagesUpstream,
  geminiUpstream,
  openAiResponsesUpstream,
  type UpstreamFormat,
} from "./upstream-formats.ts";

/** How a translated answer is written in the caller's format. */
export interface CallerEncoding {
  encoder: () => IrStreamEncoder;
  encodeResponse: (response: IrResponse) => unknown;
}

type Json = Record<string, unknown>;

/** Same format in and out: the client's body goes upstream byte for byte (unless `body` says otherwise). */
export function passthrough(
  env: Env,
  upstream: UpstreamFormat,
  path: string,
  body: { bytes: Uint8Array | string; json: Json; stream: boolean },
  options: { hideUsageChunk?: boolean; free?: boolean; pathFor?: (model: string) => string } = {},
): ProxyPlan {
  return {
    upstream,
    channels: vendorChannels(env, upstream.vendor),
    path,
    ...(options.pathFor ? { pathFor: options.pathFor } : {}),
    body: body.bytes,
    bodyJson: body.json,
    stream: body.stream,
    answer: { kind: "passthrough", hideUsageChunk: options.hideUsageChunk === true },
    free: options.free === true,
  };
}

/** A request of another format served by Claude: IR → Anthropic Messages → the caller's format. */
export function toClaude(env: Env, ir: IrRequest, caller: CallerEncoding): ProxyPlan {
  const body = encodeAnthropicRequest(ir);
  return {
    upstream: anthropicMessagesUpstream,
    channels: vendorChannels(env, "anthropic"),
    path: "/v1/messages",
    body: JSON.stringify(body),
    bodyJson: body as unknown as Json,
    headers: { "anthropic-version": "2023-06-01", "content-type": "application/json" },
    stream: body.stream === true,
    answer: {
      kind: "translate",
      decoder: () => new AnthropicStreamDecoder(),
      encoder: caller.encoder,
      decodeResponse: decodeAnthropicResponse,
      encodeResponse: caller.encodeResponse,
    },
  };
}

/** A request of another format served by GPT: IR → OpenAI Responses → the caller's format. */
export function toGpt(env: Env, ir: IrRequest, caller: CallerEncoding): ProxyPlan {
  const body = encodeOpenAiResponsesRequest(ir);
  return {
    upstream: openAiResponsesUpstream,
    channels: vendorChannels(env, "openai"),
    path: "/v1/responses",
    body: JSON.stringify(body),
    bodyJson: body as unknown as Json,
    headers: { "content-type": "application/json" },
    stream: body.stream === true,
    answer: {
      kind: "translate",
      decoder: () => new OpenAiResponsesStreamDecoder(),
      encoder: caller.encoder,
      decodeResponse: decodeOpenAiResponsesResponse,
      encodeResponse: caller.encodeResponse,
    },
  };
}

/** A token count as the caller's count answer: Anthropic's `{input_tokens}` unless said otherwise. */
export type CountAnswer = (tokens: unknown) => unknown;
const anthropicCount: CountAnswer = (tokens) => ({ input_tokens: tokens });

/** Gemini's path for a model and a method (https://ai.google.dev/api/generate-content). */
export const geminiPath = (
  model: string,
  method: "generateContent" | "streamGenerateContent" | "countTokens",
) => `/v1beta/models/${model}:${method}${method === "streamGenerateContent" ? "?alt=sse" : ""}`;

/** A request of another format served by Gemini: IR → generateContent → the caller's format. */
export function toGemini(env: Env, ir: IrRequest, caller: CallerEncoding): ProxyPlan {
  const body = encodeGeminiRequest(ir);
  const method = ir.stream ? "streamGenerateContent" : "generateContent";
  return {
    upstream: geminiUpstream,
    channels: vendorChannels(env, "gemini"),
    path: geminiPath(ir.model, method),
    pathFor: (model) => geminiPath(model, method),
    body: JSON.stringify(body),
    bodyJson: body as unknown as Json,
    headers: { "content-type": "application/json" },
    stream: ir.stream,
    answer: {
      kind: "translate",
      decoder: () => new GeminiStreamDecoder(),
      encoder: caller.encoder,
      decodeResponse: decodeGeminiResponse,
      encodeResponse: caller.encodeResponse,
    },
  };
}

/**
 * Counting tokens on a Gemini model: the request as a generateContent request to Gemini's
 * counter (https://ai.google.dev/api/tokens#method:-models.counttokens), `totalTokens` answered
 * in the caller's shape.
 */
export function countOnGemini(env: Env, ir: IrRequest, answer: CountAnswer = anthropicCount): ProxyPlan {
  const body = { generateContentRequest: { model: `models/${ir.model}`, ...encodeGeminiRequest(ir) } };
  return {
    upstream: geminiUpstream,
    channels: vendorChannels(env, "gemini"),
    path: geminiPath(ir.model, "countTokens"),
    pathFor: (model) => geminiPath(model, "countTokens"),
    body: JSON.stringify(body),
    bodyJson: body,
    headers: { "content-type": "application/json" },
    stream: false,
    answer: { kind: "reshape", encode: (json) => answer((json as { totalTokens?: unknown }).totalTokens) },
    free: true,
  };
}

// What Anthropic's counter reads of a Messages body (https://docs.anthropic.com/en/api/messages-count-tokens).
const COUNTED = ["model", "messages", "system", "tools", "tool_choice", "thinking"];

/** Counting tokens on a Claude model for a client of another format: Anthropic's counter. */
export function countOnClaude(env: Env, ir: IrRequest, answer: CountAnswer): ProxyPlan {
  const full = encodeAnthropicRequest(ir) as unknown as Json;
  const body = Object.fromEntries(Object.entries(full).filter(([k]) => COUNTED.includes(k)));
  return {
    upstream: anthropicMessagesUpstream,
    channels: vendorChannels(env, "anthropic"),
    path: "/v1/messages/count_tokens",
    body: JSON.stringify(body),
    bodyJson: body,
    headers: { "anthropic-version": "2023-06-01", "content-type": "application/json" },
    stream: false,
    answer: { kind: "reshape", encode: (json) => answer((json as { input_tokens?: unknown }).input_tokens) },
    free: true,
  };
}

/**
 * count_tokens for a GPT model: the request in Responses terms to OpenAI's input-token counter
 * (https://platform.openai.com/docs/api-reference/responses/input-tokens), its count answered
 * in the caller's shape (Anthropic's unless said otherwise).
 */
export function countOnGpt(env: Env, ir: IrRequest, answer: CountAnswer = anthropicCount): ProxyPlan {
  const {
    stream: _stream,
    max_output_tokens: _cap,
    ...body
  } = encodeOpenAiResponsesRequest(ir) as unknown as Json;
  return {
    upstream: openAiResponsesUpstream,
    channels: vendorChannels(env, "openai"),
    path: "/v1/responses/input_tokens",
    body: JSON.stringify(body),
    bodyJson: body,
    headers: { "content-type": "application/json" },
    stream: false,
    answer: {
      kind: "reshape",
      encode: (json) => answer((json as { input_tokens?: unknown }).input_tokens),
    },
    free: true,
  };
}
