/**
 * Scenario selection. Two equivalent ways, the header winning when both are present:
 *
 *   header     x-mock-scenario: <name>[; key=value…]        e.g. `error; status=429; retry-after=3`
 *   directive  [[mock:<name> key=value …]]                   anywhere in the last user message's text
 *
 * The directive exists because a body survives any gateway, while custom headers may not.
 */
export const SCENARIO_NAMES = [
  "text",
  "tool",
  "error",
  "stream-error",
  "cut",
  "reset",
  "garbled",
  "slow",
  "replay",
  "extras",
  "safety",
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface Scenario {
  name: ScenarioName;
  params: Record<string, string>;
}

export type ScenarioResult = { ok: true; scenario: Scenario } | { ok: false; message: string };

const DIRECTIVE = /\[\[mock:([a-z-]+)((?:\s+[\w-]+=[^\s\]]*)*)\s*\]\]/;
const DIRECTIVE_GLOBAL = new RegExp(DIRECTIVE.source, "g");

function isName(name: string): name is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(name);
}

function build(name: string, pairs: string[]): ScenarioResult {
  if (!isName(name)) {
    return { ok: false, message: `mock: unknown scenario "${name}" (known: ${SCENARIO_NAMES.join(", ")})` };
  }
  const params: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) return { ok: false, message: `mock: scenario parameter "${pair}" is not key=value` };
    params[pair.slice(0, eq).trim().toLowerCase()] = pair.slice(eq + 1).trim();
  }
  return { ok: true, scenario: { name, params } };
}

export function parseHeader(value: string): ScenarioResult {
  const [name = "", ...pairs] = value.split(";").map((p) => p.trim());
  return build(
    name.toLowerCase(),
    pairs.filter((p) => p !== ""),
  );
}

export function parseDirective(text: string): ScenarioResult | undefined {
  const m = DIRECTIVE.exec(text);
  if (!m) return undefined;
  const pairs = (m[2] ?? "").split(/\s+/).filter((p) => p !== "");
  return build(m[1] ?? "", pairs);
}

/** The user's text without any directives, for echoing back. */
export function stripDirectives(text: string): string {
  return text.replace(DIRECTIVE_GLOBAL, "").trim();
}

export function selectScenario(header: string | undefined, lastUserText: string): ScenarioResult {
  if (header !== undefined && header.trim() !== "") return parseHeader(header);
  return parseDirective(lastUserText) ?? { ok: true, scenario: { name: "text", params: {} } };
}

/** An integer parameter within [min, max]; `undefined` when absent, `null` when malformed. */
export function intParam(s: Scenario, key: string, min: number, max: number): number | undefined | null {
  const raw = s.params[key];
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) return null;
  const n = Number(raw);
  return n >= min && n <= max ? n : null;
}

/** The server-tool uses the `extras` scenario reports, by tool; each `<tool>=<n>` is 0..20. */
export function extraToolUses(s: Scenario, tools: readonly string[]): Record<string, number> | null {
  const uses: Record<string, number> = {};
  if (s.name !== "extras") return uses;
  for (const tool of tools) {
    const n = intParam(s, tool, 0, 20);
    if (n === null) return null;
    if (n !== undefined && n > 0) uses[tool] = n;
  }
  return uses;
}
