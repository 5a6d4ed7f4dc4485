import type { TextFormat, ToolChoice } from "../answer.ts";
import { partsText } from "../segments.ts";
import type { CallableTool } from "../tool-calls.ts";
import type { ChatRequest } from "./schema.ts";

/** What the answer depends on, read from a Chat Completions request. */
export interface ChatConversation {
  userText: string;
  toolResults: string[];
  tools: CallableTool[];
  choice: ToolChoice;
  format: TextFormat;
}

/** Function tools only: Chat has no streaming form for custom tool calls. */
function functionTools(req: ChatRequest): CallableTool[] {
  return (req.tools ?? []).flatMap((t) =>
    t.type === "function" && t.function
      ? [{ kind: "function" as const, name: t.function.name, parameters: t.function.parameters }]
      : [],
  );
}

/** tool_choice: none | auto | required | {type:"function", function:{name}} | allowed_tools. */
function resolveChoice(
  req: ChatRequest,
  tools: CallableTool[],
): { choice: ToolChoice; tools: CallableTool[] } {
  const c = req.tool_choice;
  if (c === undefined || c === null || c === "auto") return { choice: { mode: "auto" }, tools };
  if (c === "none" || c === "required") return { choice: { mode: c }, tools };
  if (typeof c === "string") return { choice: { mode: "auto" }, tools };
  if (c.type === "function" && c.function)
    return { choice: { mode: "required", name: c.function.name }, tools };
  if (c.type === "allowed_tools" && c.allowed_tools) {
    const allowed = new Set(c.allowed_tools.tools.flatMap((t) => (t.function ? [t.function.name] : [])));
    return {
      choice: { mode: c.allowed_tools.mode === "required" ? "required" : "auto" },
      tools: tools.filter((t) => allowed.has(t.name)),
    };
  }
  return { choice: { mode: "auto" }, tools };
}

function formatOf(req: ChatRequest): TextFormat {
  const f = req.response_format;
  if (f?.type === "json_schema") return { type: "json_schema", schema: f.json_schema?.schema };
  if (f?.type === "json_object") return { type: "json_object" };
  return { type: "text" };
}

/**
 * The last `user` message's text (string, or its text parts joined with "\n"), and the
 * contents of the `tool` messages after it.
 */
export function chatConversation(req: ChatRequest): ChatConversation {
  const last = req.messages.findLastIndex((m) => m.role === "user");
  const userText = last >= 0 ? partsText(req.messages[last]?.content) : "";
  const toolResults = req.messages
    .slice(last + 1)
    .filter((m) => m.role === "tool")
    .map((m) => partsText(m.content));
  const { choice, tools } = resolveChoice(req, functionTools(req));
  return { userText, toolResults, tools, choice, format: formatOf(req) };
}
