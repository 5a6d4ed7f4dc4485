import { partsText, type Segment, segment } from "../segments.ts";
import type { ChatRequest } from "./schema.ts";

/**
 * Chat input tokens = Σ estimateTokens over, in order:
 *   1. each tool definition: JSON.stringify(tool), as sent;
 *   2. each message (any role): its content (a string, or each part: text → text, refusal →
 *      refusal, image_url / input_audio / file → 0), then for an assistant each tool call's
 *      function.arguments (custom.input for custom calls).
 * Roles, names, tool_call_ids, response_format and other fields are not counted.
 */
export function chatSegments(req: ChatRequest): Segment[] {
  const out: Segment[] = [];
  for (const tool of req.tools ?? []) out.push(segment("tool", tool, JSON.stringify(tool)));
  for (const m of req.messages) {
    const content = m.content;
    if (typeof content === "string") out.push(segment(m.role, content, content));
    for (const part of Array.isArray(content) ? content : [])
      out.push(segment(m.role, part, partsText([part])));
    for (const call of m.tool_calls ?? []) {
      out.push(segment("tool_call", call, call.function?.arguments ?? call.custom?.input ?? ""));
    }
  }
  return out;
}
