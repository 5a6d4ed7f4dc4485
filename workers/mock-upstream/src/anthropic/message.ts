import type { UsageRecord } from "@cc/formats";
import type { ContainerInfo } from "./containers.ts";
import type { Generated, OutBlock, StopReason } from "./generate.ts";
import { serverToolUsage } from "./server-tools.ts";

/** A complete non-streaming Message (https://docs.anthropic.com/en/api/messages). */
export interface MessageJson {
  id: string;
  type: "message";
  role: "assistant";
  model: string;
  content: OutBlock[];
  stop_reason: StopReason;
  stop_sequence: null;
  stop_details: null;
  container: ContainerInfo | null;
  usage: ReturnType<typeof fullUsage>;
}

/** The usage object, as in a non-streaming Message. */
export function fullUsage(u: UsageRecord) {
  return {
    input_tokens: u.input,
    cache_creation_input_tokens: u.cacheWrite5m + u.cacheWrite1h,
    cache_read_input_tokens: u.cacheRead,
    cache_creation: { ephemeral_5m_input_tokens: u.cacheWrite5m, ephemeral_1h_input_tokens: u.cacheWrite1h },
    output_tokens: u.output,
    output_tokens_details: { thinking_tokens: u.thinking },
    server_tool_use: serverToolUsage(u.toolUses),
    service_tier: u.serviceTier ?? "standard",
    inference_geo: "global" as const,
  };
}

/** message_start usage: input and cache counts, output_tokens 1 (as the API reports it). */
export function startUsage(u: UsageRecord) {
  const { output_tokens_details: _details, server_tool_use: _stu, ...rest } = fullUsage(u);
  return { ...rest, output_tokens: 1 };
}

/** message_delta usage: cumulative, input and cache totals repeated as newer API versions do. */
export function deltaUsage(u: UsageRecord) {
  return {
    input_tokens: u.input,
    cache_creation_input_tokens: u.cacheWrite5m + u.cacheWrite1h,
    cache_read_input_tokens: u.cacheRead,
    output_tokens: u.output,
    output_tokens_details: { thinking_tokens: u.thinking },
    ...(u.toolUses ? { server_tool_use: serverToolUsage(u.toolUses) } : {}),
  };
}

export function buildMessage(
  id: string,
  model: string,
  g: Generated,
  usage: UsageRecord,
  container: ContainerInfo | null = null,
): MessageJson {
  return {
    id,
    type: "message",
    role: "assistant",
    model,
    content: g.content,
    stop_reason: g.stopReason,
    stop_sequence: null,
    stop_details: null,
    container,
    usage: fullUsage(usage),
  };
}
