import { estimateTokens } from "@cc/formats";
import type { Segment } from "../anthropic/count.ts";

export { totalTokens } from "../anthropic/count.ts";
export type { Segment };

/**
 * One piece of an OpenAI prompt: `text` is what counts (estimateTokens), `item` is what it
 * came from, so that the prefix identity used by the prompt-cache simulation also covers
 * parts that count 0 (images, reasoning items…).
 */
export function segment(where: string, item: unknown, text: string): Segment {
  return { tokens: estimateTokens(text), key: JSON.stringify([where, item]) };
}

/** The text of a content list: its `text` parts (input_text, output_text, text) and refusals, joined with "\n". */
export function partsText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  const texts: string[] = [];
  for (const part of content) {
    if (typeof part !== "object" || part === null) continue;
    if ("text" in part && typeof part.text === "string") texts.push(part.text);
    else if ("refusal" in part && typeof part.refusal === "string") texts.push(part.refusal);
  }
  return texts.join("\n");
}
