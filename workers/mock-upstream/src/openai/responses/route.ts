import { fixtureChunks } from "../../anthropic/replay.ts";
import { sseResponse } from "../../anthropic/stream.ts";
import type { AppContext } from "../../context.ts";
import { extraToolUses } from "../../scenario.ts";
import { generateAnswer } from "../answer.ts";
import { simulatePromptCache } from "../cache.ts";
import { deliver } from "../deliver.ts";
import { errorScenario } from "../error-scenario.ts";
import { badRequest } from "../errors.ts";
import { parseOpenAi } from "../request.ts";
import { openAiPlan } from "../scenario.ts";
import { totalTokens } from "../segments.ts";
import { eventFrame } from "../sse.ts";
import { responsesConversation } from "./conversation.ts";
import { responsesSegments } from "./count.ts";
import { responseEvents, responsesBreakAt } from "./events.ts";
import { HOSTED_TOOLS, outputItems } from "./items.ts";
import { foldResponsesFixture, RESPONSES_FIXTURES } from "./replay.ts";
import { responseObject, responsesUsage } from "./response.ts";
import { ResponsesRequest } from "./schema.ts";
import { storedContext, storeResponse } from "./store.ts";

const MIN_OUTPUT_TOKENS = 16;

/** POST /v1/responses: scenario, answer, token counts, cache simulation, then JSON or SSE. */
export async function createResponse(c: AppContext): Promise<Response> {
  const req = parseOpenAi(c, ResponsesRequest);
  if (req instanceof Response) return req;
  // A previous response must have been stored here; its context is read again.
  const previous = req.previous_response_id ? storedContext(req.previous_response_id) : 0;
  if (previous === undefined) {
    return badRequest(
      `Previous response with id '${req.previous_response_id}' not found.`,
      "previous_response_id",
      "previous_response_not_found",
    );
  }
  const max = req.max_output_tokens ?? undefined;
  if (max !== undefined && max < MIN_OUTPUT_TOKENS) {
    return badRequest(
      `Invalid 'max_output_tokens': integer below minimum value. Expected a value >= ${MIN_OUTPUT_TOKENS}, but got ${max} instead.`,
      "max_output_tokens",
      "integer_below_min_value",
    );
  }
  const convo = responsesConversation(req);
  const plan = openAiPlan(c, convo.userText, Object.keys(RESPONSES_FIXTURES));
  if (plan instanceof Response) return plan;
  const stream = req.stream === true;
  if (plan.scenario.name === "error") return errorScenario(plan.scenario, req.model);
  if (plan.scenario.name === "replay") {
    const fixture = RESPONSES_FIXTURES[plan.scenario.params.fixture ?? ""] ?? "";
    return stream ? sseResponse(fixtureChunks(fixture)) : Response.json(foldResponsesFixture(fixture));
  }

  const n = c.get("requestNumber");
  const effort = req.reasoning?.effort;
  const result = generateAnswer({
    ...convo,
    parallelToolCalls: req.parallel_tool_calls !== false,
    reasoning: req.reasoning !== undefined && req.reasoning !== null && effort !== "none",
    maxTokens: max,
    scenario: plan.scenario,
    toolCount: plan.toolCount,
    callId: (i) => `call_mock_${n}_${i}`,
  });
  if (!result.ok) return badRequest(result.message, result.param);
  const answer = result.answer;
  const segments = responsesSegments(req);
  const cached = simulatePromptCache(
    req.model,
    req.prompt_cache_key ?? "",
    segments,
    req.prompt_cache_retention,
  );
  const base = { id: `resp_mock_${n}`, createdAt: Math.floor(Date.now() / 1000) };
  const hosted = extraToolUses(plan.scenario, Object.keys(HOSTED_TOOLS));
  if (hosted === null)
    return badRequest("mock: extras takes web_search, file_search, code_interpreter=<0..20>");
  const output = outputItems(
    answer,
    n,
    req.include?.includes("reasoning.encrypted_content") === true,
    hosted,
  );
  const final = responseObject(req, {
    ...base,
    status: answer.truncated ? "incomplete" : "completed",
    output,
    usage: responsesUsage(previous + totalTokens(segments), cached, answer),
    ...(plan.scenario.name === "extras" && plan.scenario.params.tier
      ? { tier: plan.scenario.params.tier }
      : {}),
  });
  const started = responseObject(req, { ...base, status: "in_progress", output: [], usage: null });
  const events = responseEvents(started, final);
  if (req.store !== false && final.usage) storeResponse(base.id, final.usage.total_tokens);
  const failed = responseObject(req, {
    ...base,
    status: "failed",
    output: [],
    usage: null,
    error: {
      code: "server_error",
      message: "The server had an error processing your request. Sorry about that!",
    },
  });
  return deliver({
    plan,
    stream,
    json: final,
    frames: events.map(eventFrame),
    breakAt: responsesBreakAt(events),
    failure: (index) => eventFrame({ type: "response.failed", response: failed, sequence_number: index }),
  });
}

/**
 * POST /v1/responses/input_tokens: the input tokens a Responses request would use
 * (https://platform.openai.com/docs/api-reference/responses/input-tokens), by the same count
 * as `input_tokens` in a Response's usage.
 */
export function countResponseInputTokens(c: AppContext): Response {
  const req = parseOpenAi(c, ResponsesRequest);
  if (req instanceof Response) return req;
  return Response.json({
    object: "response.input_tokens",
    input_tokens: totalTokens(responsesSegments(req)),
  });
}
