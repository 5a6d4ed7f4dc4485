/**
 * Content parts of the internal representation: what a message, a tool result or a model's
 * answer is made of. Every wire format maps its blocks to and from these; nothing here is
 * shaped after one vendor. Prompt-cache markers stay on the part the client put them on.
 */

/** A prompt-cache breakpoint on a part (Anthropic `cache_control`), kept where the client put it. */
export interface CacheControl {
  type: "ephemeral";
  ttl?: "5m" | "1h";
}

/** Where the bytes of an image or document are: inline base64, or a URL the vendor fetches. */
export type MediaSource = { type: "base64"; mediaType: string; data: string } | { type: "url"; url: string };

/** Plain text. */
export interface TextPart {
  type: "text";
  text: string;
  cacheControl?: CacheControl;
}

/** An image (jpeg, png, gif, webp). */
export interface ImagePart {
  type: "image";
  source: MediaSource;
  cacheControl?: CacheControl;
}

/** A document (PDF). */
export interface DocumentPart {
  type: "document";
  source: MediaSource;
  cacheControl?: CacheControl;
}

/** A tool call the model made; `input` is always a JSON object (an empty call is `{}`). */
export interface ToolCallPart {
  type: "tool_call";
  id: string;
  name: string;
  input: Record<string, unknown>;
  cacheControl?: CacheControl;
}

/** What may appear inside a tool result. */
export type ToolResultContentPart = TextPart | ImagePart | DocumentPart;

/** The client's answer to a tool call. */
export interface ToolResultPart {
  type: "tool_result";
  toolCallId: string;
  content: ToolResultContentPart[];
  isError?: boolean;
  cacheControl?: CacheControl;
}

/**
 * The model's visible reasoning. The signature is opaque and vendor-bound: it must travel back
 * unmodified, or the vendor rejects the next turn of a tool loop (https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking).
 */
export interface ThinkingPart {
  type: "thinking";
  text: string;
  signature: string;
}

/** Reasoning the vendor encrypted; only `data` exists, and it too must travel back unmodified. */
export interface RedactedThinkingPart {
  type: "redacted_thinking";
  data: string;
}

/** Any part of a conversation turn. */
export type ContentPart =
  | TextPart
  | ImagePart
  | DocumentPart
  | ToolCallPart
  | ToolResultPart
  | ThinkingPart
  | RedactedThinkingPart;

/** The parts a model generates: the content of a response. */
export type OutputPart = TextPart | ThinkingPart | RedactedThinkingPart | ToolCallPart;
