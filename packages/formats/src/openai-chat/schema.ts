/**
 * Zod schema of an OpenAI Chat Completions request (https://platform.openai.com/docs/api-reference/chat/create), plus the
 * non-standard fields clients use to talk to Claude through OpenAI-shaped gateways:
 * `cache_control` on parts, messages and tools, `thinking`, and `reasoning_content` /
 * `thinking_blocks` on assistant messages (LiteLLM's carrier for thinking signatures).
 * Objects are loose: fields we do not read pass untouched. Nullable fields accept null, which
 * OpenAI clients send freely.
 */
import { z } from "zod";
import { outputTokenCap } from "../request-params.ts";

const CacheControlSchema = z.looseObject({
  type: z.literal("ephemeral"),
  ttl: z.enum(["5m", "1h"]).optional(),
});
const cacheControl = CacheControlSchema.nullish();

const TextPartSchema = z.looseObject({
  type: z.literal("text"),
  text: z.string(),
  cache_control: cacheControl,
});
const ImageUrlPartSchema = z.looseObject({
  type: z.literal("image_url"),
  image_url: z.looseObject({ url: z.string(), detail: z.string().nullish() }),
  cache_control: cacheControl,
});
const InputAudioPartSchema = z.looseObject({ type: z.literal("input_audio") });
const FilePartSchema = z.looseObject({
  type: z.literal("file"),
  file: z.looseObject({
    file_data: z.string().nullish(),
    file_id: z.string().nullish(),
    filename: z.string().nullish(),
  }),
  cache_control: cacheControl,
});
const RefusalPartSchema = z.looseObject({ type: z.literal("refusal"), refusal: z.string() });

const UserPartSchema = z.discriminatedUnion("type", [
  TextPartSchema,
  ImageUrlPartSchema,
  InputAudioPartSchema,
  FilePartSchema,
]);
export type OpenAiUserPart = z.infer<typeof UserPartSchema>;
export type OpenAiTextPart = z.infer<typeof TextPartSchema>;

const ToolCallSchema = z.looseObject({
  id: z.string(),
  type: z.literal("function"),
  function: z.looseObject({ name: z.string(), arguments: z.string().nullish() }),
});

/** A thinking block carried on an assistant message so its signature survives the round trip. */
export const OpenAiThinkingBlockSchema = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("thinking"), thinking: z.string(), signature: z.string() }),
  z.looseObject({ type: z.literal("redacted_thinking"), data: z.string() }),
]);

const textContent = z.union([z.string(), z.array(TextPartSchema)]);

const SystemMessageSchema = z.looseObject({
  role: z.enum(["system", "developer"]),
  content: textContent,
  cache_control: cacheControl,
});
const UserMessageSchema = z.looseObject({
  role: z.literal("user"),
  content: z.union([z.string(), z.array(UserPartSchema)]),
  cache_control: cacheControl,
});
const AssistantMessageSchema = z.looseObject({
  role: z.literal("assistant"),
  content: z
    .union([z.string(), z.array(z.discriminatedUnion("type", [TextPartSchema, RefusalPartSchema]))])
    .nullish(),
  refusal: z.string().nullish(),
  tool_calls: z.array(ToolCallSchema).nullish(),
  reasoning_content: z.string().nullish(),
  thinking_blocks: z.array(OpenAiThinkingBlockSchema).nullish(),
  cache_control: cacheControl,
});
const ToolMessageSchema = z.looseObject({
  role: z.literal("tool"),
  content: textContent,
  tool_call_id: z.string(),
  cache_control: cacheControl,
});

/** One message of `messages`. The deprecated `function` role is not accepted. */
export const OpenAiChatMessageSchema = z.discriminatedUnion("role", [
  SystemMessageSchema,
  UserMessageSchema,
  AssistantMessageSchema,
  ToolMessageSchema,
]);
export type OpenAiChatMessage = z.infer<typeof OpenAiChatMessageSchema>;

const FunctionToolSchema = z.looseObject({
  type: z.literal("function"),
  function: z.looseObject({
    name: z.string().min(1),
    description: z.string().nullish(),
    parameters: z.record(z.string(), z.unknown()).nullish(),
    strict: z.boolean().nullish(),
  }),
  cache_control: cacheControl,
});
export type OpenAiFunctionTool = z.infer<typeof FunctionToolSchema>;

const ToolChoiceSchema = z.union([
  z.enum(["auto", "none", "required"]),
  z.looseObject({ type: z.literal("function"), function: z.looseObject({ name: z.string() }) }),
]);

const ResponseFormatSchema = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("text") }),
  z.looseObject({ type: z.literal("json_object") }),
  z.looseObject({
    type: z.literal("json_schema"),
    json_schema: z.looseObject({
      name: z.string(),
      description: z.string().nullish(),
      schema: z.record(z.string(), z.unknown()).nullish(),
      strict: z.boolean().nullish(),
    }),
  }),
]);

/** `reasoning_effort` values (SDK `ReasoningEffort`; `max` added 2026-07). */
export const OPENAI_REASONING_EFFORTS = ["none", "minimal", "low", "medium", "high", "xhigh", "max"] as const;

/** Body of `POST /v1/chat/completions` (SDK `ChatCompletionCreateParams`). */
export const OpenAiChatRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(OpenAiChatMessageSchema),
  tools: z.array(FunctionToolSchema).nullish(),
  tool_choice: ToolChoiceSchema.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  max_tokens: outputTokenCap(0).nullish(),
  max_completion_tokens: outputTokenCap(0).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  stop: z.union([z.string(), z.array(z.string())]).nullish(),
  // OpenAI's own bound (API reference, `n`); it multiplies the output a request can cost.
  n: z.int().min(1).max(128).nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  reasoning_effort: z.enum(OPENAI_REASONING_EFFORTS).nullish(),
  response_format: ResponseFormatSchema.nullish(),
  user: z.string().nullish(),
  safety_identifier: z.string().nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  // Non-standard: Anthropic's thinking config, passed by clients that know the target is Claude.
  thinking: z
    .looseObject({
      type: z.enum(["enabled", "adaptive", "disabled"]),
      budget_tokens: z.int().min(0).nullish(),
      display: z.enum(["summarized", "omitted"]).nullish(),
    })
    .nullish(),
});
export type OpenAiChatRequest = z.infer<typeof OpenAiChatRequestSchema>;
