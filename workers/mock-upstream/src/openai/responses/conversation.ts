import type { TextFormat, ToolChoice } from "../answer.ts";
import { partsText } from "../segments.ts";
import type { CallableTool } from "../tool-calls.ts";
import type { InputItem, ResponsesRequest } from "./schema.ts";

/** What the answer depends on, read from a Responses request. */
export interface ResponsesConversation {
  userText: string;
  toolResults: string[];
  tools: CallableTool[];
  choice: ToolChoice;
  format: TextFormat;
}

const OUTPUT_TYPES = new Set(["function_call_output", "custom_tool_call_output"]);

/** `input` as items: a string is one user message; an item without type is a message. */
export function inputItems(req: ResponsesRequest): InputItem[] {
  if (typeof req.input === "string") return [{ type: "message", role: "user", content: req.input }];
  return req.input ?? [];
}

export const isMessage = (item: InputItem): boolean => (item.type ?? "message") === "message";

/** Function and custom tools can be called; namespace, web_search, tool_search… are accepted only. */
function callableTools(req: ResponsesRequest): CallableTool[] {
  return (req.tools ?? []).flatMap((t): CallableTool[] => {
    if (t.name === undefined) return [];
    if (t.type === "function") return [{ kind: "function", name: t.name, parameters: t.parameters }];
    if (t.type === "custom") return [{ kind: "custom", name: t.name, format: t.format }];
    return [];
  });
}

/** tool_choice: none | auto | required | {type:"function"|"custom", name} | allowed_tools. */
function resolveChoice(
  req: ResponsesRequest,
  tools: CallableTool[],
): { choice: ToolChoice; tools: CallableTool[] } {
  const c = req.tool_choice;
  if (c === "none" || c === "required") return { choice: { mode: c }, tools };
  if (c === undefined || c === null || typeof c === "string") return { choice: { mode: "auto" }, tools };
  if ((c.type === "function" || c.type === "custom") && c.name !== undefined) {
    return { choice: { mode: "required", name: c.name }, tools };
  }
  if (c.type === "allowed_tools") {
    const allowed = new Set((c.tools ?? []).flatMap((t) => (t.name === undefined ? [] : [t.name])));
    return {
      choice: { mode: c.mode === "required" ? "required" : "auto" },
      tools: tools.filter((t) => allowed.has(t.name)),
    };
  }
  return { choice: { mode: "auto" }, tools };
}

function formatOf(req: ResponsesRequest): TextFormat {
  const f = req.text?.format;
  if (f?.type === "json_schema") return { type: "json_schema", schema: f.schema };
  if (f?.type === "json_object") return { type: "json_object" };
  return { type: "text" };
}

/**
 * The last `user` message's text (a string, or its input_text parts joined with "\n"), and the
 * outputs of the function_call_output / custom_tool_call_output items after it.
 */
export function responsesConversation(req: ResponsesRequest): ResponsesConversation {
  const items = inputItems(req);
  const last = items.findLastIndex((i) => isMessage(i) && i.role === "user");
  const userText = last >= 0 ? partsText(items[last]?.content) : "";
  const toolResults = items
    .slice(last + 1)
    .filter((i) => OUTPUT_TYPES.has(i.type ?? ""))
    .map((i) => partsText(i.output));
  const { choice, tools } = resolveChoice(req, callableTools(req));
  return { userText, toolResults, tools, choice, format: formatOf(req) };
}
