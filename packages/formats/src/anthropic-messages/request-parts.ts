/**
 * IR content parts → Anthropic content blocks (wire-formats.md §1.2 `ContentBlockParam`).
 */
import type {
  CacheControl,
  ContentPart,
  DocumentPart,
  ImagePart,
  MediaSource,
  TextPart,
  ToolResultContentPart,
} from "../ir/content.ts";

/** `cache_control` as Anthropic spells it. */
export interface AnthropicCacheControl {
  type: "ephemeral";
  ttl?: "5m" | "1h";
}

/** A block that may carry a cache breakpoint. */
export interface Cacheable {
  cache_control?: AnthropicCacheControl;
}

export type AnthropicSource =
  | { type: "base64"; media_type: string; data: string }
  | { type: "url"; url: string };

export interface AnthropicTextBlockParam extends Cacheable {
  type: "text";
  text: string;
}
export interface AnthropicImageBlockParam extends Cacheable {
  type: "image";
  source: AnthropicSource;
}
export interface AnthropicDocumentBlockParam extends Cacheable {
  type: "document";
  source: AnthropicSource;
}
export interface AnthropicToolUseBlockParam extends Cacheable {
  type: "tool_use";
  id: string;
  name: string;
  input: Record<string, unknown>;
}
export interface AnthropicToolResultBlockParam extends Cacheable {
  type: "tool_result";
  tool_use_id: string;
  content?: (AnthropicTextBlockParam | AnthropicImageBlockParam | AnthropicDocumentBlockParam)[];
  is_error?: boolean;
}
export interface AnthropicThinkingBlockParam {
  type: "thinking";
  thinking: string;
  signature: string;
}
export interface AnthropicRedactedThinkingBlockParam {
  type: "redacted_thinking";
  data: string;
}

/** Any block the gateway sends in a request. */
export type AnthropicBlockParam =
  | AnthropicTextBlockParam
  | AnthropicImageBlockParam
  | AnthropicDocumentBlockParam
  | AnthropicToolUseBlockParam
  | AnthropicToolResultBlockParam
  | AnthropicThinkingBlockParam
  | AnthropicRedactedThinkingBlockParam;

/** Copy a cache marker onto a block, field by field (a client's extra keys are not forwarded). */
export function withCache<T extends Cacheable>(block: T, cc: CacheControl | undefined): T {
  if (cc) block.cache_control = cc.ttl ? { type: "ephemeral", ttl: cc.ttl } : { type: "ephemeral" };
  return block;
}

function source(s: MediaSource): AnthropicSource {
  return s.type === "base64"
    ? { type: "base64", media_type: s.mediaType, data: s.data }
    : { type: "url", url: s.url };
}

/** A text part as a text block. */
export const textBlock = (p: TextPart): AnthropicTextBlockParam =>
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
export function contentBlock(p: ContentPart): AnthropicBlockParam {
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
