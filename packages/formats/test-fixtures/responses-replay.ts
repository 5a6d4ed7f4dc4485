/**
 * Helpers for the tests of the Responses directions: Anthropic streams translated for a
 * Responses client, and Responses streams translated for an Anthropic client. Pure, like
 * replay.ts: the tests read the files and hand the bytes over.
 */

import { AnthropicStreamDecoder } from "../src/anthropic-messages/stream-decoder.ts";
import { AnthropicStreamEncoder } from "../src/anthropic-messages/stream-encoder.ts";
import type { AnthropicStreamEventOut } from "../src/anthropic-messages/types.ts";
import type { IrTool } from "../src/ir/request.ts";
import { OpenAiResponsesStreamDecoder } from "../src/openai-responses/stream-decoder.ts";
import { OpenAiResponsesStreamEncoder } from "../src/openai-responses/stream-encoder.ts";
import type { ResponsesStreamEvent } from "../src/openai-responses/types.ts";
import type { SseEvent } from "../src/sse/decoder.ts";

/** The `created_at` every Responses replay uses. */
export const CREATED_AT = 1_760_000_000;

/** Translate a whole Anthropic stream into Responses events, upstream end included. */
export function anthropicToResponses(events: SseEvent[], tools: IrTool[] = []): ResponsesStreamEvent[] {
  const decoder = new AnthropicStreamDecoder();
  const encoder = new OpenAiResponsesStreamEncoder({ createdAt: CREATED_AT, tools });
  const ir = events.flatMap((ev) => decoder.decode(ev)).concat(decoder.end());
  return ir.flatMap((ev) => encoder.encode(ev));
}

/** Translate a whole Responses stream into Anthropic events, upstream end included. */
export function responsesToAnthropic(events: SseEvent[]): AnthropicStreamEventOut[] {
  const decoder = new OpenAiResponsesStreamDecoder();
  const encoder = new AnthropicStreamEncoder();
  const ir = events.flatMap((ev) => decoder.decode(ev)).concat(decoder.end());
  return ir.flatMap((ev) => encoder.encode(ev));
}

/** The Response of a raw Responses stream's terminal event: what `stream: false` would return. */
export function terminalResponse(events: SseEvent[]): unknown {
  const last = JSON.parse(events.at(-1)?.data ?? "{}") as { response?: unknown };
  return last.response;
}
