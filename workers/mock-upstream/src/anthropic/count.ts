import { estimateTokens } from "@cc/formats";
import { blocksOf, textOf, toolResultText } from "./conversation.ts";
import type { Block, CountTokensRequest } from "./schema.ts";

/**
 * Input token counting. The prompt is cut into segments in Anthropic's cache order
 * (tools → system → messages), and
 *
 *   input total = Σ estimateTokens(segment text)          (estimateTokens = ceil(UTF-8 bytes / 4))
 *
 * where the segment texts are:
 *   - each tool definition: JSON.stringify(tool without its `cache_control` key);
 *   - `system`: the string, or the `text` of each system block;
 *   - each content block of each message, in order (a string content is one text block, any role):
 *       text → its text; tool_use → JSON.stringify(input); tool_result → its string content, or the
 *       texts of its text parts joined with "\n"; every other block type (image, document,
 *       thinking, redacted_thinking, …) → "" (0 tokens).
 * Roles, model, max_tokens, thinking config and other fields are not counted. count_tokens and
 * /v1/messages use this same function, so count_tokens = input + cache creation + cache read.
 */
export interface Segment {
  tokens: number;
  /** Stable identity of the segment (cache_control stripped), for prefix hashing. */
  key: string;
  /** TTL of a cache_control breakpoint ending at this segment, if any. */
  breakpoint?: "5m" | "1h";
}

function withoutCacheControl(value: object): object {
  const { cache_control: _ignored, ...rest } = value as { cache_control?: unknown };
  return rest;
}

function ttlOf(cc: unknown): "5m" | "1h" | undefined {
  if (typeof cc !== "object" || cc === null) return undefined;
  return (cc as { ttl?: unknown }).ttl === "1h" ? "1h" : "5m";
}

function blockText(block: Block): string {
  if (block.type === "text") return textOf(block);
  if (block.type === "tool_use") return JSON.stringify(block.input ?? {});
  if (block.type === "tool_result") return toolResultText(block);
  return "";
}

function segment(where: string, item: object, text: string, cc: unknown): Segment {
  const seg: Segment = {
    tokens: estimateTokens(text),
    key: JSON.stringify([where, withoutCacheControl(item)]),
  };
  const ttl = ttlOf(cc);
  if (ttl) seg.breakpoint = ttl;
  return seg;
}

export function segmentsOf(req: CountTokensRequest): Segment[] {
  const out: Segment[] = [];
  for (const tool of req.tools ?? []) {
    out.push(segment("tool", tool, JSON.stringify(withoutCacheControl(tool)), tool.cache_control));
  }
  if (typeof req.system === "string") out.push(segment("system", { text: req.system }, req.system, null));
  for (const block of Array.isArray(req.system) ? req.system : []) {
    out.push(segment("system", block, textOf(block), block.cache_control));
  }
  for (const message of req.messages) {
    for (const block of blocksOf(message)) {
      out.push(segment(message.role, block, blockText(block), block.cache_control));
    }
  }
  // Top-level cache_control ("automatic caching") marks the last cacheable block.
  const last = out.at(-1);
  const auto = ttlOf(req.cache_control);
  if (last && auto && !last.breakpoint) last.breakpoint = auto;
  return out;
}

export function totalTokens(segments: Segment[]): number {
  return segments.reduce((sum, s) => sum + s.tokens, 0);
}

/** Anthropic allows at most 4 cache_control breakpoints (top-level automatic caching uses one). */
export function breakpointError(req: CountTokensRequest): string | undefined {
  let n = req.cache_control ? 1 : 0;
  for (const tool of req.tools ?? []) if (tool.cache_control) n += 1;
  for (const b of Array.isArray(req.system) ? req.system : []) if (b.cache_control) n += 1;
  for (const m of req.messages) for (const b of blocksOf(m)) if (b.cache_control) n += 1;
  return n > 4 ? `A maximum of 4 blocks with cache_control may be provided. Found ${n}.` : undefined;
}
