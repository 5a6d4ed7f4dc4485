import { z } from "zod";

/**
 * Permissive request schemas: only what the mock reads is checked, and every object is
 * loose, so unknown fields (thinking.display, context_management, output_config, metadata,
 * defer_loading, `role: "system"` messages, new block types…) pass untouched.
 */
export const CacheControl = z.looseObject({ type: z.string(), ttl: z.string().optional() });

export const Block = z.looseObject({ type: z.string(), cache_control: CacheControl.nullish() });
export type Block = z.infer<typeof Block>;

const Message = z.looseObject({ role: z.string(), content: z.union([z.string(), z.array(Block)]) });
export type Message = z.infer<typeof Message>;

export const Tool = z.looseObject({
  name: z.string().optional(),
  input_schema: z.unknown().optional(),
  cache_control: CacheControl.nullish(),
});
export type Tool = z.infer<typeof Tool>;

export const CountTokensRequest = z.looseObject({
  model: z.string().min(1),
  messages: z.array(Message),
  system: z.union([z.string(), z.array(Block)]).optional(),
  tools: z.array(Tool).optional(),
  tool_choice: z.looseObject({ type: z.string(), name: z.string().optional() }).optional(),
  thinking: z.looseObject({ type: z.string() }).optional(),
  cache_control: CacheControl.nullish(),
});
export type CountTokensRequest = z.infer<typeof CountTokensRequest>;

export const MessagesRequest = CountTokensRequest.extend({
  max_tokens: z.number().int().nonnegative(),
  stream: z.boolean().optional(),
});
export type MessagesRequest = z.infer<typeof MessagesRequest>;

/** Anthropic-style message for the first issue, e.g. "max_tokens: Field required". */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid request";
  const where = issue.path.join(".") || "body";
  const missing = issue.code === "invalid_type" && /received undefined/.test(issue.message);
  return `${where}: ${missing ? "Field required" : issue.message}`;
}
