import { estimateTokens } from "@cc/formats";
import { type Scenario, stripDirectives } from "../scenario.ts";
import { lastUserText, lastUserToolResults } from "./conversation.ts";
import { hash64 } from "./hash.ts";
import type { MessagesRequest } from "./schema.ts";
import { fillToolInput } from "./tool-input.ts";

export type OutBlock =
  | { type: "thinking"; thinking: string; signature: string }
  | { type: "text"; text: string }
  | { type: "tool_use"; id: string; name: string; input: Record<string, unknown> }
  | { type: "server_tool_use"; id: string; name: string; input: Record<string, unknown> }
  | { type: `${string}_tool_result`; tool_use_id: string; content: unknown };

export type StopReason = "end_turn" | "tool_use" | "max_tokens";

export interface Generated {
  content: OutBlock[];
  stopReason: StopReason;
  outputTokens: number;
  thinkingTokens: number;
}

export type GenerateResult = { ok: true; generated: Generated } | { ok: false; message: string };

/** The first n code points (never splits a surrogate pair). */
export function clip(text: string, n: number): string {
  const cps = Array.from(text);
  return cps.length > n ? cps.slice(0, n).join("") : text;
}

/** Opaque-looking base64, but reproducible from the thinking text. */
export function signatureFor(thinking: string): string {
  return btoa(`mock-signature:${hash64(thinking)}:${hash64(thinking, 1)}`);
}

/** Output tokens of one generated block: the estimator over its text / JSON input. */
export function blockTokens(b: OutBlock): number {
  if (b.type === "thinking") return estimateTokens(b.thinking);
  if (b.type === "text") return estimateTokens(b.text);
  // A server tool's result is read by the model (input side), not generated.
  if ("input" in b) return estimateTokens(JSON.stringify(b.input));
  return 0;
}

/** Longest prefix (by code points) whose estimate is ≤ max tokens, i.e. ≤ 4·max UTF-8 bytes. */
export function truncateToTokens(text: string, max: number): string {
  const encoder = new TextEncoder();
  let bytes = 0;
  let out = "";
  for (const cp of text) {
    bytes += encoder.encode(cp).byteLength;
    if (bytes > max * 4) break;
    out += cp;
  }
  return out;
}

/**
 * The deterministic answer:
 * - thinking block first when thinking.type is "enabled" or "adaptive";
 * - a tool_use when tools are offered and tool_choice is any/tool (forced: no text before it),
 *   or when the `tool` scenario is selected and the last user turn has no tool_result (then a
 *   short text precedes it, as Claude usually does). The tool is tool_choice.name, else the
 *   scenario's `name=`, else the first tool;
 * - otherwise text: "Mock received the tool result: <60 chars>" after tool results, else
 *   "Hello from mock. You said: <first 60 chars of the last user text, directives removed>".
 * Text longer than max_tokens (minus thinking) is truncated with stop_reason "max_tokens".
 */
export function generate(req: MessagesRequest, scenario: Scenario, requestNumber: number): GenerateResult {
  const userText = stripDirectives(lastUserText(req.messages));
  const toolResults = lastUserToolResults(req.messages);
  const tools = (req.tools ?? []).filter((t) => typeof t.name === "string");
  const choice = req.tool_choice;
  const forced = tools.length > 0 && (choice?.type === "any" || choice?.type === "tool");
  const wantTool =
    tools.length > 0 &&
    choice?.type !== "none" &&
    (forced || (scenario.name === "tool" && toolResults.length === 0));

  const content: OutBlock[] = [];
  if (req.thinking?.type === "enabled" || req.thinking?.type === "adaptive") {
    const subject = toolResults.length > 0 ? toolResults.join("\n") : userText;
    const thinking = `Considering "${clip(subject, 40)}". The mock answers deterministically, so a short reply will do.`;
    content.push({ type: "thinking", thinking, signature: signatureFor(thinking) });
  }
  const thinkingTokens = content.reduce((n, b) => n + blockTokens(b), 0);

  let stopReason: StopReason = "end_turn";
  if (wantTool) {
    const wanted = choice?.type === "tool" ? choice.name : scenario.params.name;
    const tool = wanted === undefined ? tools[0] : tools.find((t) => t.name === wanted);
    if (!tool?.name) return { ok: false, message: `tool_choice: no tool named "${wanted}" was provided` };
    if (!forced) content.push({ type: "text", text: `I'll call the ${tool.name} tool.` });
    const id = `toolu_mock_${requestNumber}_${content.length}`;
    content.push({ type: "tool_use", id, name: tool.name, input: fillToolInput(tool.input_schema) });
    stopReason = "tool_use";
  } else {
    let text =
      toolResults.length > 0
        ? `Mock received the tool result: ${clip(toolResults.join("\n"), 60)}`
        : `Hello from mock. You said: ${clip(userText, 60)}`;
    const budget = Math.max(0, req.max_tokens - thinkingTokens);
    if (estimateTokens(text) > budget) {
      text = truncateToTokens(text, budget);
      stopReason = "max_tokens";
    }
    if (text !== "") content.push({ type: "text", text });
  }
  const outputTokens = content.reduce((n, b) => n + blockTokens(b), 0);
  return { ok: true, generated: { content, stopReason, outputTokens, thinkingTokens } };
}
