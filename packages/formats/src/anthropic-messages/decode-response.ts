/**
 * Anthropic Message JSON → IR response (https://docs.anthropic.com/en/api/messages). Blocks the IR does not model
 * (server-tool calls and results, container uploads) are dropped: no client format we serve
 * can show them.
 */
import { GatewayError } from "../errors.ts";
import type { OutputPart } from "../ir/content.ts";
import type { IrResponse } from "../ir/response.ts";
import {
  AnthropicMessageSchema,
  AnthropicRedactedThinkingBlockSchema,
  AnthropicTextBlockSchema,
  AnthropicThinkingBlockSchema,
  AnthropicToolUseBlockSchema,
} from "./schema.ts";
import { anthropicStopReason } from "./stop-reasons.ts";
import { anthropicMessageUsage, anthropicUsageToRecord } from "./usage.ts";

/** What one Anthropic content block becomes: a part, nothing (a kind we drop), or unreadable. */
export type AnthropicBlockRead =
  | { kind: "part"; part: OutputPart }
  | { kind: "skipped" }
  | { kind: "invalid"; reason: string };

const BLOCK_SCHEMAS = {
  text: AnthropicTextBlockSchema,
  thinking: AnthropicThinkingBlockSchema,
  redacted_thinking: AnthropicRedactedThinkingBlockSchema,
  tool_use: AnthropicToolUseBlockSchema,
} as const;

/** Read one content block (of a Message or a content_block_start); never throws. */
export function readAnthropicBlock(block: { type: string }): AnthropicBlockRead {
  if (!Object.hasOwn(BLOCK_SCHEMAS, block.type)) return { kind: "skipped" };
  const parsed = BLOCK_SCHEMAS[block.type as keyof typeof BLOCK_SCHEMAS].safeParse(block);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { kind: "invalid", reason: `${block.type} block: ${issue?.path.join(".")} ${issue?.message}` };
  }
  const b = parsed.data;
  switch (b.type) {
    case "text":
      return { kind: "part", part: { type: "text", text: b.text } };
    case "thinking":
      return { kind: "part", part: { type: "thinking", text: b.thinking, signature: b.signature ?? "" } };
    case "redacted_thinking":
      return { kind: "part", part: { type: "redacted_thinking", data: b.data } };
    case "tool_use":
      return { kind: "part", part: { type: "tool_call", id: b.id, name: b.name, input: b.input } };
  }
}

/** The explanation of a refusal from `stop_details` (added 2026-04), read defensively. */
export function refusalExplanation(stopDetails: unknown): string | undefined {
  if (typeof stopDetails !== "object" || stopDetails === null) return undefined;
  const d = stopDetails as Record<string, unknown>;
  return d.type === "refusal" && typeof d.explanation === "string" ? d.explanation : undefined;
}

/**
 * Decode a `POST /v1/messages` response body. Throws a GatewayError (`upstream`, 502) when the
 * body is not a Message: the upstream broke its contract, which is not the client's fault.
 */
export function decodeAnthropicResponse(json: unknown): IrResponse {
  const parsed = AnthropicMessageSchema.safeParse(json);
  if (!parsed.success) {
    throw new GatewayError("upstream", "The upstream response could not be read.", { cause: parsed.error });
  }
  const msg = parsed.data;
  const content: OutputPart[] = [];
  for (const block of msg.content) {
    const read = readAnthropicBlock(block);
    if (read.kind === "invalid") {
      throw new GatewayError("upstream", "The upstream response could not be read.", { cause: read.reason });
    }
    if (read.kind === "part") content.push(read.part);
  }
  const res: IrResponse = {
    id: msg.id,
    model: msg.model,
    content,
    stopReason: msg.stop_reason == null ? null : anthropicStopReason(msg.stop_reason),
    usage: anthropicMessageUsage(msg) ?? anthropicUsageToRecord(msg.usage),
    rawUsage: msg.usage,
  };
  if (msg.stop_sequence != null) res.stopSequence = msg.stop_sequence;
  const refusal = refusalExplanation(msg.stop_details);
  if (refusal !== undefined) res.refusal = refusal;
  return res;
}
