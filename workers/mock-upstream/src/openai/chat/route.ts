import type { AppContext } from "../../context.ts";
import { generateAnswer } from "../answer.ts";
import { simulatePromptCache } from "../cache.ts";
import { deliver } from "../deliver.ts";
import { errorScenario } from "../error-scenario.ts";
import { badRequest } from "../errors.ts";
import { parseOpenAi } from "../request.ts";
import { openAiPlan } from "../scenario.ts";
import { totalTokens } from "../segments.ts";
import { CHAT_STREAM_ERROR, chatFrames } from "./chunks.ts";
import { type ChatMeta, chatCompletion, chatUsage } from "./completion.ts";
import { chatConversation } from "./conversation.ts";
import { chatSegments } from "./count.ts";
import { ChatRequest } from "./schema.ts";

/** POST /v1/chat/completions: scenario, answer, token counts, cache simulation, then JSON or SSE. */
export async function createChatCompletion(c: AppContext): Promise<Response> {
  const req = parseOpenAi(c, ChatRequest);
  if (req instanceof Response) return req;
  const convo = chatConversation(req);
  const plan = openAiPlan(c, convo.userText, []);
  if (plan instanceof Response) return plan;
  if (plan.scenario.name === "error") return errorScenario(plan.scenario, req.model);

  const n = c.get("requestNumber");
  const result = generateAnswer({
    ...convo,
    parallelToolCalls: req.parallel_tool_calls !== false,
    reasoning: typeof req.reasoning_effort === "string" && req.reasoning_effort !== "none",
    maxTokens: req.max_completion_tokens ?? req.max_tokens ?? undefined,
    scenario: plan.scenario,
    toolCount: plan.toolCount,
    callId: (i) => `call_mock_${n}_${i}`,
  });
  if (!result.ok) return badRequest(result.message, result.param);
  const answer = result.answer;
  const segments = chatSegments(req);
  const cached = simulatePromptCache(
    req.model,
    req.prompt_cache_key ?? "",
    segments,
    req.prompt_cache_retention,
  );
  const usage = chatUsage(totalTokens(segments), cached, answer);
  const meta: ChatMeta = {
    id: `chatcmpl-mock-${n}`,
    created: Math.floor(Date.now() / 1000),
    model: req.model,
    serviceTier:
      plan.scenario.name === "extras" && plan.scenario.params.tier
        ? plan.scenario.params.tier
        : req.service_tier && req.service_tier !== "auto"
          ? req.service_tier
          : "default",
  };
  const stream = req.stream === true;
  const { frames, breakAt } = chatFrames(meta, answer, usage, req.stream_options?.include_usage === true);
  return deliver({
    plan,
    stream,
    json: chatCompletion(meta, answer, usage),
    frames,
    breakAt,
    failure: () => CHAT_STREAM_ERROR,
  });
}
