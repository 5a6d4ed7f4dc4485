/**
 * IR response → OpenAI ChatCompletion (https://platform.openai.com/docs/api-reference/chat/object).
 */
import type { IrResponse } from "../ir/response.ts";
import { openAiFinishReason } from "./stop-reasons.ts";
import type { ChatCompletion, ChatCompletionMessage, ChatThinkingBlock, ChatToolCall } from "./types.ts";
import { openAiChatUsage } from "./usage.ts";

/** Options of the OpenAI encoders. */
export interface ChatEncodeOptions {
  /** `created`, in Unix seconds; now when absent. */
  created?: number;
  /** The model name to report (e.g. the client's alias); the vendor's model id when absent. */
  model?: string;
}

/** The ChatCompletion id for a vendor message id: one id, streamed or not, traceable upstream. */
export const chatCompletionId = (vendorId: string): string => `chatcmpl-${vendorId}`;

/** Now, in the Unix seconds of `created`. */
export const unixSeconds = (): number => Math.floor(Date.now() / 1000);

/**
 * Encode an IR response as a ChatCompletion. Text parts are joined into `content` (null when
 * there is no text); tool calls keep their order; thinking becomes `reasoning_content` (text)
 * and `thinking_blocks` (with signatures, to be sent back on the next turn).
 */
export function encodeOpenAiChatResponse(res: IrResponse, options: ChatEncodeOptions = {}): ChatCompletion {
  let text = "";
  let reasoning = "";
  const blocks: ChatThinkingBlock[] = [];
  const calls: ChatToolCall[] = [];
  for (const p of res.content) {
    if (p.type === "text") text += p.text;
    else if (p.type === "thinking") {
      reasoning += p.text;
      blocks.push({ type: "thinking", thinking: p.text, signature: p.signature });
    } else if (p.type === "redacted_thinking") blocks.push({ type: "redacted_thinking", data: p.data });
    else
      calls.push({
        id: p.id,
        type: "function",
        function: { name: p.name, arguments: JSON.stringify(p.input) },
      });
  }
  const message: ChatCompletionMessage = {
    role: "assistant",
    content: text === "" ? null : text,
    refusal: res.refusal ?? null,
  };
  if (calls.length > 0) message.tool_calls = calls;
  if (reasoning !== "") message.reasoning_content = reasoning;
  if (blocks.length > 0) message.thinking_blocks = blocks;
  return {
    id: chatCompletionId(res.id),
    object: "chat.completion",
    created: options.created ?? unixSeconds(),
    model: options.model ?? res.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: openAiFinishReason(res.stopReason) }],
    usage: openAiChatUsage(res.usage),
  };
}
