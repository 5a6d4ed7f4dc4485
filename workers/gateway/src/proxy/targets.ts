import {
  AnthropicStreamDecoder,
  decodeAnthropicResponse,
  decodeOpenAiResponsesResponse,
  encodeAnthropicRequest,
  encodeOpenAiResponsesRequest,
  type IrRequest,
  type IrResponse,
  type IrStreamEncoder,
  OpenAiResponsesStreamDecoder,
} from "@cc/formats";
import { vendorChannels } from "./channels.ts";
import type { ProxyPlan } from "./plan.ts";
import {
  anthropicMessagesUpstream,
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
  options: { hideUsageChunk?: boolean; free?: boolean } = {},
): ProxyPlan {
  return {
    upstream,
    channels: vendorChannels(env, upstream.vendor),
    path,
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

/**
 * count_tokens for a GPT model: the request in Responses terms to OpenAI's input-token counter
 * (https://platform.openai.com/docs/api-reference/responses/input-tokens), its count answered
 * in Anthropic's shape.
 */
export function countOnGpt(env: Env, ir: IrRequest): ProxyPlan {
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
      encode: (json) => ({ input_tokens: (json as { input_tokens?: unknown }).input_tokens }),
    },
    free: true,
  };
}
