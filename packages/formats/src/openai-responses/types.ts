/**
 * What the gateway sends in the OpenAI Responses format (https://platform.openai.com/docs/api-reference/responses/object), as TypeScript
 * types with the SDK's field names: answers and stream events to Responses clients
 * (`Response`, `ResponseOutputItem`, `ResponseStreamEvent`), and request bodies to a GPT
 * upstream (`ResponseCreateParams`). Only the fields we fill are listed; clients such as Codex
 * read fewer still (https://github.com/openai/codex/blob/main/codex-rs/codex-api/src/sse/responses.rs).
 */
import type { EffortValue } from "../ir/request.ts";

/** An `output_text` content part. */
export interface ResponsesOutputText {
  type: "output_text";
  text: string;
  annotations: [];
  logprobs: [];
}

/** A `refusal` content part. */
export interface ResponsesRefusal {
  type: "refusal";
  refusal: string;
}

/** An assistant message item. */
export interface ResponsesMessageItem {
  type: "message";
  id: string;
  role: "assistant";
  status: "in_progress" | "completed" | "incomplete";
  content: (ResponsesOutputText | ResponsesRefusal)[];
}

/** A reasoning item; `encrypted_content` carries Claude's thinking back (reasoning-token.ts). */
export interface ResponsesReasoningItem {
  type: "reasoning";
  id: string;
  summary: { type: "summary_text"; text: string }[];
  encrypted_content?: string;
}

/** A function tool call; `arguments` is a JSON string. */
export interface ResponsesFunctionCallItem {
  type: "function_call";
  id: string;
  call_id: string;
  name: string;
  arguments: string;
  status: "in_progress" | "completed" | "incomplete";
}

/** A call of a free-text (custom) tool such as Codex's apply_patch; `input` is the raw text. */
export interface ResponsesCustomToolCallItem {
  type: "custom_tool_call";
  id: string;
  call_id: string;
  name: string;
  input: string;
}

/** Any output item the gateway emits. */
export type ResponsesOutputItem =
  | ResponsesMessageItem
  | ResponsesReasoningItem
  | ResponsesFunctionCallItem
  | ResponsesCustomToolCallItem;

/** SDK `ResponseUsage`. `input_tokens` include cached tokens, as OpenAI counts them. */
export interface ResponsesUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number; cache_write_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

/** SDK `ResponseError`, the `error` of a failed response. */
export interface ResponsesError {
  code: string;
  message: string;
}

/** A Response object, complete or as a stream snapshot. */
export interface ResponsesResponse {
  id: string;
  object: "response";
  created_at: number;
  status: "in_progress" | "completed" | "incomplete" | "failed";
  model: string;
  output: ResponsesOutputItem[];
  error: ResponsesError | null;
  incomplete_details: { reason: "max_output_tokens" | "content_filter" } | null;
  usage: ResponsesUsage | null;
}

type ItemRef = { item_id: string; output_index: number };
type PartRef = ItemRef & { content_index: number };
type SummaryRef = ItemRef & { summary_index: number };
type SummaryPart = { type: "summary_text"; text: string };

/** One event of a Responses stream, without its `sequence_number` (the encoder numbers them). */
export type ResponsesStreamEventBody =
  | { type: "response.created" | "response.in_progress"; response: ResponsesResponse }
  | { type: "response.completed" | "response.incomplete" | "response.failed"; response: ResponsesResponse }
  | {
      type: "response.output_item.added" | "response.output_item.done";
      output_index: number;
      item: ResponsesOutputItem;
    }
  | ({ type: "response.content_part.added" | "response.content_part.done" } & PartRef & {
        part: ResponsesOutputText | ResponsesRefusal;
      })
  | ({ type: "response.output_text.delta" } & PartRef & { delta: string; logprobs: [] })
  | ({ type: "response.output_text.done" } & PartRef & { text: string; logprobs: [] })
  | ({ type: "response.refusal.delta" } & PartRef & { delta: string })
  | ({ type: "response.refusal.done" } & PartRef & { refusal: string })
  | ({
      type: "response.reasoning_summary_part.added" | "response.reasoning_summary_part.done";
    } & SummaryRef & {
        part: SummaryPart;
      })
  | ({ type: "response.reasoning_summary_text.delta" } & SummaryRef & { delta: string })
  | ({ type: "response.reasoning_summary_text.done" } & SummaryRef & { text: string })
  | ({ type: "response.function_call_arguments.delta" } & ItemRef & { delta: string })
  | ({ type: "response.function_call_arguments.done" } & ItemRef & { name: string; arguments: string })
  | ({ type: "response.custom_tool_call_input.delta" } & ItemRef & { delta: string })
  | ({ type: "response.custom_tool_call_input.done" } & ItemRef & { input: string });

/** One event of a Responses stream as sent: `sequence_number` counts from 0. */
export type ResponsesStreamEvent = ResponsesStreamEventBody & { sequence_number: number };

/** A content part of a user message or tool output, as the gateway sends it. */
export type ResponsesInputPartParam =
  | { type: "input_text"; text: string }
  | { type: "input_image"; image_url: string; detail: "auto" }
  | { type: "input_file"; file_data: string; filename: string }
  | { type: "input_file"; file_url: string };

/** An item of `input` as the gateway sends it. */
export type ResponsesInputItemParam =
  | { type: "message"; role: "user"; content: ResponsesInputPartParam[] }
  | { type: "message"; role: "assistant"; content: string }
  | { type: "function_call"; call_id: string; name: string; arguments: string }
  | { type: "custom_tool_call"; call_id: string; name: string; input: string }
  | {
      type: "function_call_output" | "custom_tool_call_output";
      call_id: string;
      output: string | ResponsesInputPartParam[];
    }
  | {
      type: "reasoning";
      id: string;
      summary: { type: "summary_text"; text: string }[];
      encrypted_content: string;
    };

/** A tool as the gateway sends it. */
export type ResponsesToolParam =
  | {
      type: "function";
      name: string;
      description?: string;
      parameters: Record<string, unknown>;
      strict: boolean;
    }
  | { type: "custom"; name: string; description?: string; format?: Record<string, unknown> };

/** The body the gateway sends to `POST /v1/responses`. */
export interface ResponsesRequestBody {
  model: string;
  instructions?: string;
  input: ResponsesInputItemParam[];
  tools?: ResponsesToolParam[];
  tool_choice?: "auto" | "none" | "required" | { type: "function" | "custom"; name: string };
  parallel_tool_calls?: boolean;
  max_output_tokens: number;
  reasoning?: { effort?: EffortValue; summary?: "auto" };
  text?: { format: { type: "json_schema"; name: string; schema: Record<string, unknown>; strict?: boolean } };
  /** The gateway keeps no state, so OpenAI must not either; reasoning comes back encrypted instead. */
  store: false;
  include: ["reasoning.encrypted_content"];
  stream: boolean;
}
