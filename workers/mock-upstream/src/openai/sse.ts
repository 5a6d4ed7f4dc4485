import { splitWords } from "../anthropic/stream.ts";

export { frame as eventFrame, type SseEvent } from "../anthropic/stream.ts";

/** Chat Completions framing: data-only SSE (https://platform.openai.com/docs/api-reference/chat-streaming). */
export function dataFrame(json: unknown): string {
  return `data: ${JSON.stringify(json)}\n\n`;
}

export const DONE_FRAME = "data: [DONE]\n\n";

/** Text deltas: split on words into 3–6 pieces (as the Anthropic stream does). */
export const textPieces = splitWords;

/** Tool arguments / custom input in 3 non-empty slices (fewer for a shorter string). */
export function argumentPieces(text: string): string[] {
  const size = Math.max(1, Math.ceil(text.length / 3));
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces;
}
