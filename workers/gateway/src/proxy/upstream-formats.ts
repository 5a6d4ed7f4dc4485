import {
  AnthropicStreamUsage,
  anthropicCostFacts,
  anthropicMessageUsage,
  anthropicUpstreamError,
  type GatewayError,
  OpenAiChatStreamUsage,
  OpenAiResponsesStreamDecoder,
  openAiChatBodyUsage,
  openAiChatCostFacts,
  openAiResponsesBodyUsage,
  openAiResponsesCostFacts,
  openAiUpstreamError,
  type RequestCostFacts,
  type UsageRecord,
  type UsageTap,
} from "@cc/formats";
import { anthropicBrokenStream, chatBrokenStream, responsesBrokenStream } from "./error-frames.ts";

/**
 * A vendor API the gateway calls, and everything the pipeline needs to meter it: what a
 * request body can cost, the usage tap for its streams, the usage of its JSON answers, the
 * frame that tells a client of the same format that a stream broke off, and its error answers
 * in the gateway's terms.
 */
export interface UpstreamFormat {
  vendor: "anthropic" | "openai";
  costFacts(body: Record<string, unknown>): RequestCostFacts;
  tap(): UsageTap;
  bodyUsage(json: unknown): UsageRecord | undefined;
  brokenStream(): Uint8Array;
  error(status: number, text: string, retryAfterSeconds?: number): GatewayError;
}

export const anthropicMessagesUpstream: UpstreamFormat = {
  vendor: "anthropic",
  costFacts: anthropicCostFacts,
  tap: () => new AnthropicStreamUsage(),
  bodyUsage: anthropicMessageUsage,
  brokenStream: anthropicBrokenStream,
  error: anthropicUpstreamError,
};

export const openAiChatUpstream: UpstreamFormat = {
  vendor: "openai",
  costFacts: openAiChatCostFacts,
  tap: () => new OpenAiChatStreamUsage(),
  bodyUsage: openAiChatBodyUsage,
  brokenStream: chatBrokenStream,
  error: openAiUpstreamError,
};

export const openAiResponsesUpstream: UpstreamFormat = {
  vendor: "openai",
  costFacts: openAiResponsesCostFacts,
  tap: () => new OpenAiResponsesStreamDecoder(),
  bodyUsage: openAiResponsesBodyUsage,
  brokenStream: responsesBrokenStream,
  error: openAiUpstreamError,
};
