import { z } from "zod";

/**
 * A permissive Responses request (https://platform.openai.com/docs/api-reference/responses/create, and what Codex sends): only what the mock reads is
 * checked and every object is loose, so Codex's fields (store:false, include, reasoning,
 * prompt_cache_key, client_metadata, text.verbosity, service_tier…), unknown input item types
 * (additional_tools, local_shell_call…) and tool types (namespace, tool_search, web_search…)
 * all pass.
 */
const Part = z.looseObject({ type: z.string() });
const Content = z.union([z.string(), z.array(Part)]);

export const InputItem = z.looseObject({
  type: z.string().optional(),
  role: z.string().optional(),
  content: Content.nullish(),
  call_id: z.string().optional(),
  name: z.string().optional(),
  arguments: z.string().optional(),
  input: z.string().optional(),
  output: Content.optional(),
});
export type InputItem = z.infer<typeof InputItem>;

export const ResponsesTool = z.looseObject({
  type: z.string(),
  name: z.string().optional(),
  parameters: z.unknown().optional(),
  format: z.unknown().optional(),
});
export type ResponsesTool = z.infer<typeof ResponsesTool>;

export const ResponsesToolChoice = z.union([
  z.string(),
  z.looseObject({
    type: z.string(),
    name: z.string().optional(),
    mode: z.string().optional(),
    tools: z.array(z.looseObject({ type: z.string(), name: z.string().optional() })).optional(),
  }),
]);
export type ResponsesToolChoice = z.infer<typeof ResponsesToolChoice>;

export const ResponsesRequest = z.looseObject({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(InputItem)]).optional(),
  instructions: z.string().nullish(),
  tools: z.array(ResponsesTool).nullish(),
  tool_choice: ResponsesToolChoice.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  reasoning: z.looseObject({ effort: z.string().nullish(), summary: z.string().nullish() }).nullish(),
  include: z.array(z.string()).nullish(),
  max_output_tokens: z.number().int().nullish(),
  stream: z.boolean().nullish(),
  store: z.boolean().nullish(),
  text: z
    .looseObject({
      format: z.looseObject({ type: z.string(), schema: z.unknown().optional() }).nullish(),
      verbosity: z.string().nullish(),
    })
    .nullish(),
  previous_response_id: z.string().nullish(),
  prompt_cache_key: z.string().nullish(),
  prompt_cache_retention: z.string().nullish(),
  service_tier: z.string().nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});
export type ResponsesRequest = z.infer<typeof ResponsesRequest>;
