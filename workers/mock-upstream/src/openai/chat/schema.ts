import { z } from "zod";

/**
 * A permissive Chat Completions request (https://platform.openai.com/docs/api-reference/chat/create): only what the mock reads is
 * checked, every object is loose, so other fields (temperature, metadata, store, verbosity,
 * prompt_cache_key, service_tier, …) pass untouched.
 */
const Part = z.looseObject({ type: z.string() });
const Content = z.union([z.string(), z.array(Part)]);

const ToolCall = z.looseObject({
  id: z.string().optional(),
  type: z.string().optional(),
  function: z.looseObject({ name: z.string().optional(), arguments: z.string().optional() }).optional(),
  custom: z.looseObject({ name: z.string().optional(), input: z.string().optional() }).optional(),
});

export const ChatMessage = z.looseObject({
  role: z.string(),
  content: Content.nullish(),
  tool_calls: z.array(ToolCall).nullish(),
  tool_call_id: z.string().optional(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const ChatTool = z.looseObject({
  type: z.string(),
  function: z.looseObject({ name: z.string(), parameters: z.unknown().optional() }).optional(),
  custom: z.looseObject({ name: z.string(), format: z.unknown().optional() }).optional(),
});
export type ChatTool = z.infer<typeof ChatTool>;

const NamedFunction = z.looseObject({ name: z.string() });
export const ChatToolChoice = z.union([
  z.string(),
  z.looseObject({
    type: z.string(),
    function: NamedFunction.optional(),
    custom: NamedFunction.optional(),
    allowed_tools: z
      .looseObject({
        mode: z.string(),
        tools: z.array(z.looseObject({ type: z.string(), function: NamedFunction.optional() })),
      })
      .optional(),
  }),
]);

const MaxTokens = z.number().int().nonnegative().nullish();

export const ChatRequest = z.looseObject({
  model: z.string().min(1),
  messages: z.array(ChatMessage).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  tools: z.array(ChatTool).nullish(),
  tool_choice: ChatToolChoice.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  reasoning_effort: z.string().nullish(),
  max_completion_tokens: MaxTokens,
  max_tokens: MaxTokens,
  response_format: z
    .looseObject({
      type: z.string(),
      json_schema: z.looseObject({ schema: z.unknown().optional() }).optional(),
    })
    .nullish(),
  prompt_cache_key: z.string().nullish(),
  prompt_cache_retention: z.string().nullish(),
  service_tier: z.string().nullish(),
});
export type ChatRequest = z.infer<typeof ChatRequest>;
