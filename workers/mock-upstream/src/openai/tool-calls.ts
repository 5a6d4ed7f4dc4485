import { estimateTokens } from "@cc/formats";
import { fillToolInput } from "../anthropic/tool-input.ts";

/** A tool the mock may call: a function with a JSON schema, or a custom (freeform) tool. */
export interface CallableTool {
  kind: "function" | "custom";
  name: string;
  /** function: the JSON schema of its arguments. */
  parameters?: unknown;
  /** custom: its format ({type:"text"} or {type:"grammar", syntax, definition}). */
  format?: unknown;
}

export type ToolCall =
  | { kind: "function"; callId: string; name: string; arguments: string }
  | { kind: "custom"; callId: string; name: string; input: string };

/** A patch the Codex apply_patch grammar accepts: it adds one file. */
export const MOCK_PATCH = "*** Begin Patch\n*** Add File: mock.txt\n+Hello from mock\n*** End Patch\n";

function isApplyPatch(tool: CallableTool): boolean {
  if (tool.name === "apply_patch") return true;
  const format = tool.format;
  return (
    typeof format === "object" &&
    format !== null &&
    "definition" in format &&
    typeof format.definition === "string" &&
    format.definition.includes("Begin Patch")
  );
}

/**
 * The call of one tool: a function gets arguments valid against its schema (fillToolInput:
 * required properties only), as a JSON string; a custom tool gets MOCK_PATCH when it is
 * apply_patch (by name or by a grammar mentioning "Begin Patch"), else "mock".
 */
export function callTool(tool: CallableTool, callId: string): ToolCall {
  if (tool.kind === "custom") {
    return { kind: "custom", callId, name: tool.name, input: isApplyPatch(tool) ? MOCK_PATCH : "mock" };
  }
  return {
    kind: "function",
    callId,
    name: tool.name,
    arguments: JSON.stringify(fillToolInput(tool.parameters)),
  };
}

/** What a call costs in output tokens: its arguments JSON, or its input text. */
export function callTokens(call: ToolCall): number {
  return estimateTokens(call.kind === "function" ? call.arguments : call.input);
}
