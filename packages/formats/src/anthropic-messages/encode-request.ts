/**
 * IR request → Anthropic Messages request body (https://docs.anthropic.com/en/api/messages;
 * docs/wire-formats.md, "OpenAI Chat → Claude"). The IR says what the
 * client wants; this file says it the way the target Claude model accepts it.
 */

import { effortOfBudget } from "../ir/budget-effort.ts";
import type {
  CacheControl,
  ContentPart,
  DocumentPart,
  ImagePart,
  MediaSource,
  TextPart,
  ToolResultContentPart,
} from "../ir/content.ts";
import type { EffortValue, IrRequest, IrTool } from "../ir/request.ts";
import { allowedSampling, rejectsBudgetThinking, supportsAdaptiveThinking } from "./model-rules.ts";
import type {
  AnthropicBlockParam,
  AnthropicDocumentBlockParam,
  AnthropicImageBlockParam,
  AnthropicRequestBody,
  AnthropicSource,
  AnthropicTextBlockParam,
  AnthropicThinkingParam,
  AnthropicToolChoiceParam,
  AnthropicToolParam,
  AnthropicToolResultBlockParam,
  AnthropicToolUseBlockParam,
  Cacheable,
} from "./types.ts";

/** Anthropic rejects a request with more explicit cache breakpoints than this (https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching). */
export const MAX_CACHE_BREAKPOINTS = 4;

// Budgets for models without adaptive thinking (≤ 4.5), by effort: LiteLLM's low/medium/high
// constants, doubled upwards. Anthropic's minimum budget is 1024 and it must stay < max_tokens.
const LEGACY_BUDGET: Record<EffortValue, number> = {
  low: 1024,
  medium: 2048,
  high: 4096,
  xhigh: 8192,
  max: 16384,
};
const MIN_BUDGET = 1024;

/** Encode an IR request as an Anthropic Messages body for `ir.model`. */
export function encodeAnthropicRequest(ir: IrRequest): AnthropicRequestBody {
  const body: AnthropicRequestBody = {
    model: ir.model,
    max_tokens: ir.maxOutputTokens,
    messages: ir.messages.map((m) => ({ role: m.role, content: m.content.map(contentBlock) })),
    stream: ir.stream,
  };
  if (ir.system.length > 0) body.system = ir.system.map(textBlock);

  const { thinking, effort } = thinkingFor(ir);
  if (thinking) body.thinking = thinking;
  if (effort) body.output_config = { effort };
  if (ir.responseFormat) {
    body.output_config = {
      ...body.output_config,
      format: { type: "json_schema", schema: ir.responseFormat.schema },
    };
  }

  if (ir.tools.length > 0) {
    body.tools = ir.tools.map((t) => {
      const tool: AnthropicToolParam = { name: t.name, input_schema: t.inputSchema };
      const description = t.custom ? customToolDescription(t) : t.description;
      if (description !== undefined) tool.description = description;
      if (t.strict !== undefined) tool.strict = t.strict;
      return withCache(tool, t.cacheControl);
    });
    // tool_choice without tools is a 400 upstream, so it is only sent alongside them.
    const choice = toolChoice(ir, thinking !== undefined);
    if (choice) body.tool_choice = choice;
  }

  // Anthropic refuses whitespace-only stop sequences (LiteLLM `_map_stop_sequences`).
  const stops = ir.stopSequences.filter((s) => s.trim() !== "");
  if (stops.length > 0) body.stop_sequences = stops;

  const sampling = allowedSampling(ir.model, thinking !== undefined, {
    temperature: ir.temperature,
    topP: ir.topP,
  });
  if (sampling.temperature !== undefined) body.temperature = sampling.temperature;
  if (sampling.topP !== undefined) body.top_p = sampling.topP;
  if (ir.metadata.userId !== undefined) body.metadata = { user_id: ir.metadata.userId };

  limitCacheBreakpoints(body, MAX_CACHE_BREAKPOINTS);
  return body;
}

// Codex's "This is a FREEFORM tool, so do not wrap the patch in JSON." contradicts the JSON
// wrapper Claude must use (new-api `stripFreeformHint`).
const FREEFORM_HINT = /\s*This is a FREEFORM tool[^.]*\./gi;

/**
 * The description of a free-text tool for Claude, which has JSON tools only: the client's text
 * without its "not JSON" hint, then how to pass the text, and the grammar it must match (docs/wire-formats.md, "OpenAI Responses (Codex) → Claude").
 */
export function customToolDescription(t: IrTool): string {
  const own = (t.description ?? "").replace(FREEFORM_HINT, "").trim();
  const format = t.custom?.format;
  let how = "Put the tool's raw text input, exactly as it should be received, in the `input` string.";
  if (format?.type === "grammar" && typeof format.definition === "string") {
    const syntax = typeof format.syntax === "string" ? `${format.syntax} ` : "";
    how += ` The text must match this ${syntax}grammar:\n${format.definition}`;
  }
  return own === "" ? how : `${own}\n\n${how}`;
}

function thinkingFor(ir: IrRequest): { thinking?: AnthropicThinkingParam; effort?: EffortValue } {
  const r = ir.reasoning;
  if (!r || r.mode === "off") return {};
  const display = r.display ? { display: r.display } : {};
  // A budget is rejected from 4.7 on: such a model gets adaptive thinking instead, at the
  // effort of the budget when the client named no effort (the Messages route's rule too).
  if ((r.mode === "adaptive" || rejectsBudgetThinking(ir.model)) && supportsAdaptiveThinking(ir.model)) {
    const effort =
      r.effort?.value ??
      (r.mode === "budget" && r.budgetTokens !== undefined ? effortOfBudget(r.budgetTokens) : undefined);
    return { thinking: { type: "adaptive", ...display }, ...(effort ? { effort } : {}) };
  }
  // A client's explicit budget goes as sent (upstream explains a bad one); one derived from an
  // effort must fit under max_tokens, or thinking is left off.
  const budget =
    r.mode === "budget" && r.budgetTokens !== undefined
      ? r.budgetTokens
      : Math.min(LEGACY_BUDGET[r.effort?.value ?? "medium"], ir.maxOutputTokens - 1);
  if (budget < MIN_BUDGET) return {};
  return { thinking: { type: "enabled", budget_tokens: budget, ...display } };
}

function toolChoice(ir: IrRequest, thinking: boolean): AnthropicToolChoiceParam | undefined {
  let choice: AnthropicToolChoiceParam | undefined;
  const c = ir.toolChoice;
  if (c?.type === "auto") choice = { type: "auto" };
  else if (c?.type === "none") choice = { type: "none" };
  else if (c?.type === "required") choice = { type: "any" };
  else if (c?.type === "tool") choice = { type: "tool", name: c.name };
  // Forced tool use is incompatible with thinking (extended-thinking docs, "tool use"): the model may still call the tool.
  if (thinking && (choice?.type === "any" || choice?.type === "tool")) choice = { type: "auto" };
  if (ir.parallelToolCalls === false && choice?.type !== "none") {
    choice = { ...(choice ?? { type: "auto" }), disable_parallel_tool_use: true };
  }
  return choice;
}

/**
 * Keep at most `max` cache breakpoints, dropping the earliest. Order is Anthropic's cache
 * prefix order (tools, system, messages), so the breakpoints kept are the ones that cover the
 * longest prefixes. A tool result's inner blocks come before the result itself.
 */
export function limitCacheBreakpoints(body: AnthropicRequestBody, max: number): void {
  const marked: Cacheable[] = [];
  const visit = (b: AnthropicBlockParam | AnthropicToolParam): void => {
    if ("type" in b && b.type === "tool_result") for (const inner of b.content ?? []) visit(inner);
    if ("cache_control" in b && b.cache_control) marked.push(b);
  };
  for (const t of body.tools ?? []) visit(t);
  for (const b of body.system ?? []) visit(b);
  for (const m of body.messages) for (const b of m.content) visit(b);
  for (const b of marked.slice(0, Math.max(0, marked.length - max))) delete b.cache_control;
}

// ── IR parts → content blocks ──────────────────────────────────────────────────────────

/** Copy a cache marker onto a block, field by field (a client's extra keys are not forwarded). */
function withCache<T extends Cacheable>(block: T, cc: CacheControl | undefined): T {
  if (cc) block.cache_control = cc.ttl ? { type: "ephemeral", ttl: cc.ttl } : { type: "ephemeral" };
  return block;
}

function source(s: MediaSource): AnthropicSource {
  return s.type === "base64"
    ? { type: "base64", media_type: s.mediaType, data: s.data }
    : { type: "url", url: s.url };
}

/** A text part as a text block. */
const textBlock = (p: TextPart): AnthropicTextBlockParam =>
  withCache<AnthropicTextBlockParam>({ type: "text", text: p.text }, p.cacheControl);

function mediaBlock(p: ImagePart | DocumentPart): AnthropicImageBlockParam | AnthropicDocumentBlockParam {
  const block: AnthropicImageBlockParam | AnthropicDocumentBlockParam = {
    type: p.type,
    source: source(p.source),
  };
  return withCache(block, p.cacheControl);
}

function resultContentBlock(p: ToolResultContentPart) {
  return p.type === "text" ? textBlock(p) : mediaBlock(p);
}

/** Any IR part as the Anthropic block it stands for. */
function contentBlock(p: ContentPart): AnthropicBlockParam {
  switch (p.type) {
    case "text":
      return textBlock(p);
    case "image":
    case "document":
      return mediaBlock(p);
    case "tool_call":
      return withCache<AnthropicToolUseBlockParam>(
        { type: "tool_use", id: p.id, name: p.name, input: p.input },
        p.cacheControl,
      );
    case "tool_result": {
      const block: AnthropicToolResultBlockParam = { type: "tool_result", tool_use_id: p.toolCallId };
      // An empty result is sent without `content`, which Anthropic reads as "no output".
      if (p.content.length > 0) block.content = p.content.map(resultContentBlock);
      if (p.isError) block.is_error = true;
      return withCache(block, p.cacheControl);
    }
    case "thinking":
      return { type: "thinking", thinking: p.text, signature: p.signature };
    case "redacted_thinking":
      return { type: "redacted_thinking", data: p.data };
  }
}
