import {
  decodeOpenAiResponsesResponse,
  encodeOpenAiResponsesRequest,
  type IrRequest,
  type IrResponse,
  type IrStreamEncoder,
  OpenAiResponsesStreamDecoder,
} from "@cc/formats";
import type { Context } from "hono";
import type { AppEnv } from "../env.ts";
import type { WireFormat } from "../lib/wire-format.ts";
import type { Caller } from "./auth.ts";
import { openAiChannel } from "./channels.ts";
import { responsesBrokenStream } from "./error-frames.ts";
import { translate } from "./translate.ts";
import { openAiUpstreamError } from "./upstream-error.ts";

/** A request in another format, served by a GPT model: IR → OpenAI Responses upstream → the caller's format. */
export function toOpenAi(
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
  const upstreamBody = encodeOpenAiResponsesRequest(r.ir);
  return translate(c, {
    format: r.format,
    caller: r.caller,
    model: r.model,
    channel: openAiChannel(c.env),
    path: "/v1/responses",
    upstreamBody,
    maxOutputTokens: r.ir.maxOutputTokens,
    decoder: () => new OpenAiResponsesStreamDecoder(),
    encoder: r.encoder,
    decodeResponse: decodeOpenAiResponsesResponse,
    encodeResponse: r.encodeResponse,
    upstreamError: openAiUpstreamError,
    brokenStreamFrame: responsesBrokenStream,
  });
}
