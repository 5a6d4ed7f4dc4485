import type { SseEvent } from "../sse/decoder.ts";
import type { StoredObject } from "../stored-objects.ts";
import { countToolUse, type UsageRecord } from "../usage.ts";
import { billableUsage, GeneratedText, type RelayedOutput, type UsageTap } from "../usage-tap.ts";
import {
  ANTHROPIC_STREAM_EVENT_TYPES,
  type AnthropicStreamEvent,
  AnthropicStreamEventSchema,
  type AnthropicUsage,
} from "./schema.ts";
import {
  anthropicContainer,
  anthropicUsageToRecord,
  mergeServerToolBlocks,
  serverToolKind,
} from "./usage.ts";

/** An `event: error` received inside an Anthropic stream (after HTTP 200). */
export interface AnthropicStreamError {
  /** Anthropic's `error.type`, e.g. `overloaded_error`; `api_error` when the frame was unreadable. */
  type: string;
  message: string;
}

/** The result of reading one SSE event of an Anthropic stream. */
export type AnthropicStreamRead =
  | { kind: "event"; event: AnthropicStreamEvent }
  /** A frame this code does not know (an event type added later): not ours to judge. */
  | { kind: "ignored"; errorFrame: boolean }
  /** Not JSON, or a known type that does not match its schema. */
  | { kind: "invalid"; reason: string; errorFrame: boolean };

/**
 * Parse and validate one SSE event of an Anthropic stream; never throws. `errorFrame` tells
 * that an unreadable frame was an error report, so the stream failed whatever it said.
 */
export function readAnthropicStreamEvent(ev: SseEvent): AnthropicStreamRead {
  let json: unknown;
  try {
    json = JSON.parse(ev.data);
  } catch (e) {
    const reason = `bad JSON in ${ev.event ?? "unnamed"} event: ${(e as Error).message}`;
    return { kind: "invalid", reason, errorFrame: ev.event === "error" };
  }
  const type = typeof json === "object" && json !== null && "type" in json ? json.type : undefined;
  if (typeof type !== "string" || !ANTHROPIC_STREAM_EVENT_TYPES.has(type)) {
    return { kind: "ignored", errorFrame: ev.event === "error" };
  }
  // Deltas are nearly every frame of a stream: check their few fields by hand, with exactly
  // the schema's rules, and leave zod to the rare frames (measured: zod per delta cost more
  // than the SSE parsing itself, docs/performance.md).
  if (type === "content_block_delta" && isPlainDelta(json)) return { kind: "event", event: json };
  const parsed = AnthropicStreamEventSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const reason = `invalid ${type} event at ${issue?.path.join(".") ?? ""}: ${issue?.message ?? ""}`;
    return { kind: "invalid", reason, errorFrame: type === "error" };
  }
  return { kind: "event", event: parsed.data };
}

const DELTA_FIELDS = ["text", "thinking", "partial_json", "signature"] as const;

/** A content_block_delta that AnthropicContentBlockDeltaEventSchema accepts, checked without zod. */
export function isPlainDelta(json: unknown): json is AnthropicStreamEvent & { type: "content_block_delta" } {
  if (typeof json !== "object" || json === null) return false;
  const event = json as { index?: unknown; delta?: unknown };
  if (typeof event.index !== "number" || !Number.isInteger(event.index) || event.index < 0) return false;
  const delta = event.delta as Record<string, unknown> | null | undefined;
  if (typeof delta !== "object" || delta === null || typeof delta.type !== "string") return false;
  return DELTA_FIELDS.every((field) => delta[field] === undefined || typeof delta[field] === "string");
}

/**
 * Follows an Anthropic Messages stream, event by event, to learn what it cost: the usage of
 * message_start and message_delta, the server tools it ran, the stop reason, whether it
 * finished, and any error. The usage tap of the Anthropic format. It never throws on stream
 * content: a frame it cannot read is counted in `parseErrors`.
 */
export class AnthropicStreamUsage implements UsageTap {
  /** `message.id` from message_start. */
  messageId: string | undefined;
  /** `message.model` from message_start (the vendor's exact model id). */
  model: string | undefined;
  /** `delta.stop_reason` of message_delta; null until it arrives. */
  stopReason: string | null = null;
  /** True once message_stop arrived: the vendor completed the stream. */
  finished = false;
  /** The first `event: error` of the stream, if any. */
  error: AnthropicStreamError | undefined;
  /** Frames that were not JSON or did not match the event schema. */
  parseErrors = 0;
  /** The reason of the last such frame, for logs. */
  lastParseError: string | undefined;

  private startUsage: AnthropicUsage | undefined;
  private deltaUsage: AnthropicUsage | undefined;
  // What the model generated so far (text, thinking and tool-input deltas).
  private readonly generated = new GeneratedText();
  private serverTools: Record<string, number> = {};
  private container: StoredObject | undefined;

  /** True when an `event: error` arrived. */
  get sawError(): boolean {
    return this.error !== undefined;
  }

  get completed(): boolean {
    return this.finished;
  }

  get failed(): boolean {
    return this.sawError || this.parseErrors > 0;
  }

  /** Take one SSE event of the stream into account. */
  onEvent(ev: SseEvent): void {
    const read = readAnthropicStreamEvent(ev);
    if (read.kind === "event") {
      this.onParsedEvent(read.event);
      return;
    }
    if (read.kind === "invalid") this.parseError(read.reason);
    if (read.errorFrame) this.recordError({ type: "api_error", message: ev.data });
  }

  /** Take one already validated event into account (for callers that parsed it themselves). */
  onParsedEvent(event: AnthropicStreamEvent): void {
    switch (event.type) {
      case "message_start":
        this.messageId = event.message.id;
        this.model = event.message.model;
        this.startUsage = event.message.usage;
        this.noteContainer(event.message.container);
        break;
      case "content_block_start": {
        const block = event.content_block;
        if (typeof block.text === "string") this.generated.add(block.text);
        if (typeof block.thinking === "string") this.generated.addThinking(block.thinking);
        if (block.type === "server_tool_use" && typeof block.name === "string")
          countToolUse(this.serverTools, serverToolKind(block.name));
        break;
      }
      case "content_block_delta": {
        const d = event.delta;
        if (d.type === "text_delta" && d.text !== undefined) this.generated.add(d.text);
        else if (d.type === "thinking_delta" && d.thinking !== undefined)
          this.generated.addThinking(d.thinking);
        else if (d.type === "input_json_delta" && d.partial_json !== undefined)
          this.generated.add(d.partial_json);
        break;
      }
      case "message_delta":
        if (event.delta.stop_reason != null) this.stopReason = event.delta.stop_reason;
        // Cumulative: the latest message_delta replaces, never adds to, the one before.
        if (event.usage) this.deltaUsage = event.usage;
        this.noteContainer(event.delta.container);
        break;
      case "message_stop":
        this.finished = true;
        break;
      case "error":
        this.recordError({ type: event.error.type, message: event.error.message ?? "" });
        break;
    }
  }

  /**
   * The vendor's usage object as known so far: message_start's, overlaid with the non-null
   * fields of the last message_delta (older API versions send only `output_tokens` there).
   */
  rawUsage(): AnthropicUsage | undefined {
    if (!this.deltaUsage) return this.startUsage;
    const merged: AnthropicUsage = { ...this.startUsage };
    for (const [key, value] of Object.entries(this.deltaUsage)) {
      if (value !== null && value !== undefined) merged[key] = value;
    }
    return merged;
  }

  /** The vendor's usage so far (message_start's, then message_delta's), with the server tools it ran. */
  reported(): UsageRecord | undefined {
    const raw = this.rawUsage();
    if (raw === undefined) return undefined;
    return mergeServerToolBlocks(anthropicUsageToRecord(raw), this.serverTools);
  }

  relayed(): RelayedOutput {
    return this.generated.counted();
  }

  created(): StoredObject[] {
    return this.container ? [this.container] : [];
  }

  private noteContainer(value: unknown): void {
    this.container = anthropicContainer(value) ?? this.container;
  }

  /**
   * The usage to show so far. With a message_delta, the vendor's cumulative numbers. Without one
   * (a stream cut short), message_start's input side, and an output counted from the text
   * generated so far, never below message_start's `output_tokens`.
   */
  usage(): UsageRecord {
    return billableUsage(this.reported(), this.relayed(), 0, this.deltaUsage !== undefined);
  }

  private recordError(error: AnthropicStreamError): void {
    this.error ??= error;
  }

  private parseError(reason: string): void {
    this.parseErrors++;
    this.lastParseError = reason;
  }
}
