import {
  GatewayError,
  renderAnthropicStreamError,
  renderGeminiStreamError,
  renderOpenAiChatStreamError,
} from "@cc/formats";

/**
 * What a client reads when the upstream broke a stream off, in each upstream or client
 * format: never a fabricated end of message.
 */
const broken = new GatewayError("upstream", "The upstream stream ended unexpectedly.");
const utf8 = new TextEncoder();

export const anthropicBrokenStream = (): Uint8Array => utf8.encode(renderAnthropicStreamError(broken));

export const chatBrokenStream = (): Uint8Array => utf8.encode(renderOpenAiChatStreamError(broken));

/** The Responses API's own top-level `error` event. */
export const responsesBrokenStream = (): Uint8Array =>
  utf8.encode(
    `event: error\ndata: ${JSON.stringify({ type: "error", code: "upstream_error", message: broken.message, param: null })}\n\n`,
  );

/** Google's error body in a `data:` frame, as Gemini ends a stream that failed. */
export const geminiBrokenStream = (): Uint8Array => utf8.encode(renderGeminiStreamError(broken));
