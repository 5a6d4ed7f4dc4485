import type { PriceTable } from "@cc/billing";

/**
 * The 400 for a model the price table does not list: which models are offered, and how to pick
 * one in the clients people run without a model setting (Claude Code, Codex CLI, Gemini CLI),
 * each with a real model of the right vendor when the table has one.
 */
export function unknownModelMessage(model: string, table: PriceTable): string {
  const offered = Object.keys(table);
  const of = (family: string) => offered.find((m) => table[m]?.family === family) ?? "<model>";
  return [
    `model: '${model}' is not offered by this gateway.`,
    `Offered models: ${offered.join(", ")}.`,
    `Pick one: Claude Code ANTHROPIC_MODEL=${of("anthropic")};`,
    `Codex CLI model = "${of("openai")}" in ~/.codex/config.toml;`,
    `Gemini CLI gemini -m ${of("gemini")}.`,
  ].join(" ");
}
