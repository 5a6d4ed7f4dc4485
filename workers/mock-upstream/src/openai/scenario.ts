import type { AppContext } from "../context.ts";
import { intParam, type Scenario, selectScenario } from "../scenario.ts";
import { badRequest } from "./errors.ts";

/** What the OpenAI routes take from the scenario, validated once. */
export interface Plan {
  scenario: Scenario;
  /** ms between SSE chunks (or before the JSON) for `slow`, else 0. */
  delayMs: number;
  /** `tool count=<n>`: how many tool calls (default 1). */
  toolCount: number;
}

/**
 * The scenario of an OpenAI request (header, or directive in the last user message), with its
 * parameters checked: a malformed one is a 400 invalid_request_error. `fixtures` are the ids
 * `replay` may name on this route.
 */
export function openAiPlan(
  c: AppContext,
  lastUserText: string,
  fixtures: readonly string[],
): Plan | Response {
  const selected = selectScenario(c.req.header("x-mock-scenario"), lastUserText);
  if (!selected.ok) return badRequest(selected.message);
  const scenario = selected.scenario;
  const delay = scenario.name === "slow" ? intParam(scenario, "delay", 0, 60_000) : 0;
  if (delay === null) return badRequest("mock: slow needs delay=<0..60000 ms>");
  const count = scenario.name === "tool" ? intParam(scenario, "count", 1, 8) : 1;
  if (count === null) return badRequest("mock: tool needs count=<1..8>");
  if (scenario.name === "replay" && !fixtures.includes(scenario.params.fixture ?? "")) {
    return badRequest(
      fixtures.length > 0
        ? `mock: replay needs fixture=<${fixtures.join("|")}>`
        : "mock: there is no recorded fixture to replay on this route",
    );
  }
  return { scenario, delayMs: delay ?? 50, toolCount: count ?? 1 };
}
