/**
 * Anthropic SSE events → IR stream events (https://docs.anthropic.com/en/docs/build-with-claude/streaming). One instance per stream.
 */
import type { ErrorKind } from "../errors.ts";
import type { IrStreamDecoder, IrStreamEvent, IrStreamFailure, IrStreamOutcome } from "../ir/stream.ts";
import type { SseEvent } from "../sse/decoder.ts";
import type { UsageRecord } from "../usage.ts";
import type { UsageTap } from "../usage-tap.ts";
import { readAnthropicBlock, refusalExplanation } from "./decode-response.ts";
import { upstreamErrorFromAnthropic } from "./errors.ts";
import type { AnthropicStreamEvent } from "./schema.ts";
import { anthropicStopReason } from "./stop-reasons.ts";
import { AnthropicStreamUsage, readAnthropicStreamEvent } from "./stream-usage.ts";

type PartKind = "text" | "thinking" | "redacted_thinking" | "tool_call";

/**
 * Decodes one Anthropic Messages stream into IR events, and follows what it cost. It never
 * throws on stream content: an unreadable frame becomes an `error` event that ends the stream,
 * since translating past a lost delta would hand the client corrupt content.
 */
export class AnthropicStreamDecoder implements IrStreamDecoder {
  private readonly tracker = new AnthropicStreamUsage();
  /** What the stream cost: the Anthropic usage tap, fed by {@link decode}. */
  readonly tap: UsageTap = this.tracker;
  // Open blocks we translate, by Anthropic index; deltas of any other block are dropped.
  private readonly open = new Map<number, PartKind>();
  private failure: IrStreamFailure | undefined;
  private started = false;

  /** finished: message_stop arrived; errored: an error ended it; streaming: neither yet. */
  get outcome(): IrStreamOutcome {
    return this.failure ? "errored" : this.tracker.finished ? "finished" : "streaming";
  }

  /** The error that ended the stream, if one did. */
  get error(): IrStreamFailure | undefined {
    return this.failure;
  }

  /** Usage so far: the vendor's cumulative counts, or an estimate for a stream cut short. */
  usage(): UsageRecord {
    return this.tracker.usage();
  }

  /** The vendor's raw usage object as known so far. */
  rawUsage(): unknown {
    return this.tracker.rawUsage();
  }

  decode(ev: SseEvent): IrStreamEvent[] {
    if (this.outcome !== "streaming") return [];
    const read = readAnthropicStreamEvent(ev);
    if (read.kind !== "event") {
      this.tracker.onEvent(ev);
      if (read.errorFrame) return this.fail("upstream", "The upstream stream failed.", "api_error");
      if (read.kind === "invalid") return this.fail("upstream", "The upstream sent an unreadable event.", "");
      return [];
    }
    const event = read.event;
    // Everything but a ping or an error belongs to a message, which message_start opens.
    if (!this.started && event.type !== "message_start" && event.type !== "ping" && event.type !== "error") {
      return this.fail("upstream", "The upstream sent an event before message_start.", "");
    }
    this.tracker.onParsedEvent(event);
    return this.translate(event);
  }

  end(): IrStreamEvent[] {
    if (this.outcome !== "streaming") return [];
    // A stream closed without message_stop is an error, never a made-up finish.
    return this.fail("upstream", "The upstream stream ended before the message was complete.", "");
  }

  private translate(event: AnthropicStreamEvent): IrStreamEvent[] {
    switch (event.type) {
      case "message_start":
        this.started = true;
        return [
          {
            type: "message_start",
            id: event.message.id,
            model: event.message.model,
            usage: this.tracker.usage(),
            rawUsage: event.message.usage,
          },
        ];
      case "content_block_start":
        return this.startBlock(event.index, event.content_block);
      case "content_block_delta":
        return this.delta(event);
      case "content_block_stop":
        return this.open.delete(event.index) ? [{ type: "part_stop", index: event.index }] : [];
      case "message_delta": {
        const raw = event.delta.stop_reason;
        const out: IrStreamEvent = {
          type: "message_delta",
          stopReason: raw == null ? null : anthropicStopReason(raw),
          usage: this.tracker.usage(),
          rawUsage: this.tracker.rawUsage(),
        };
        if (event.delta.stop_sequence != null) out.stopSequence = event.delta.stop_sequence;
        const refusal = refusalExplanation(event.delta.stop_details);
        if (refusal !== undefined) out.refusal = refusal;
        return [out];
      }
      case "message_stop":
        return [{ type: "message_stop" }];
      case "ping":
        return [];
      case "error": {
        const { kind, message } = upstreamErrorFromAnthropic(event.error.type, event.error.message ?? "");
        return this.fail(kind, message, event.error.type);
      }
    }
  }

  private startBlock(index: number, block: { type: string }): IrStreamEvent[] {
    const read = readAnthropicBlock(block);
    if (read.kind === "skipped") return [];
    if (read.kind === "invalid") return this.fail("upstream", "The upstream sent an unreadable event.", "");
    const p = read.part;
    const out: IrStreamEvent[] = [];
    // A block may open with content already in it; it is passed on as a first delta.
    switch (p.type) {
      case "text":
        out.push({ type: "part_start", index, part: { kind: "text" } });
        if (p.text !== "") out.push({ type: "text_delta", index, text: p.text });
        break;
      case "thinking":
        out.push({ type: "part_start", index, part: { kind: "thinking" } });
        if (p.text !== "") out.push({ type: "thinking_delta", index, text: p.text });
        if (p.signature !== "") out.push({ type: "signature_delta", index, signature: p.signature });
        break;
      case "redacted_thinking":
        out.push({ type: "part_start", index, part: { kind: "redacted_thinking", data: p.data } });
        break;
      case "tool_call":
        out.push({ type: "part_start", index, part: { kind: "tool_call", id: p.id, name: p.name } });
        if (Object.keys(p.input).length > 0) {
          out.push({ type: "tool_input_delta", index, partialJson: JSON.stringify(p.input) });
        }
        break;
    }
    this.open.set(index, p.type);
    return out;
  }

  private delta(event: Extract<AnthropicStreamEvent, { type: "content_block_delta" }>): IrStreamEvent[] {
    const kind = this.open.get(event.index);
    const { index, delta: d } = event;
    // citations_delta and deltas of dropped blocks (server tools) have no IR counterpart.
    if (kind === "text" && d.type === "text_delta" && d.text)
      return [{ type: "text_delta", index, text: d.text }];
    if (kind === "thinking" && d.type === "thinking_delta" && d.thinking) {
      return [{ type: "thinking_delta", index, text: d.thinking }];
    }
    if (kind === "thinking" && d.type === "signature_delta" && d.signature) {
      return [{ type: "signature_delta", index, signature: d.signature }];
    }
    if (kind === "tool_call" && d.type === "input_json_delta" && d.partial_json) {
      return [{ type: "tool_input_delta", index, partialJson: d.partial_json }];
    }
    return [];
  }

  private fail(kind: ErrorKind, message: string, raw: string): IrStreamEvent[] {
    this.failure = { kind, message, raw };
    return [{ type: "error", kind, message, raw }];
  }
}
