import { emptyUsage, estimateTokens, type UsageRecord } from "@cc/formats";
import type { z } from "zod";
import { GARBLED_FRAME, garbledJson, resetBody, resetJson, sseBody } from "../body-faults.ts";
import type { AppContext } from "../context.ts";
import { extraToolUses, intParam, type Scenario, selectScenario } from "../scenario.ts";
import { simulateCache } from "./cache.ts";
import { containerFor } from "./containers.ts";
import { lastUserText } from "./conversation.ts";
import { breakpointError, segmentsOf, totalTokens } from "./count.ts";
import { ERROR_STATUSES, errorResponse } from "./errors.ts";
import { generate } from "./generate.ts";
import { buildMessage } from "./message.ts";
import { FIXTURES, fixtureChunks, foldFixture } from "./replay.ts";
import { CountTokensRequest, describeIssue, MessagesRequest } from "./schema.ts";
import { SERVER_TOOLS, serverToolBlocks } from "./server-tools.ts";
import { breakOffPoint, frame, messageEvents, OVERLOADED_EVENT, sseResponse } from "./stream.ts";
import { refusedThinking } from "./thinking-rules.ts";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function parse<T extends z.ZodType>(c: AppContext, schema: T): z.infer<T> | Response {
  const body = c.get("body");
  if (body.kind !== "json")
    return errorResponse(c, 400, "There was an error parsing the body of your request");
  const result = schema.safeParse(body.value);
  return result.success ? result.data : errorResponse(c, 400, describeIssue(result.error));
}

/** POST /v1/messages/count_tokens → {"input_tokens": total}; never touches the cache. */
export function countTokens(c: AppContext): Response {
  const req = parse(c, CountTokensRequest);
  if (req instanceof Response) return req;
  const tooMany = breakpointError(req);
  if (tooMany) return errorResponse(c, 400, tooMany);
  return Response.json({ input_tokens: totalTokens(segmentsOf(req)) });
}

function errorScenario(c: AppContext, s: Scenario): Response {
  const status = intParam(s, "status", 400, 599) ?? (s.params.status === undefined ? 500 : 0);
  if (!ERROR_STATUSES.includes(status)) {
    return errorResponse(c, 400, `mock: error status must be one of ${ERROR_STATUSES.join(", ")}`);
  }
  const headers: Record<string, string> = {};
  if (status === 429) {
    headers["retry-after"] = String(intParam(s, "retry-after", 0, 86_400) ?? 1);
    const ms = intParam(s, "retry-after-ms", 0, 86_400_000);
    if (typeof ms === "number") headers["retry-after-ms"] = String(ms);
  }
  return errorResponse(c, status, undefined, headers);
}

function replayScenario(c: AppContext, s: Scenario, stream: boolean): Response {
  const fixture = FIXTURES[s.params.fixture ?? ""];
  if (fixture === undefined) {
    return errorResponse(c, 400, `mock: replay needs fixture=<${Object.keys(FIXTURES).join("|")}>`);
  }
  return stream ? sseResponse(fixtureChunks(fixture)) : Response.json(foldFixture(fixture));
}

/** POST /v1/messages: scenario, token counts, cache simulation, then JSON or SSE. */
export async function createMessage(c: AppContext): Promise<Response> {
  const req = parse(c, MessagesRequest);
  if (req instanceof Response) return req;
  const refused = refusedThinking(req.model, req.thinking);
  if (refused) return errorResponse(c, 400, refused);
  const selected = selectScenario(c.req.header("x-mock-scenario"), lastUserText(req.messages));
  if (!selected.ok) return errorResponse(c, 400, selected.message);
  const scenario = selected.scenario;
  const stream = req.stream === true;
  if (scenario.name === "error") return errorScenario(c, scenario);
  if (scenario.name === "replay") return replayScenario(c, scenario, stream);
  const delay = scenario.name === "slow" ? intParam(scenario, "delay", 0, 60_000) : 0;
  if (delay === null) return errorResponse(c, 400, "mock: slow needs delay=<0..60000 ms>");

  const tooMany = breakpointError(req);
  if (tooMany) return errorResponse(c, 400, tooMany);
  const extras = extraToolUses(scenario, SERVER_TOOLS);
  if (extras === null)
    return errorResponse(c, 400, "mock: extras takes web_search, web_fetch, code_execution=<0..20>");
  const result = generate(req, scenario, c.get("requestNumber"));
  if (!result.ok) return errorResponse(c, 400, result.message);
  const container = containerFor(req, c.get("requestNumber"));
  if (!container.ok) return errorResponse(c, 404, container.message);
  const segments = segmentsOf(req);
  const cache = simulateCache(req.model, segments);
  const g = result.generated;
  // `extras`: server tool runs before the answer, and the tier that served it.
  const serverBlocks = serverToolBlocks(extras, c.get("requestNumber"));
  g.content = [...serverBlocks, ...g.content];
  g.outputTokens += serverBlocks.reduce(
    (n, b) => n + ("input" in b ? estimateTokens(JSON.stringify(b.input)) : 0),
    0,
  );
  const usage: UsageRecord = {
    ...emptyUsage(),
    input: totalTokens(segments) - cache.read - cache.write5m - cache.write1h,
    cacheWrite5m: cache.write5m,
    cacheWrite1h: cache.write1h,
    cacheRead: cache.read,
    output: g.outputTokens,
    thinking: g.thinkingTokens,
  };
  if (Object.keys(extras).length > 0) usage.toolUses = extras;
  if (scenario.name === "extras" && scenario.params.tier) usage.serviceTier = scenario.params.tier;
  const msg = buildMessage(`msg_mock_${c.get("requestNumber")}`, req.model, g, usage, container.container);
  const delayMs = delay ?? 50;

  if (!stream) {
    if (scenario.name === "slow") await sleep(delayMs);
    if (scenario.name === "stream-error") return errorResponse(c, 529);
    const json = JSON.stringify(msg);
    if (scenario.name === "reset") return resetJson(json);
    if (scenario.name === "garbled") return garbledJson();
    // `cut` without streaming: the body ends halfway, cleanly.
    const body = scenario.name === "cut" ? json.slice(0, Math.floor(json.length / 2)) : json;
    return new Response(body, { headers: { "content-type": "application/json" } });
  }
  let events = messageEvents(msg, usage);
  const breaks = ["cut", "stream-error", "reset", "garbled"].includes(scenario.name);
  if (breaks) events = events.slice(0, breakOffPoint(events));
  if (scenario.name === "stream-error") events.push(OVERLOADED_EVENT);
  const frames = events.map(frame);
  if (scenario.name === "reset") return sseBody(resetBody(frames));
  if (scenario.name === "garbled") frames.push(GARBLED_FRAME);
  return sseResponse(frames, scenario.name === "slow" ? delayMs : 0);
}
