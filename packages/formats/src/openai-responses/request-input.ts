/**
 * Responses `instructions` and `input` items → IR system text and turns (wire-formats.md §9.1).
 */
import { GatewayError } from "../errors.ts";
import type { ContentPart, TextPart, ToolResultContentPart } from "../ir/content.ts";
import type { IrMessage } from "../ir/request.ts";
import { media, toolInput } from "../openai-chat/request-messages.ts";
import { decodeReasoningToken } from "./reasoning-token.ts";
import type {
  OpenAiResponsesRequest,
  ResponsesInputItem,
  ResponsesMessagePart,
  ResponsesToolOutputPart,
} from "./schema.ts";

const invalid = (param: string, problem: string) =>
  new GatewayError("invalid_request", `${param}: ${problem}`, { param });

// Empty text blocks are rejected by Anthropic and carry nothing: they are dropped.
const text = (t: string): TextPart[] => (t === "" ? [] : [{ type: "text", text: t }]);

function inputPart(
  p: ResponsesMessagePart | ResponsesToolOutputPart,
  param: string,
): ToolResultContentPart[] {
  switch (p.type) {
    case "input_text":
    case "output_text":
      return text(p.text);
    case "refusal":
      return text(p.refusal);
    case "input_image":
      if (!p.image_url)
        throw invalid(`${param}.image_url`, "only image_url is supported (file_id cannot be read upstream)");
      return [media(p.image_url, `${param}.image_url`, undefined)];
    case "input_file": {
      if (p.file_url) return [media(p.file_url, `${param}.file_url`, undefined)];
      if (!p.file_data)
        throw invalid(param, "only file_data or file_url is supported (file_id cannot be read upstream)");
      // file_data is a data: URL; bare base64 is taken as a PDF, the only document kind upstream reads.
      const url = p.file_data.startsWith("data:")
        ? p.file_data
        : `data:application/pdf;base64,${p.file_data}`;
      return [media(url, `${param}.file_data`, undefined)];
    }
  }
}

function parts(content: string | (ResponsesMessagePart | ResponsesToolOutputPart)[], param: string) {
  if (typeof content === "string") return text(content);
  return content.flatMap((p, j) => inputPart(p, `${param}.${j}`));
}

/**
 * A reasoning item as the Claude thinking it carries, or nothing: OpenAI's own ciphertext (or
 * an item without any) cannot be sent to Claude and is dropped, as is GPT reasoning we wrapped.
 */
function thinking(item: Extract<ResponsesInputItem, { type: "reasoning" }>, param: string): ContentPart[] {
  if (!item.encrypted_content) return [];
  const read = decodeReasoningToken(item.encrypted_content);
  if (read.kind === "invalid")
    throw invalid(`${param}.encrypted_content`, "was altered; send it back as received");
  if (read.kind === "foreign") return [];
  const t = read.token;
  if ("thinking" in t) return [{ type: "thinking", text: t.thinking, signature: t.signature }];
  if ("redacted" in t) return [{ type: "redacted_thinking", data: t.redacted }];
  return [];
}

/**
 * Split Responses input into system text and conversation turns. Instructions and system or
 * developer messages become the system text, in order (Codex sends its prompt as developer
 * messages, §10). Consecutive model-side items (assistant messages, reasoning, calls) form one
 * assistant turn in their original order, so Claude gets its thinking blocks where it wrote
 * them; outputs of calls go first in the user turn that follows, as Claude requires. Items of
 * kinds the gateway does not model (hosted tool calls, item references) are dropped.
 */
export function decodeResponsesInput(body: OpenAiResponsesRequest): {
  system: TextPart[];
  messages: IrMessage[];
} {
  const system: TextPart[] = [];
  const turns: IrMessage[] = [];
  const add = (role: IrMessage["role"], content: ContentPart[]): void => {
    if (content.length === 0) return;
    let last = turns.at(-1);
    if (last?.role !== role) {
      last = { role, content: [] };
      turns.push(last);
    }
    for (const p of content) {
      // Tool results go before any other part of their turn.
      const firstOther =
        p.type === "tool_result" ? last.content.findIndex((q) => q.type !== "tool_result") : -1;
      last.content.splice(firstOther < 0 ? last.content.length : firstOther, 0, p);
    }
  };

  const instructions = body.instructions;
  if (typeof instructions === "string") system.push(...text(instructions));
  else for (const p of instructions ?? []) system.push(...text(p.text));

  const input =
    typeof body.input === "string"
      ? [{ type: "message", role: "user", content: body.input } as const]
      : (body.input ?? []);
  input.forEach((item, i) => {
    const param = `input.${i}`;
    switch (item.type) {
      case "message": {
        const content = parts(item.content, `${param}.content`);
        if (item.role === "user" || item.role === "assistant") add(item.role, content);
        else {
          if (content.some((p) => p.type !== "text"))
            throw invalid(`${param}.content`, `a ${item.role} message may hold text only`);
          system.push(...(content as TextPart[]));
        }
        break;
      }
      case "function_call":
        add("assistant", [
          {
            type: "tool_call",
            id: item.call_id,
            name: item.name,
            input: toolInput(item.arguments, `${param}.arguments`),
          },
        ]);
        break;
      case "custom_tool_call":
        // The free text travels in the `{input}` wrapper the tool was declared with (IrTool.custom).
        add("assistant", [
          { type: "tool_call", id: item.call_id, name: item.name, input: { input: item.input } },
        ]);
        break;
      case "function_call_output":
      case "custom_tool_call_output":
        add("user", [
          { type: "tool_result", toolCallId: item.call_id, content: parts(item.output, `${param}.output`) },
        ]);
        break;
      case "reasoning":
        add("assistant", thinking(item, param));
        break;
      case "other":
        break;
    }
  });
  return { system, messages: turns };
}
