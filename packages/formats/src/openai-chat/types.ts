/**
 * What the gateway sends to OpenAI Chat clients (https://platform.openai.com/docs/api-reference/chat/object), as TypeScript
 * types: the field names and nesting of the SDK's `ChatCompletion`, `ChatCompletionChunk` and
 * `ErrorObject`, plus the non-standard `reasoning_content` / `thinking_blocks` (LiteLLM's).
 */

/** The five values clients switch on; a vendor's raw reason never appears here. */
export type ChatFinishReason = "stop" | "length" | "tool_calls" | "content_filter";

/** A complete tool call; `arguments` is a JSON string. */
export interface ChatToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

/**
 * A thinking block as LiteLLM carries it. A client sends these back unchanged on the assistant
 * message, and the gateway restores the signed blocks Claude requires in tool loops.
 */
export type ChatThinkingBlock =
  | { type: "thinking"; thinking: string; signature: string }
  | { type: "redacted_thinking"; data: string };

/** `choices[0].message` of a ChatCompletion. */
export interface ChatCompletionMessage {
  role: "assistant";
  /** Text joined; null when the model produced no text (only tool calls, or a refusal). */
  content: string | null;
  refusal: string | null;
  tool_calls?: ChatToolCall[];
  /** The thinking text, joined; present only when there is some. */
  reasoning_content?: string;
  /** Every thinking block with its signature, in order; present only when there is one. */
  thinking_blocks?: ChatThinkingBlock[];
}

/** SDK `CompletionUsage`, as the gateway fills it (docs/wire-formats.md, "Usage in each format"). */
export interface ChatCompletionUsage {
  /** Input including cache reads and writes (OpenAI counts cached tokens in prompt_tokens). */
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; cache_write_tokens: number };
  completion_tokens_details: { reasoning_tokens: number };
}

/** A non-streamed answer. */
export interface ChatCompletion {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: [{ index: 0; message: ChatCompletionMessage; logprobs: null; finish_reason: ChatFinishReason }];
  usage?: ChatCompletionUsage;
}

/** A tool call fragment: `id`, `type` and `name` only on the first fragment of an index. */
export interface ChatToolCallDelta {
  /** The tool call's ordinal in the message (0, 1, 2…), not any vendor block index. */
  index: number;
  id?: string;
  type?: "function";
  function: { name?: string; arguments: string };
}

/** `choices[0].delta` of a chunk. */
export interface ChatCompletionDelta {
  role?: "assistant";
  content?: string;
  refusal?: string;
  reasoning_content?: string;
  thinking_blocks?: ChatThinkingBlock[];
  tool_calls?: ChatToolCallDelta[];
}

/** One streamed chunk. The usage chunk has `choices: []`. */
export interface ChatCompletionChunk {
  id: string;
  object: "chat.completion.chunk";
  created: number;
  model: string;
  choices: { index: 0; delta: ChatCompletionDelta; logprobs: null; finish_reason: ChatFinishReason | null }[];
  /** Only with `stream_options.include_usage`: null on every chunk but the last (SDK). */
  usage?: ChatCompletionUsage | null;
}

/** SDK `ErrorObject`. */
export interface OpenAiErrorObject {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

/** An OpenAI error response body, also sent as a mid-stream error frame. */
export interface OpenAiErrorBody {
  error: OpenAiErrorObject;
}

/** The `data:` payload of one frame of an OpenAI Chat stream. */
export type ChatStreamData = ChatCompletionChunk | OpenAiErrorBody | "[DONE]";
