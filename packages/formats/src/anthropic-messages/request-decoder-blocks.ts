/**
 * Anthropic content blocks of a request (wire-formats.md §1.2 `ContentBlockParam`) → IR parts.
 * The inverse of request-parts.ts. Blocks are checked one by one, so a 400 names the block at
 * fault (`messages.2.content.0.source`).
 */
import { z } from "zod";
import { GatewayError } from "../errors.ts";
import { parseRequest } from "../invalid-request.ts";
import type {
  CacheControl,
  ContentPart,
  DocumentPart,
  ImagePart,
  MediaSource,
  TextPart,
  ToolCallPart,
  ToolResultContentPart,
  ToolResultPart,
} from "../ir/content.ts";

const CacheControlSchema = z.looseObject({
  type: z.literal("ephemeral"),
  ttl: z.enum(["5m", "1h"]).optional(),
});
const cacheable = { cache_control: CacheControlSchema.nullish() };

const MediaSourceSchema = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("base64"), media_type: z.string(), data: z.string() }),
  z.looseObject({ type: z.literal("url"), url: z.string() }),
  z.looseObject({ type: z.literal("text"), data: z.string() }),
  z.looseObject({ type: z.literal("file") }),
  z.looseObject({ type: z.literal("content") }),
]);

const TextSchema = z.looseObject({ type: z.literal("text"), text: z.string(), ...cacheable });
const ImageSchema = z.looseObject({ type: z.literal("image"), source: MediaSourceSchema, ...cacheable });
const DocumentSchema = z.looseObject({
  type: z.literal("document"),
  source: MediaSourceSchema,
  ...cacheable,
});

const BLOCKS = {
  text: TextSchema,
  image: ImageSchema,
  document: DocumentSchema,
  tool_use: z.looseObject({
    type: z.literal("tool_use"),
    id: z.string(),
    name: z.string(),
    input: z.record(z.string(), z.unknown()),
    ...cacheable,
  }),
  tool_result: z.looseObject({
    type: z.literal("tool_result"),
    tool_use_id: z.string(),
    content: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))]).nullish(),
    is_error: z.boolean().nullish(),
    ...cacheable,
  }),
  thinking: z.looseObject({ type: z.literal("thinking"), thinking: z.string(), signature: z.string() }),
  redacted_thinking: z.looseObject({ type: z.literal("redacted_thinking"), data: z.string() }),
} as const;

const invalid = (param: string, problem: string) =>
  new GatewayError("invalid_request", `${param}: ${problem}`, { param });

/** A client's `cache_control`, copied field by field (its extra keys are not forwarded). */
export function cacheControlOf(
  cc: z.infer<typeof CacheControlSchema> | null | undefined,
): CacheControl | undefined {
  if (!cc) return undefined;
  return cc.ttl ? { type: "ephemeral", ttl: cc.ttl } : { type: "ephemeral" };
}

function withCache<P extends { cacheControl?: CacheControl }>(part: P, cc: CacheControl | undefined): P {
  if (cc) part.cacheControl = cc;
  return part;
}

function media(
  block: z.infer<typeof ImageSchema> | z.infer<typeof DocumentSchema>,
  param: string,
): ToolResultContentPart {
  const s = block.source;
  const cc = cacheControlOf(block.cache_control);
  // A plain-text document is text to every vendor.
  if (s.type === "text") return withCache<TextPart>({ type: "text", text: s.data }, cc);
  if (s.type !== "base64" && s.type !== "url") {
    throw invalid(`${param}.source.type`, `${s.type} sources are not supported for this model`);
  }
  const source: MediaSource =
    s.type === "base64"
      ? { type: "base64", mediaType: s.media_type, data: s.data }
      : { type: "url", url: s.url };
  return withCache<ImagePart | DocumentPart>({ type: block.type, source }, cc);
}

/** A text block's text part, or nothing for empty text (which carries nothing). */
export function textPart(block: unknown, param: string): TextPart[] {
  const b = parseRequest(TextSchema, block, param);
  return b.text === ""
    ? []
    : [withCache<TextPart>({ type: "text", text: b.text }, cacheControlOf(b.cache_control))];
}

function resultContent(
  content: string | { type: string }[] | null | undefined,
  param: string,
): ToolResultContentPart[] {
  if (content == null) return [];
  if (typeof content === "string") return content === "" ? [] : [{ type: "text", text: content }];
  return content.flatMap((b, j) => {
    const at = `${param}.${j}`;
    if (b.type === "text") return textPart(b, at);
    if (b.type === "image" || b.type === "document") return [media(parseRequest(BLOCKS[b.type], b, at), at)];
    throw invalid(`${at}.type`, `${b.type} blocks are not supported in a tool result for this model`);
  });
}

/**
 * The IR part of one block of a message. Blocks the IR does not model (server-tool calls and
 * results, search results, container uploads, tool references) are dropped: they belong to
 * Anthropic's own tools, which another vendor cannot run or read.
 */
export function blockParts(block: { type: string }, param: string): ContentPart[] {
  switch (block.type) {
    case "text":
      return textPart(block, param);
    case "image":
    case "document":
      return [media(parseRequest(BLOCKS[block.type], block, param), param)];
    case "tool_use": {
      const b = parseRequest(BLOCKS.tool_use, block, param);
      return [
        withCache<ToolCallPart>(
          { type: "tool_call", id: b.id, name: b.name, input: b.input },
          cacheControlOf(b.cache_control),
        ),
      ];
    }
    case "tool_result": {
      const b = parseRequest(BLOCKS.tool_result, block, param);
      const part: ToolResultPart = {
        type: "tool_result",
        toolCallId: b.tool_use_id,
        content: resultContent(b.content, `${param}.content`),
      };
      if (b.is_error) part.isError = true;
      return [withCache(part, cacheControlOf(b.cache_control))];
    }
    case "thinking": {
      const b = parseRequest(BLOCKS.thinking, block, param);
      return [{ type: "thinking", text: b.thinking, signature: b.signature }];
    }
    case "redacted_thinking":
      return [{ type: "redacted_thinking", data: parseRequest(BLOCKS.redacted_thinking, block, param).data }];
    default:
      return [];
  }
}
