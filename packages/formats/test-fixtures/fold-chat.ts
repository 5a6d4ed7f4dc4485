/**
 * Streamed chunks → the ChatCompletion a non-streamed request would have returned: what the
 * OpenAI SDK's stream helpers assemble on the client's side, so the tests can compare a stream
 * with the non-streamed answer.
 */
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionMessage,
  ChatFinishReason,
  ChatThinkingBlock,
  ChatToolCall,
} from "../src/openai-chat/types.ts";

// Streamed argument fragments are the vendor's JSON text, spaced as it likes; a non-streamed
// answer serialises the parsed input compactly. Fold to that form when the text is JSON.
function compactJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

/**
 * Fold the chunks of one streamed answer into a ChatCompletion, the way a client accumulates
 * them: text, refusal and reasoning concatenated, thinking blocks collected, tool call
 * fragments joined by `index`, the last finish_reason, the usage chunk's usage. Throws when
 * the chunks hold no finish_reason (the stream did not complete).
 */
export function foldChatChunks(chunks: readonly ChatCompletionChunk[]): ChatCompletion {
  const first = chunks[0];
  if (!first) throw new Error("no chunks to fold");
  let content = "";
  let refusal: string | null = null;
  let reasoning = "";
  const blocks: ChatThinkingBlock[] = [];
  const calls: ChatToolCall[] = [];
  let finish: ChatFinishReason | null = null;
  let usage: ChatCompletion["usage"];
  for (const c of chunks) {
    if (c.usage) usage = c.usage;
    for (const choice of c.choices) {
      const d = choice.delta;
      if (d.content) content += d.content;
      if (d.refusal) refusal = (refusal ?? "") + d.refusal;
      if (d.reasoning_content) reasoning += d.reasoning_content;
      if (d.thinking_blocks) blocks.push(...d.thinking_blocks);
      for (const t of d.tool_calls ?? []) {
        calls[t.index] ??= { id: "", type: "function", function: { name: "", arguments: "" } };
        const call = calls[t.index]!;
        if (t.id) call.id = t.id;
        if (t.function.name) call.function.name = t.function.name;
        call.function.arguments += t.function.arguments;
      }
      if (choice.finish_reason) finish = choice.finish_reason;
    }
  }
  if (finish === null) throw new Error("the chunks hold no finish_reason");
  const message: ChatCompletionMessage = {
    role: "assistant",
    content: content === "" ? null : content,
    refusal,
  };
  if (calls.length > 0) {
    message.tool_calls = calls.map((c) => ({
      ...c,
      function: { ...c.function, arguments: compactJson(c.function.arguments) },
    }));
  }
  if (reasoning !== "") message.reasoning_content = reasoning;
  if (blocks.length > 0) message.thinking_blocks = blocks;
  const out: ChatCompletion = {
    id: first.id,
    object: "chat.completion",
    created: first.created,
    model: first.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finish }],
  };
  if (usage) out.usage = usage;
  return out;
}
