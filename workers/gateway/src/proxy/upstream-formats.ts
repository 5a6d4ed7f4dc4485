import {
  AnthropicStreamUsage,
  anthropicCostFacts,
  anthropicMessageObjects,
  anthropicMessageUsage,
  anthropicUpstreamError,
  type GatewayError,
  GeminiStreamUsage,
  geminiBodyUsage,
  geminiCostFacts,
  geminiUpstreamError,
  OpenAiChatStreamUsage,
  OpenAiResponsesStreamDecoder,
  openAiChatBodyUsage,
  openAiChatCostFacts,
  openAiResponsesBodyObjects,
  openAiResponsesBodyUsage,
  openAiResponsesCostFacts,
  openAiUpstreamError,
  type RequestCostFacts,
  type StoredObject,
  type UsageRecord,
  type UsageTap,
} from "@cc/formats";
import {
  anthropicBrokenStream,
  chatBrokenStream,
  geminiBrokenStream,
  responsesBrokenStream,
} from "./error-frames.ts";

/**
 * A vendor API the gateway calls, and everything the pipeline needs to meter it: what a
 * request body can cost, the usage tap for its streams, the usage of its JSON answers, the
 * frame that tells a client of the same format that a stream broke off, and its error answers
 * in the gateway's terms.
 */
export interface UpstreamFormat {
  vendor: "anthropic" | "openai" | "gemini";
  costFacts(body: Record<string, unknown>): RequestCostFacts;
  tap(): UsageTap;
  bodyUsage(json: unknown): UsageRecord | undefined;
  /** Vendor-stored objects a complete JSON answer created or named. */
  bodyObjects(json: unknown): StoredObject[];
  brokenStream(): Uint8Array;
  error(status: number, text: string, retryAfterSeconds?: number): GatewayError;
}

export const anthropicMessagesUpstream: UpstreamFormat = {
  vendor: "anthropic",
  costFacts: anthropicCostFacts,
  tap: () => new AnthropicStreamUsage(),
  bodyUsage: anthropicMessageUsage,
  bodyObjects: anthropicMessageObjects,
  brokenStream: anthropicBrokenStream,
  error: anthropicUpstreamError,
};

export const openAiChatUpstream: UpstreamFormat = {
  vendor: "openai",
  costFacts: openAiChatCostFacts,
  tap: () => new OpenAiChatStreamUsage(),
  bodyUsage: openAiChatBodyUsage,
  bodyObjects: () => [],
  brokenStream: chatBrokenStream,
  error: openAiUpstreamError,
};

export const openAiResponsesUpstream: UpstreamFormat = {
  vendor: "openai",
  costFacts: openAiResponsesCostFacts,
  tap: () => new OpenAiResponsesStreamDecoder(),
  bodyUsage: openAiResponsesBodyUsage,
  bodyObjects: (json) => openAiResponsesBodyObjects(json),
  brokenStream: responsesBrokenStream,
  error: openAiUpstreamError,
};

export const geminiUpstream: UpstreamFormat = {
  vendor: "gemini",
  costFacts: geminiCostFacts,
  tap: () => new GeminiStreamUsage(),
  bodyUsage: geminiBodyUsage,
  bodyObjects: () => [],
  brokenStream: geminiBrokenStream,
  error: geminiUpstreamError,
};
