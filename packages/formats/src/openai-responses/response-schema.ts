/**
 * Zod schemas of what an OpenAI Responses upstream sends (wire-formats.md §3.2–3.4): the
 * Response object and the stream events the decoder reads. Loose objects, checked only where
 * we read; output items and events of other types are `other` and skipped.
 */
import { z } from "zod";
import { byType } from "./schema.ts";

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
