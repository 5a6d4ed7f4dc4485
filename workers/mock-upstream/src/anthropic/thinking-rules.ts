/**
 * Which thinking configurations a Claude model refuses, as the real API does
 * (https://platform.claude.com/docs/en/build-with-claude/thinking-troubleshooting): Claude 4.7
 * and later accept only adaptive thinking and answer `thinking.type: "enabled"` (a token
 * budget) with a 400. The mock knows the models it lists; any other name is served as before.
 */
const ADAPTIVE_ONLY: ReadonlySet<string> = new Set([
  "claude-opus-4-7",
  "claude-opus-5-5",
  "claude-haiku-5-5",
]);

/** Anthropic's own message for a budget sent to an adaptive-only model, word for word. */
export const BUDGET_THINKING_REFUSED =
  '"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.';

/** The 400 message for a thinking configuration `model` refuses, or undefined when it is fine. */
export function refusedThinking(model: string, thinking: { type: string } | undefined): string | undefined {
  return thinking?.type === "enabled" && ADAPTIVE_ONLY.has(model) ? BUDGET_THINKING_REFUSED : undefined;
}
