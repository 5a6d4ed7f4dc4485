import { partsText, type Segment, segment } from "../segments.ts";
import { inputItems, isMessage } from "./conversation.ts";
import type { InputItem, ResponsesRequest } from "./schema.ts";

/** The counted text of one input item (see responsesSegments). */
function itemText(item: InputItem): string {
  switch (item.type) {
    case "function_call":
      return item.arguments ?? "";
    case "custom_tool_call":
      return item.input ?? "";
    case "function_call_output":
    case "custom_tool_call_output":
      return partsText(item.output);
    case "additional_tools": // Codex's default models send tool definitions as an input item
      return JSON.stringify(item.tools ?? []);
    default:
      return "";
  }
}

/**
 * Responses input tokens = Σ estimateTokens over, in order:
 *   1. each tool definition: JSON.stringify(tool), as sent (function, custom, namespace, web_search…);
 *   2. `instructions`;
 *   3. each input item (a string `input` is one user message): message → its content (a string,
 *      or each part: input_text / output_text → text, refusal → refusal, input_image / input_file
 *      → 0); function_call → `arguments`; custom_tool_call → `input`; function_call_output and
 *      custom_tool_call_output → `output` (a string, or its text parts joined with "\n");
 *      additional_tools → JSON.stringify(tools);
 *      reasoning (summary, encrypted_content) and every other item type → 0.
 */
export function responsesSegments(req: ResponsesRequest): Segment[] {
  const out: Segment[] = [];
  for (const tool of req.tools ?? []) out.push(segment("tool", tool, JSON.stringify(tool)));
  if (req.instructions) out.push(segment("instructions", req.instructions, req.instructions));
  for (const item of inputItems(req)) {
    if (!isMessage(item)) {
      out.push(segment("item", item, itemText(item)));
      continue;
    }
    const role = item.role ?? "user";
    const content = item.content;
    if (typeof content === "string") out.push(segment(role, content, content));
    for (const part of Array.isArray(content) ? content : [])
      out.push(segment(role, part, partsText([part])));
  }
  return out;
}
