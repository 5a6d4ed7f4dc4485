/**
 * IR request → OpenAI Responses request body, for a GPT upstream (https://platform.openai.com/docs/api-reference/responses/create):
 * an Anthropic client (Claude Code) in front of GPT. The IR says what the client wants; this
 * file says it the way the Responses API accepts it.
 */

import { effortOfBudget } from "../ir/budget-effort.ts";
import type { ContentPart, MediaSource, ToolResultContentPart } from "../ir/content.ts";
import type { IrRequest, IrTool } from "../ir/request.ts";
import { customToolInput } from "./encode-response.ts";
import { decodeReasoningToken } from "./reasoning-token.ts";
import type {
  ResponsesInputPartParam as InputPart,
  ResponsesInputItemParam,
  ResponsesRequestBody,
  ResponsesToolParam,
} from "./types.ts";

// Claude Code's per-request attribution block: meaningless to OpenAI, and its changing
// `cch=` value at the head of the prompt would defeat OpenAI's prefix cache (docs/wire-formats.md, "Anthropic Messages (Claude Code) → GPT").
export const ATTRIBUTION = /^x-anthropic-billing-header:/;

/**
 * Encode an IR request as a Responses body for `ir.model`. Not sent, for want of a Responses
 * counterpart: stop sequences, cache markers (OpenAI caches prefixes by itself), metadata, and
 * temperature / top_p (GPT-5 reasoning models reject them).
 */
export function encodeOpenAiResponsesRequest(ir: IrRequest): ResponsesRequestBody {
  const custom = new Set(ir.tools.filter((t) => t.custom).map((t) => t.name));
  const body: ResponsesRequestBody = {
    model: ir.model,
    input: encodeInput(ir, custom),
    max_output_tokens: ir.maxOutputTokens,
    store: false,
    include: ["reasoning.encrypted_content"],
    stream: ir.stream,
  };
  const instructions = ir.system.filter((p) => !ATTRIBUTION.test(p.text)).map((p) => p.text);
  if (instructions.length > 0) body.instructions = instructions.join("\n\n");
  if (ir.tools.length > 0) {
    body.tools = ir.tools.map(tool);
    const c = ir.toolChoice;
    if (c?.type === "tool")
      body.tool_choice = { type: custom.has(c.name) ? "custom" : "function", name: c.name };
    else if (c) body.tool_choice = c.type;
  }
  if (ir.parallelToolCalls !== undefined) body.parallel_tool_calls = ir.parallelToolCalls;
  const r = ir.reasoning;
  // Thinking off: the model's default applies (not every GPT model accepts effort "none").
  if (r && r.mode !== "off") {
    // A client that gave a budget and no effort gets the effort of its budget.
    const effort =
      r.effort?.value ?? (r.budgetTokens !== undefined ? effortOfBudget(r.budgetTokens) : undefined);
    body.reasoning = {
      ...(effort ? { effort } : {}),
      ...(r.display === "omitted" ? {} : { summary: "auto" as const }),
    };
  }
  if (ir.responseFormat) {
    const f = ir.responseFormat;
    body.text = {
      format: {
        type: "json_schema",
        name: f.name ?? "response",
        schema: f.schema,
        ...(f.strict !== undefined ? { strict: f.strict } : {}),
      },
    };
  }
  return body;
}

function tool(t: IrTool): ResponsesToolParam {
  const description = t.description !== undefined ? { description: t.description } : {};
  if (t.custom)
    return {
      type: "custom",
      name: t.name,
      ...description,
      ...(t.custom.format ? { format: t.custom.format } : {}),
    };
  // Responses makes function tools strict by default, which most client schemas do not satisfy.
  return {
    type: "function",
    name: t.name,
    ...description,
    parameters: t.inputSchema,
    strict: t.strict ?? false,
  };
}

const mediaUrl = (s: MediaSource): string =>
  s.type === "url" ? s.url : `data:${s.mediaType};base64,${s.data}`;

function inputPart(p: ToolResultContentPart): InputPart {
  if (p.type === "text") return { type: "input_text", text: p.text };
  if (p.type === "image") return { type: "input_image", image_url: mediaUrl(p.source), detail: "auto" };
  return p.source.type === "url"
    ? { type: "input_file", file_url: p.source.url }
    : { type: "input_file", file_data: mediaUrl(p.source), filename: "document.pdf" };
}

function toolOutput(content: ToolResultContentPart[]): string | InputPart[] {
  if (content.every((p) => p.type === "text")) return content.map((p) => p.text).join("\n");
  return content.map(inputPart);
}

/**
 * A thinking part as the GPT reasoning item it carries (reasoning-token.ts), or nothing: Claude's
 * own signatures mean nothing to OpenAI, and an item without encrypted content cannot be replayed.
 */
function reasoningItem(p: ContentPart): ResponsesInputItemParam[] {
  const value = p.type === "thinking" ? p.signature : p.type === "redacted_thinking" ? p.data : "";
  const read = decodeReasoningToken(value);
  if (read.kind !== "token" || !("openai" in read.token) || !read.token.openai.encrypted_content) return [];
  const summary =
    p.type === "thinking" && p.text !== "" ? [{ type: "summary_text" as const, text: p.text }] : [];
  return [
    {
      type: "reasoning",
      id: read.token.openai.id,
      summary,
      encrypted_content: read.token.openai.encrypted_content,
    },
  ];
}

function encodeInput(ir: IrRequest, custom: ReadonlySet<string>): ResponsesInputItemParam[] {
  const items: ResponsesInputItemParam[] = [];
  const callNames = new Map<string, string>();
  for (const m of ir.messages) {
    let user: InputPart[] | undefined;
    for (const p of m.content) {
      if (p.type === "text" && m.role === "assistant") {
        const last = items.at(-1);
        // Adjacent text parts of one turn are one message.
        if (last?.type === "message" && last.role === "assistant") last.content += p.text;
        else items.push({ type: "message", role: "assistant", content: p.text });
      } else if (p.type === "text" || p.type === "image" || p.type === "document") {
        if (!user) {
          user = [];
          items.push({ type: "message", role: "user", content: user });
        }
        user.push(inputPart(p));
      } else if (p.type === "tool_call") {
        callNames.set(p.id, p.name);
        items.push(
          custom.has(p.name)
            ? { type: "custom_tool_call", call_id: p.id, name: p.name, input: customToolInput(p.input) }
            : { type: "function_call", call_id: p.id, name: p.name, arguments: JSON.stringify(p.input) },
        );
      } else if (p.type === "tool_result") {
        const name = callNames.get(p.toolCallId);
        const type =
          name !== undefined && custom.has(name) ? "custom_tool_call_output" : "function_call_output";
        items.push({ type, call_id: p.toolCallId, output: toolOutput(p.content) });
      } else items.push(...reasoningItem(p));
      if (p.type !== "text" && p.type !== "image" && p.type !== "document") user = undefined;
    }
  }
  return items;
}
