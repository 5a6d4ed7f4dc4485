import type { Answer } from "../answer.ts";
import { argumentPieces, DONE_FRAME, dataFrame, textPieces } from "../sse.ts";
import { type ChatMeta, type ChatUsage, chatContent, finishReason } from "./completion.ts";

type Delta = Record<string, unknown>;

/**
 * The stream (https://platform.openai.com/docs/api-reference/chat-streaming): one id/created on every chunk; the role (and content "") on the first;
 * the text in 3–6 word pieces; each tool call on its index, first with id/type/name and
 * arguments "", then its arguments in several fragments; finish_reason on the last choice
 * chunk; with stream_options.include_usage a usage chunk with `choices: []` (and `usage: null`
 * on every other chunk); then `data: [DONE]`.
 */
export function chatFrames(
  meta: ChatMeta,
  a: Answer,
  usage: ChatUsage,
  includeUsage: boolean,
): { frames: string[]; breakAt: number } {
  const chunk = (choices: unknown[], u: ChatUsage | null = null) => ({
    id: meta.id,
    object: "chat.completion.chunk",
    created: meta.created,
    model: meta.model,
    service_tier: meta.serviceTier,
    system_fingerprint: null,
    choices,
    ...(includeUsage ? { usage: u } : {}),
  });
  const choice = (delta: Delta, finish: string | null = null) =>
    chunk([{ index: 0, delta, logprobs: null, finish_reason: finish }]);

  const chunks = [choice({ role: "assistant", content: chatContent(a) === null ? null : "", refusal: null })];
  for (const content of textPieces(a.text ?? "")) chunks.push(choice({ content }));
  a.toolCalls.forEach((call, index) => {
    if (call.kind !== "function") return;
    chunks.push(
      choice({
        tool_calls: [
          { index, id: call.callId, type: "function", function: { name: call.name, arguments: "" } },
        ],
      }),
    );
    for (const piece of argumentPieces(call.arguments)) {
      chunks.push(choice({ tool_calls: [{ index, function: { arguments: piece } }] }));
    }
  });
  // `cut` / `stream-error` keep the role chunk and two more, never the finish chunk.
  const breakAt = Math.min(3, chunks.length);
  chunks.push(choice({}, finishReason(a)));
  if (includeUsage) chunks.push(chunk([], usage));
  return { frames: [...chunks.map(dataFrame), DONE_FRAME], breakAt };
}

/** The mid-stream error frame of `stream-error` (https://platform.openai.com/docs/api-reference/chat-streaming). */
export const CHAT_STREAM_ERROR = dataFrame({
  error: {
    message: "The server had an error while processing your request. Sorry about that!",
    type: "server_error",
    param: null,
    code: "server_error",
  },
});
