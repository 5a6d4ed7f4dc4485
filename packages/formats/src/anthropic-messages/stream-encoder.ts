/**
 * IR stream events → Anthropic Messages SSE (https://docs.anthropic.com/en/docs/build-with-claude/streaming): the stream an Anthropic
 * client (Claude Code) gets when another vendor answers. One instance per stream.
 */
import type { IrPartStart, IrStreamEncoder, IrStreamEvent } from "../ir/stream.ts";
import { encodeSse } from "../sse/encoder.ts";
import { emptyUsage, type UsageRecord } from "../usage.ts";
import { type AnthropicEncodeOptions, anthropicMessageId, anthropicStop } from "./encode-response.ts";
import { anthropicErrorObject } from "./errors.ts";
import type { AnthropicStreamEventOut } from "./types.ts";
import { anthropicUsage } from "./usage.ts";

/** The SSE text of one event. The Anthropic SDK dispatches on the `event:` line. */
export const anthropicStreamFrame = (e: AnthropicStreamEventOut): string =>
  encodeSse({ event: e.type, data: JSON.stringify(e) });

function blockStart(p: IrPartStart): Record<string, unknown> {
  switch (p.kind) {
    case "text":
      return { type: "text", text: "" };
    case "thinking":
      return { type: "thinking", thinking: "", signature: "" };
    case "redacted_thinking":
      return { type: "redacted_thinking", data: p.data };
    case "tool_call":
      return { type: "tool_use", id: p.id, name: p.name, input: {} };
  }
}

/**
 * Encodes one answer in the full Anthropic grammar: message_start (with usage), a ping, then per
 * IR part content_block_start / _delta / _stop with indices 0, 1, 2… (the SDK appends blocks in
 * order and addresses them by index), message_delta with the stop reason and cumulative usage,
 * message_stop. Claude Code stops silently on a stream missing content_block_stop or
 * message_stop, so blocks left open are closed before message_delta, and a
 * message_delta is sent if none came. An error ends the stream with `event: error`.
 */
export class AnthropicStreamEncoder implements IrStreamEncoder {
  private started = false;
  private ended = false;
  private delta = false;
  // IR part index → our contiguous block index.
  private readonly blocks = new Map<number, number>();
  private next = 0;
  private usage: UsageRecord = emptyUsage();

  constructor(private readonly options: AnthropicEncodeOptions = {}) {}

  /** The events one IR event becomes (possibly none). */
  encode(ev: IrStreamEvent): AnthropicStreamEventOut[] {
    if (this.ended) return [];
    if (ev.type === "error") {
      this.ended = true;
      return [{ type: "error", error: anthropicErrorObject(ev.kind, ev.message) }];
    }
    if (ev.type === "message_start") {
      if (this.started) return [];
      this.started = true;
      this.usage = ev.usage;
      const message = {
        id: anthropicMessageId(ev.id),
        type: "message",
        role: "assistant",
        model: this.options.model ?? ev.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: anthropicUsage(ev.usage),
      };
      return [{ type: "message_start", message }, { type: "ping" }];
    }
    if (!this.started) return [];
    const index = "index" in ev ? this.blocks.get(ev.index) : undefined;
    switch (ev.type) {
      case "part_start": {
        const i = this.next++;
        this.blocks.set(ev.index, i);
        return [{ type: "content_block_start", index: i, content_block: blockStart(ev.part) }];
      }
      case "text_delta":
        return this.blockDelta(index, { type: "text_delta", text: ev.text });
      case "thinking_delta":
        return this.blockDelta(index, { type: "thinking_delta", thinking: ev.text });
      case "signature_delta":
        return this.blockDelta(index, { type: "signature_delta", signature: ev.signature });
      case "tool_input_delta":
        return this.blockDelta(index, { type: "input_json_delta", partial_json: ev.partialJson });
      case "part_stop":
        if (index === undefined) return [];
        this.blocks.delete(ev.index);
        return [{ type: "content_block_stop", index }];
      case "message_delta": {
        this.usage = ev.usage;
        this.delta = true;
        const delta = anthropicStop(ev.stopReason, ev.stopSequence, ev.refusal);
        return [...this.closeAll(), { type: "message_delta", delta, usage: anthropicUsage(ev.usage) }];
      }
      case "message_stop": {
        this.ended = true;
        const out = this.closeAll();
        if (!this.delta) {
          out.push({
            type: "message_delta",
            delta: anthropicStop(null, undefined, undefined),
            usage: anthropicUsage(this.usage),
          });
        }
        out.push({ type: "message_stop" });
        return out;
      }
    }
  }

  /** {@link encode} as SSE text. */
  encodeSse(ev: IrStreamEvent): string {
    return this.encode(ev).map(anthropicStreamFrame).join("");
  }

  private blockDelta(index: number | undefined, delta: Record<string, unknown>): AnthropicStreamEventOut[] {
    return index === undefined ? [] : [{ type: "content_block_delta", index, delta }];
  }

  private closeAll(): AnthropicStreamEventOut[] {
    const open = [...this.blocks.values()].sort((a, b) => a - b);
    this.blocks.clear();
    return open.map((index) => ({ type: "content_block_stop", index }));
  }
}
