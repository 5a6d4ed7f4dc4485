import {
  AnthropicStreamDecoder,
  decodeAnthropicResponse,
  encodeAnthropicRequest,
  type IrRequest,
  type IrResponse,
  type IrStreamEncoder,
} from "@cc/formats";
import type { Context } from "hono";
import type { AppEnv } from "../env.ts";
import type { WireFormat } from "../lib/wire-format.ts";
import type { Caller } from "./auth.ts";
import { anthropicChannel } from "./channels.ts";
import { anthropicBrokenStream } from "./error-frames.ts";
import { translate } from "./translate.ts";
import { anthropicUpstreamError } from "./upstream-error.ts";

/** A request in another format, served by Claude: IR → Anthropic Messages upstream → the caller's format. */
export function toClaude(
  c: Context<AppEnv>,
  r: {
    format: WireFormat;
    caller: Caller;
    model: string;
    ir: IrRequest;
    encoder: () => IrStreamEncoder;
    encodeResponse: (response: IrResponse) => unknown;
  },
): Promise<Response> {
  const upstreamBody = encodeAnthropicRequest(r.ir);
  return translate(c, {
    format: r.format,
    caller: r.caller,
    model: r.model,
    channel: anthropicChannel(c.env),
    path: "/v1/messages",
    upstreamBody,
    maxOutputTokens: upstreamBody.max_tokens,
    upstreamHeaders: { "anthropic-version": "2023-06-01" },
    decoder: () => new AnthropicStreamDecoder(),
    encoder: r.encoder,
    decodeResponse: decodeAnthropicResponse,
    encodeResponse: r.encodeResponse,
    upstreamError: anthropicUpstreamError,
    brokenStreamFrame: anthropicBrokenStream,
  });
}
