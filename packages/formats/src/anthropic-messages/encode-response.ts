/**
 * IR response → Anthropic Message JSON (https://docs.anthropic.com/en/api/messages): the answer an Anthropic client
 * (Claude Code) gets when another vendor answered.
 */
import type { OutputPart } from "../ir/content.ts";
import type { IrResponse } from "../ir/response.ts";
import type { StopReason } from "../stop-reason.ts";
import { type AnthropicStopReason, toAnthropicStopReason } from "./stop-reasons.ts";
import type { AnthropicBlockOut, AnthropicMessageOut, AnthropicStopDetails } from "./types.ts";
import { anthropicUsage } from "./usage.ts";

/** Options of the Anthropic encoders. */
export interface AnthropicEncodeOptions {
  /** The model name to report (e.g. the client's alias); the vendor's model id when absent. */
  model?: string;
}

/** The Message id for a vendor id: Anthropic's own as is, another's as `msg_<id>`. */
export const anthropicMessageId = (vendorId: string): string =>
  vendorId.startsWith("msg_") ? vendorId : `msg_${vendorId.replace(/^resp_/, "")}`;

/** A content block for an IR part. */
export function anthropicBlock(p: OutputPart): AnthropicBlockOut {
  switch (p.type) {
    case "text":
      return { type: "text", text: p.text };
    case "thinking":
      return { type: "thinking", thinking: p.text, signature: p.signature };
    case "redacted_thinking":
      return { type: "redacted_thinking", data: p.data };
    case "tool_call":
      return { type: "tool_use", id: p.id, name: p.name, input: p.input };
  }
}

/** The stop fields of a Message or message_delta. */
export function anthropicStop(
  stop: StopReason | null,
  stopSequence: string | undefined,
  refusal: string | undefined,
): {
  stop_reason: AnthropicStopReason;
  stop_sequence: string | null;
  stop_details: AnthropicStopDetails | null;
} {
  const reason = toAnthropicStopReason(stop, stopSequence);
  return {
    stop_reason: reason,
    stop_sequence: stopSequence ?? null,
    stop_details:
      reason === "refusal" ? { type: "refusal", category: null, explanation: refusal ?? null } : null,
  };
}

/** Encode an IR response as an Anthropic Message. */
export function encodeAnthropicResponse(
  res: IrResponse,
  options: AnthropicEncodeOptions = {},
): AnthropicMessageOut {
  return {
    id: anthropicMessageId(res.id),
    type: "message",
    role: "assistant",
    model: options.model ?? res.model,
    content: res.content.map(anthropicBlock),
    ...anthropicStop(res.stopReason, res.stopSequence, res.refusal),
    usage: anthropicUsage(res.usage),
  };
}
