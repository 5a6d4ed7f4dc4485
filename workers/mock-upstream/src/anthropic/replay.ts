import aRefusal from "../../../../fixtures/recorded/a-refusal.sse";
import aText from "../../../../fixtures/recorded/a-text.sse";
import aThinkingSummarized from "../../../../fixtures/recorded/a-thinking-summarized.sse";
import aToolNoArgs from "../../../../fixtures/recorded/a-tool-no-args.sse";

/** The recorded Anthropic streams in /fixtures/recorded, by id (see its README). */
export const FIXTURES: Record<string, string> = {
  "a-text": aText,
  "a-tool-no-args": aToolNoArgs,
  "a-thinking-summarized": aThinkingSummarized,
  "a-refusal": aRefusal,
};

/** One SSE event per chunk, split after each "\n\n"; the concatenation is the file byte for byte. */
export function fixtureChunks(text: string): string[] {
  return text.split(/(?<=\n\n)/);
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** For a non-streaming replay: the Message a client would accumulate from the fixture. */
export function foldFixture(text: string): Json {
  let message: Json = {};
  const blocks: Json[] = [];
  const partialJson = new Map<number, string>();
  for (const chunk of fixtureChunks(text)) {
    const data = chunk.split("\n").find((l) => l.startsWith("data: "));
    const event: unknown = data ? JSON.parse(data.slice(6)) : null;
    if (!isObject(event)) continue;
    const index = typeof event.index === "number" ? event.index : -1;
    const delta = isObject(event.delta) ? event.delta : {};
    if (event.type === "message_start" && isObject(event.message)) message = { ...event.message };
    if (event.type === "content_block_start" && isObject(event.content_block)) {
      blocks[index] = { ...event.content_block };
    }
    const block = blocks[index];
    if (event.type === "content_block_delta" && block) {
      if (delta.type === "text_delta") block.text = `${block.text ?? ""}${delta.text}`;
      if (delta.type === "thinking_delta") block.thinking = `${block.thinking ?? ""}${delta.thinking}`;
      if (delta.type === "signature_delta") block.signature = delta.signature;
      if (delta.type === "input_json_delta") {
        partialJson.set(index, `${partialJson.get(index) ?? ""}${delta.partial_json}`);
      }
    }
    if (event.type === "content_block_stop" && block && partialJson.has(index)) {
      block.input = JSON.parse(partialJson.get(index) || "{}") as unknown;
    }
    if (event.type === "message_delta") {
      message = { ...message, ...delta };
      if (isObject(event.usage))
        message.usage = { ...(isObject(message.usage) ? message.usage : {}), ...event.usage };
    }
  }
  return { ...message, content: blocks };
}
