import type { Answer } from "../answer.ts";
import type { OutputItem } from "./items.ts";
import type { ResponsesRequest } from "./schema.ts";

/** Usage: input_tokens includes the cached ones; output_tokens includes reasoning. */
export function responsesUsage(inputTokens: number, cachedTokens: number, a: Answer) {
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cache_write_tokens: 0, cached_tokens: cachedTokens },
    output_tokens: a.outputTokens,
    output_tokens_details: { reasoning_tokens: a.reasoningTokens },
    total_tokens: inputTokens + a.outputTokens,
  };
}
export type ResponsesUsage = ReturnType<typeof responsesUsage>;

export type ResponseStatus = "in_progress" | "completed" | "incomplete" | "failed";

export interface ResponseState {
  id: string;
  createdAt: number;
  status: ResponseStatus;
  output: OutputItem[];
  usage: ResponsesUsage | null;
  error?: { code: string; message: string };
  /** The tier that served it (the `extras` scenario's `tier=`), else the requested one. */
  tier?: string;
}

/**
 * The Response object (https://platform.openai.com/docs/api-reference/responses/object), with the recorded fixture's field set and order; request
 * parameters are echoed back. `service_tier` is the requested one while in progress and the
 * tier that served it ("default") at the end, as in the recording.
 */
export function responseObject(req: ResponsesRequest, s: ResponseState) {
  const done = s.status !== "in_progress";
  const tier = s.tier ?? req.service_tier ?? "auto";
  return {
    id: s.id,
    object: "response",
    created_at: s.createdAt,
    status: s.status,
    background: false,
    completed_at: s.status === "completed" ? s.createdAt : null,
    error: s.error ?? null,
    frequency_penalty: 0,
    incomplete_details: s.status === "incomplete" ? { reason: "max_output_tokens" } : null,
    instructions: req.instructions ?? null,
    max_output_tokens: req.max_output_tokens ?? null,
    max_tool_calls: null,
    model: req.model,
    moderation: null,
    output: s.output,
    parallel_tool_calls: req.parallel_tool_calls ?? true,
    presence_penalty: 0,
    previous_response_id: null,
    prompt_cache_key: req.prompt_cache_key ?? null,
    prompt_cache_retention: req.prompt_cache_retention ?? "in_memory",
    reasoning: {
      context: null,
      effort: req.reasoning?.effort ?? null,
      summary: req.reasoning?.summary ?? null,
    },
    safety_identifier: null,
    service_tier: done && tier === "auto" ? "default" : tier,
    store: req.store ?? true,
    temperature: req.temperature ?? 1,
    text: { format: req.text?.format ?? { type: "text" }, verbosity: req.text?.verbosity ?? "medium" },
    tool_choice: req.tool_choice ?? "auto",
    tools: req.tools ?? [],
    top_logprobs: 0,
    top_p: req.top_p ?? 1,
    truncation: "disabled",
    usage: s.usage,
    user: null,
    metadata: req.metadata ?? {},
  };
}
export type ResponseObject = ReturnType<typeof responseObject>;
