import type { Answer } from "../answer.ts";
import type { ToolCall } from "../tool-calls.ts";

/** What every chunk and the completion share. */
export interface ChatMeta {
  id: string;
  created: number;
  model: string;
  serviceTier: string;
}

export type FinishReason = "stop" | "length" | "tool_calls";

export function finishReason(a: Answer): FinishReason {
  if (a.truncated) return "length";
  return a.toolCalls.length > 0 ? "tool_calls" : "stop";
}

/** Usage: prompt_tokens includes the cached ones; completion_tokens includes reasoning. */
export function chatUsage(promptTokens: number, cachedTokens: number, a: Answer) {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: a.outputTokens,
    total_tokens: promptTokens + a.outputTokens,
    prompt_tokens_details: { cached_tokens: cachedTokens, cache_write_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: a.reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}
export type ChatUsage = ReturnType<typeof chatUsage>;

export function chatToolCall(call: ToolCall & { kind: "function" }) {
  return { id: call.callId, type: "function", function: { name: call.name, arguments: call.arguments } };
}

/** The message content: the text, "" when there is nothing at all, null beside tool calls. */
export function chatContent(a: Answer): string | null {
  return a.text ?? (a.toolCalls.length > 0 ? null : "");
}

/** The non-streamed `chat.completion` (https://platform.openai.com/docs/api-reference/chat/object). Chat never shows reasoning text. */
export function chatCompletion(meta: ChatMeta, a: Answer, usage: ChatUsage) {
  const calls = a.toolCalls.flatMap((c) => (c.kind === "function" ? [chatToolCall(c)] : []));
  return {
    id: meta.id,
    object: "chat.completion",
    created: meta.created,
    model: meta.model,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: chatContent(a),
          refusal: null,
          annotations: [],
          ...(calls.length > 0 ? { tool_calls: calls } : {}),
        },
        logprobs: null,
        finish_reason: finishReason(a),
      },
    ],
    usage,
    service_tier: meta.serviceTier,
    system_fingerprint: null,
  };
}
