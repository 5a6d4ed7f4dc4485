/**
 * Stored responses, as OpenAI keeps them when `store` is not false: a later request may continue
 * one with `previous_response_id`, and then reads its whole context again
 * (https://platform.openai.com/docs/guides/conversation-state). In the isolate's memory, like
 * the other mock state.
 */
const stored = new Map<string, { tokens: number }>();

/** Remembers a stored response and the context it carries (its input and output tokens). */
export function storeResponse(id: string, tokens: number): void {
  stored.set(id, { tokens });
}

/** The context tokens of a stored response, or undefined when there is none by that id. */
export function storedContext(id: string): number | undefined {
  return stored.get(id)?.tokens;
}
