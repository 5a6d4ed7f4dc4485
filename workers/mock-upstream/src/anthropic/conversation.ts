import type { Block, Message } from "./schema.ts";

/** Blocks of a message; a string content is one text block. */
export function blocksOf(message: Message): Block[] {
  return typeof message.content === "string" ? [{ type: "text", text: message.content }] : message.content;
}

export function textOf(block: Block): string {
  return block.type === "text" && typeof block.text === "string" ? block.text : "";
}

/** The text of a tool_result: its string content, or its text blocks joined with "\n". */
export function toolResultText(block: Block): string {
  const content = block.content;
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  const texts: string[] = [];
  for (const part of content) {
    if (typeof part === "object" && part !== null && "text" in part && typeof part.text === "string") {
      texts.push(part.text);
    }
  }
  return texts.join("\n");
}

function lastUser(messages: Message[]): Message | undefined {
  return messages.findLast((m) => m.role === "user");
}

/** Text blocks of the last user message, joined with "\n" (where directives are looked for). */
export function lastUserText(messages: Message[]): string {
  const m = lastUser(messages);
  return m
    ? blocksOf(m)
        .map(textOf)
        .filter((t) => t !== "")
        .join("\n")
    : "";
}

/** Texts of the tool_result blocks of the last user message (empty when there are none). */
export function lastUserToolResults(messages: Message[]): string[] {
  const m = lastUser(messages);
  return m
    ? blocksOf(m)
        .filter((b) => b.type === "tool_result")
        .map(toolResultText)
    : [];
}
