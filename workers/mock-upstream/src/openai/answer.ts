import { estimateTokens } from "@cc/formats";
import { clip, truncateToTokens } from "../anthropic/generate.ts";
import { fillToolInput } from "../anthropic/tool-input.ts";
import { type Scenario, stripDirectives } from "../scenario.ts";
import { type CallableTool, callTokens, callTool, type ToolCall } from "./tool-calls.ts";

/** tool_choice, resolved: `name` forces that tool; allowed_tools has already filtered `tools`. */
export interface ToolChoice {
  mode: "auto" | "none" | "required";
  name?: string;
}

export type TextFormat =
  | { type: "text" }
  | { type: "json_object" }
  | { type: "json_schema"; schema: unknown };

/** What both OpenAI routes know about a request once its dialect is read. */
export interface AnswerRequest {
  /** The last user message's text, directives included. */
  userText: string;
  /** Tool outputs sent after the last user message. */
  toolResults: string[];
  tools: CallableTool[];
  choice: ToolChoice;
  parallelToolCalls: boolean;
  reasoning: boolean;
  /** Output budget (reasoning included), when the request sets one. */
  maxTokens: number | undefined;
  format: TextFormat;
  scenario: Scenario;
  toolCount: number;
  callId: (i: number) => string;
}

export interface Answer {
  /** Hidden reasoning (Chat) or the reasoning summary (Responses); null without reasoning. */
  reasoning: string | null;
  reasoningTokens: number;
  /** The assistant text; null when there is none (a forced tool call). */
  text: string | null;
  toolCalls: ToolCall[];
  /** The output budget ran out (finish_reason "length", status "incomplete"). */
  truncated: boolean;
  outputTokens: number;
}

export type AnswerResult =
  | { ok: true; answer: Answer }
  | { ok: false; message: string; param: string | null };

function baseText(req: AnswerRequest): string {
  const said =
    req.toolResults.length > 0
      ? `Mock received the tool result: ${clip(req.toolResults.join("\n"), 60)}`
      : `Hello from mock. You said: ${clip(stripDirectives(req.userText), 60)}`;
  if (req.format.type === "json_schema") return JSON.stringify(fillToolInput(req.format.schema));
  if (req.format.type === "json_object") return JSON.stringify({ answer: said });
  return said;
}

function pickTools(req: AnswerRequest): CallableTool[] | { message: string; param: string | null } {
  const wanted = req.choice.name ?? req.scenario.params.name;
  const named = wanted === undefined ? undefined : req.tools.find((t) => t.name === wanted);
  if (wanted !== undefined && named === undefined) {
    return req.choice.name === undefined
      ? { message: `mock: no tool named "${wanted}" was offered`, param: null }
      : { message: `Tool choice '${wanted}' not found in 'tools' parameter.`, param: "tool_choice" };
  }
  const count = req.scenario.name === "tool" && req.parallelToolCalls ? req.toolCount : 1;
  return Array.from({ length: count }, (_, i) => named ?? req.tools[i % req.tools.length]).filter(
    (t): t is CallableTool => t !== undefined,
  );
}

/**
 * The deterministic answer of both OpenAI routes (same spirit as the Anthropic one):
 * - reasoning first when asked: `Considering "<40 chars>". The mock answers deterministically, …`;
 * - tool calls when tools are offered and tool_choice forces one (required / a named tool: no
 *   text), or the `tool` scenario is selected and no tool output came after the last user message
 *   (a short text first). The tool: the forced name, else the scenario's `name=`, else the offered
 *   tools in turn; `count=<n>` calls (1 when parallel_tool_calls is false);
 * - otherwise text: "Mock received the tool result: <60 chars>" after tool outputs, else
 *   "Hello from mock. You said: <60 chars>" (as JSON for json_object / json_schema formats).
 * The output budget covers reasoning first, then text; text beyond it is cut (truncated).
 */
export function generateAnswer(req: AnswerRequest): AnswerResult {
  const budget = req.maxTokens ?? Number.POSITIVE_INFINITY;
  let truncated = false;
  let reasoning: string | null = null;
  if (req.reasoning) {
    const subject = req.toolResults.length > 0 ? req.toolResults.join("\n") : stripDirectives(req.userText);
    reasoning = `Considering "${clip(subject, 40)}". The mock answers deterministically, so a short reply will do.`;
    if (estimateTokens(reasoning) > budget) {
      reasoning = truncateToTokens(reasoning, budget);
      truncated = true;
    }
  }
  const reasoningTokens = reasoning === null ? 0 : estimateTokens(reasoning);

  const forced = req.choice.mode === "required";
  const wantTool =
    req.tools.length > 0 &&
    req.choice.mode !== "none" &&
    (forced || (req.scenario.name === "tool" && req.toolResults.length === 0));
  let text: string | null = null;
  let toolCalls: ToolCall[] = [];
  if (truncated) {
    text = "";
  } else if (wantTool) {
    const tools = pickTools(req);
    if (!Array.isArray(tools)) return { ok: false, ...tools };
    toolCalls = tools.map((t, i) => callTool(t, req.callId(i)));
    const names = [...new Set(tools.map((t) => t.name))];
    if (!forced) text = `I'll call the ${names.join(" and ")} tool${names.length > 1 ? "s" : ""}.`;
  } else {
    text = baseText(req);
    const room = budget - reasoningTokens;
    if (estimateTokens(text) > room) {
      text = truncateToTokens(text, room);
      truncated = true;
    }
  }
  const outputTokens =
    reasoningTokens + estimateTokens(text ?? "") + toolCalls.reduce((n, call) => n + callTokens(call), 0);
  return { ok: true, answer: { reasoning, reasoningTokens, text, toolCalls, truncated, outputTokens } };
}
