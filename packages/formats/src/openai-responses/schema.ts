/**
 * Zod schema of an OpenAI Responses request (https://platform.openai.com/docs/api-reference/responses/create, and what Codex sends:
 * https://github.com/openai/codex/blob/main/codex-rs/codex-api/src/common.rs).
 * Objects are loose: fields we do not read pass untouched, so `client_metadata`, `include`,
 * `text.verbosity` and the next field OpenAI adds are accepted (a proxy that rejects
 * them breaks Codex). Items and tools of a type we do not model are kept as `{type: "other"}`
 * rather than rejected; those we model are checked strictly.
 */
import { z } from "zod";
import { OPENAI_REASONING_EFFORTS } from "../openai-chat/schema.ts";
import { outputTokenCap } from "../request-params.ts";

/** An item of a type the gateway does not model: what it was, and the item as sent. */
export interface OtherItem {
  type: "other";
  rawType: string;
  raw: Record<string, unknown>;
}

/**
 * An object discriminated on `type`, checked by the schema of its type; a type not in `schemas`
 * becomes an {@link OtherItem}. `defaultType` stands in for a missing `type` (a Responses
 * message may omit it). Issues keep their path, so a 400 names the field at fault.
 */
export function byType<const S extends Record<string, z.ZodType>>(schemas: S, defaultType?: string) {
  return z.looseObject({ type: z.string().optional() }).transform((value, ctx) => {
    const type = value.type ?? defaultType ?? "";
    if (!Object.hasOwn(schemas, type)) return { type: "other", rawType: type, raw: value } as OtherItem;
    const parsed = (schemas[type] as z.ZodType).safeParse({ ...value, type });
    if (parsed.success) return parsed.data as z.output<S[keyof S]>;
    // Kept whole (a union's branches too), so the 400 can name the deepest field at fault.
    for (const issue of parsed.error.issues)
      ctx.issues.push({ ...issue, input: value } as z.core.$ZodRawIssue);
    return z.NEVER;
  });
}

const InputTextSchema = z.looseObject({ type: z.literal("input_text"), text: z.string() });
const InputImageSchema = z.looseObject({
  type: z.literal("input_image"),
  image_url: z.string().nullish(),
  file_id: z.string().nullish(),
  detail: z.string().nullish(),
});
const InputFileSchema = z.looseObject({
  type: z.literal("input_file"),
  file_data: z.string().nullish(),
  file_url: z.string().nullish(),
  file_id: z.string().nullish(),
  filename: z.string().nullish(),
});
const OutputTextSchema = z.looseObject({ type: z.literal("output_text"), text: z.string() });
const RefusalSchema = z.looseObject({ type: z.literal("refusal"), refusal: z.string() });

const MessagePartSchema = z.discriminatedUnion("type", [
  InputTextSchema,
  InputImageSchema,
  InputFileSchema,
  OutputTextSchema,
  RefusalSchema,
]);
export type ResponsesMessagePart = z.infer<typeof MessagePartSchema>;

const ToolOutputPartSchema = z.discriminatedUnion("type", [
  InputTextSchema,
  InputImageSchema,
  InputFileSchema,
]);
export type ResponsesToolOutputPart = z.infer<typeof ToolOutputPartSchema>;
const toolOutput = z.union([z.string(), z.array(ToolOutputPartSchema)]);

const INPUT_ITEMS = {
  message: z.looseObject({
    type: z.literal("message"),
    role: z.enum(["user", "assistant", "system", "developer"]),
    content: z.union([z.string(), z.array(MessagePartSchema)]),
  }),
  function_call: z.looseObject({
    type: z.literal("function_call"),
    call_id: z.string().min(1),
    name: z.string().min(1),
    arguments: z.string(),
  }),
  function_call_output: z.looseObject({
    type: z.literal("function_call_output"),
    call_id: z.string().min(1),
    output: toolOutput,
  }),
  custom_tool_call: z.looseObject({
    type: z.literal("custom_tool_call"),
    call_id: z.string().min(1),
    name: z.string().min(1),
    input: z.string(),
  }),
  custom_tool_call_output: z.looseObject({
    type: z.literal("custom_tool_call_output"),
    call_id: z.string().min(1),
    output: toolOutput,
  }),
  reasoning: z.looseObject({
    type: z.literal("reasoning"),
    id: z.string().nullish(),
    summary: z.array(z.looseObject({ text: z.string() })).nullish(),
    encrypted_content: z.string().nullish(),
  }),
};

/** One item of `input`; a message may omit `type`. */
export const ResponsesInputItemSchema = byType(INPUT_ITEMS, "message");
export type ResponsesInputItem = z.infer<typeof ResponsesInputItemSchema>;

const TOOLS = {
  function: z.looseObject({
    type: z.literal("function"),
    name: z.string().min(1),
    description: z.string().nullish(),
    parameters: z.record(z.string(), z.unknown()).nullish(),
    strict: z.boolean().nullish(),
  }),
  custom: z.looseObject({
    type: z.literal("custom"),
    name: z.string().min(1),
    description: z.string().nullish(),
    format: z.looseObject({ type: z.string() }).nullish(),
  }),
};

/** One tool; hosted and other tool types (web_search, local_shell, namespace…) are `other`. */
export const ResponsesToolSchema = byType(TOOLS);
export type ResponsesTool = z.infer<typeof ResponsesToolSchema>;

const ToolChoiceSchema = z.union([
  z.enum(["none", "auto", "required"]),
  z.looseObject({ type: z.string(), name: z.string().optional() }),
]);

const TextFormatSchema = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("text") }),
  z.looseObject({ type: z.literal("json_object") }),
  z.looseObject({
    type: z.literal("json_schema"),
    name: z.string().nullish(),
    schema: z.record(z.string(), z.unknown()),
    strict: z.boolean().nullish(),
    description: z.string().nullish(),
  }),
]);

/** Body of `POST /v1/responses` (SDK `ResponseCreateParams`). */
export const OpenAiResponsesRequestSchema = z.looseObject({
  model: z.string().min(1),
  instructions: z.union([z.string(), z.array(z.looseObject({ text: z.string() }))]).nullish(),
  input: z.union([z.string(), z.array(ResponsesInputItemSchema)]).nullish(),
  tools: z.array(ResponsesToolSchema).nullish(),
  tool_choice: ToolChoiceSchema.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  max_output_tokens: outputTokenCap(1).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  // Codex sends `reasoning: null` when unset.
  reasoning: z
    .looseObject({ effort: z.enum(OPENAI_REASONING_EFFORTS).nullish(), summary: z.string().nullish() })
    .nullish(),
  stream: z.boolean().nullish(),
  store: z.boolean().nullish(),
  include: z.array(z.string()).nullish(),
  prompt_cache_key: z.string().nullish(),
  client_metadata: z.record(z.string(), z.unknown()).nullish(),
  text: z.looseObject({ format: TextFormatSchema.nullish(), verbosity: z.string().nullish() }).nullish(),
  previous_response_id: z.string().nullish(),
  conversation: z.unknown().optional(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  user: z.string().nullish(),
  safety_identifier: z.string().nullish(),
});
export type OpenAiResponsesRequest = z.infer<typeof OpenAiResponsesRequestSchema>;

// ── what a GPT upstream answers: the Response object and the stream events the decoder reads.
// Loose objects, checked only where we read; output items and events of other types are
// `other` and skipped.

const OUTPUT_ITEMS = {
  message: z.looseObject({
    type: z.literal("message"),
    id: z.string(),
    content: z.array(
      z.looseObject({ type: z.string(), text: z.string().optional(), refusal: z.string().optional() }),
    ),
  }),
  reasoning: z.looseObject({
    type: z.literal("reasoning"),
    id: z.string(),
    summary: z.array(z.looseObject({ text: z.string() })).nullish(),
    encrypted_content: z.string().nullish(),
  }),
  function_call: z.looseObject({
    type: z.literal("function_call"),
    call_id: z.string(),
    name: z.string(),
    arguments: z.string().nullish(),
  }),
  custom_tool_call: z.looseObject({
    type: z.literal("custom_tool_call"),
    call_id: z.string(),
    name: z.string(),
    input: z.string().nullish(),
  }),
};

/** One item of a Response's `output`. */
export const ResponsesOutputItemSchema = byType(OUTPUT_ITEMS);
export type ResponsesOutputItemRead = z.infer<typeof ResponsesOutputItemSchema>;

/** The `error` of a failed response, or of a top-level `error` event. */
const ErrorSchema = z.looseObject({ code: z.string().nullish(), message: z.string().nullish() });

/** A Response object (SDK `Response`); also the snapshot in lifecycle events. */
export const ResponsesResponseSchema = z.looseObject({
  id: z.string(),
  model: z.string().nullish(),
  status: z.string().nullish(),
  output: z.array(ResponsesOutputItemSchema).nullish(),
  usage: z.unknown().optional(),
  error: ErrorSchema.nullish(),
  incomplete_details: z.looseObject({ reason: z.string().nullish() }).nullish(),
  service_tier: z.string().nullish(),
  store: z.boolean().nullish(),
});
export type ResponsesResponseRead = z.infer<typeof ResponsesResponseSchema>;

const lifecycle = <T extends string>(type: T) =>
  z.looseObject({ type: z.literal(type), response: ResponsesResponseSchema });
const index = z.int().min(0);
const delta = <T extends string>(type: T) =>
  z.looseObject({ type: z.literal(type), output_index: index, delta: z.string() });
const partDelta = <T extends string>(type: T) =>
  z.looseObject({ type: z.literal(type), output_index: index, content_index: index, delta: z.string() });

const STREAM_EVENTS = {
  "response.created": lifecycle("response.created"),
  "response.completed": lifecycle("response.completed"),
  "response.incomplete": lifecycle("response.incomplete"),
  "response.failed": lifecycle("response.failed"),
  "response.output_item.added": z.looseObject({
    type: z.literal("response.output_item.added"),
    output_index: index,
    item: ResponsesOutputItemSchema,
  }),
  "response.output_item.done": z.looseObject({
    type: z.literal("response.output_item.done"),
    output_index: index,
    item: ResponsesOutputItemSchema,
  }),
  "response.content_part.added": z.looseObject({
    type: z.literal("response.content_part.added"),
    output_index: index,
    content_index: index,
    part: z.looseObject({ type: z.string(), text: z.string().optional() }),
  }),
  "response.content_part.done": z.looseObject({
    type: z.literal("response.content_part.done"),
    output_index: index,
    content_index: index,
  }),
  "response.output_text.delta": partDelta("response.output_text.delta"),
  "response.refusal.delta": partDelta("response.refusal.delta"),
  "response.function_call_arguments.delta": delta("response.function_call_arguments.delta"),
  "response.custom_tool_call_input.delta": delta("response.custom_tool_call_input.delta"),
  "response.reasoning_summary_part.added": z.looseObject({
    type: z.literal("response.reasoning_summary_part.added"),
    output_index: index,
    summary_index: index,
  }),
  "response.reasoning_summary_text.delta": z.looseObject({
    type: z.literal("response.reasoning_summary_text.delta"),
    output_index: index,
    delta: z.string(),
  }),
  // OpenAI nests the error in newer streams and sends it flat in older ones.
  error: z.looseObject({
    type: z.literal("error"),
    code: z.string().nullish(),
    message: z.string().nullish(),
    error: ErrorSchema.nullish(),
  }),
};

/** A stream event the decoder reads; any other type (done events, hosted tools…) is `other`. */
export const ResponsesStreamEventSchema = byType(STREAM_EVENTS);
export type ResponsesStreamEventRead = z.infer<typeof ResponsesStreamEventSchema>;
