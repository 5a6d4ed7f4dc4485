/**
 * IR stream events → OpenAI Chat chunks (https://platform.openai.com/docs/api-reference/chat-streaming). One instance per stream.
 */
import type { IrStreamEncoder, IrStreamEvent } from "../ir/stream.ts";
import { encodeSse } from "../sse/encoder.ts";
import type { UsageRecord } from "../usage.ts";
import { type ChatEncodeOptions, chatCompletionId, unixSeconds } from "./encode-response.ts";
import { openAiErrorObject } from "./errors.ts";
import { openAiFinishReason } from "./stop-reasons.ts";
import type { ChatCompletionChunk, ChatCompletionDelta, ChatFinishReason, ChatStreamData } from "./types.ts";
import { openAiChatUsage } from "./usage.ts";

/** Options of {@link OpenAiChatStreamEncoder}. */
export interface ChatStreamOptions extends ChatEncodeOptions {
  /** The client's `stream_options.include_usage`: only then is a usage chunk sent. */
  includeUsage: boolean;
}

/** The SSE frame of one stream payload: `data: <json>` or `data: [DONE]`. */
export const chatStreamFrame = (d: ChatStreamData): string =>
  encodeSse({ data: typeof d === "string" ? d : JSON.stringify(d) });

/**
 * Encodes one answer as OpenAI Chat chunks. Every chunk has the same `id` and `created`; the
 * first carries `role`. Tool calls are numbered by their ordinal among tool calls (docs/wire-formats.md, "Claude → OpenAI Chat").
 * Thinking text streams as `reasoning_content`; when a thinking block ends, one
 * `thinking_blocks` entry carries its full text and signature, ready to be sent back.
 *
 * The stream ends with the finish chunk, the usage chunk if asked for, then one `[DONE]`. An
 * error ends it with `data: {"error":…}` and no `[DONE]`: the OpenAI SDK raises on the error
 * frame, and a client that ignores it still sees a stream without its terminator, never a
 * normal end; no `finish_reason` is made up.
 */
export class OpenAiChatStreamEncoder implements IrStreamEncoder {
  private id = "";
  private model = "";
  private readonly created: number;
  private started = false;
  private ended = false;
  private finished = false;
  private usage: UsageRecord | undefined;
  private nextOrdinal = 0;
  // Anthropic index → tool call ordinal, and whether any argument text was sent for it.
  private readonly tools = new Map<number, { ordinal: number; sentArgs: boolean }>();
  private readonly thinking = new Map<number, { text: string; signature: string }>();
  private readonly redacted = new Map<number, string>();

  constructor(private readonly options: ChatStreamOptions) {
    this.created = options.created ?? unixSeconds();
  }

  /** The payloads one IR event becomes (possibly none). */
  encode(ev: IrStreamEvent): ChatStreamData[] {
    if (this.ended) return [];
    if (ev.type === "error") {
      this.ended = true;
      return [{ error: openAiErrorObject(ev.kind, ev.message) }];
    }
    if (ev.type === "message_start") {
      if (this.started) return [];
      this.started = true;
      this.id = chatCompletionId(ev.id);
      this.model = this.options.model ?? ev.model;
      this.usage = ev.usage;
      return [this.chunk({ role: "assistant", content: "" })];
    }
    // Anthropic always opens with message_start; content before it has no id to go under.
    if (!this.started) return [];
    return this.encodeStarted(ev);
  }

  /** {@link encode} as SSE text. */
  encodeSse(ev: IrStreamEvent): string {
    return this.encode(ev).map(chatStreamFrame).join("");
  }

  private encodeStarted(ev: Exclude<IrStreamEvent, { type: "error" | "message_start" }>): ChatStreamData[] {
    switch (ev.type) {
      case "part_start": {
        const p = ev.part;
        if (p.kind === "thinking") this.thinking.set(ev.index, { text: "", signature: "" });
        else if (p.kind === "redacted_thinking") this.redacted.set(ev.index, p.data);
        else if (p.kind === "tool_call") {
          const ordinal = this.nextOrdinal++;
          this.tools.set(ev.index, { ordinal, sentArgs: false });
          const call = {
            index: ordinal,
            id: p.id,
            type: "function" as const,
            function: { name: p.name, arguments: "" },
          };
          return [this.chunk({ tool_calls: [call] })];
        }
        return [];
      }
      case "text_delta":
        return [this.chunk({ content: ev.text })];
      case "thinking_delta": {
        const t = this.thinking.get(ev.index);
        if (t) t.text += ev.text;
        return [this.chunk({ reasoning_content: ev.text })];
      }
      case "signature_delta": {
        const t = this.thinking.get(ev.index);
        if (t) t.signature += ev.signature;
        return [];
      }
      case "tool_input_delta": {
        const tool = this.tools.get(ev.index);
        if (!tool || ev.partialJson === "") return [];
        tool.sentArgs = true;
        return [
          this.chunk({ tool_calls: [{ index: tool.ordinal, function: { arguments: ev.partialJson } }] }),
        ];
      }
      case "part_stop":
        return this.stopPart(ev.index);
      case "message_delta": {
        this.usage = ev.usage;
        if (ev.stopReason === null || this.finished) return [];
        this.finished = true;
        const delta: ChatCompletionDelta = ev.refusal === undefined ? {} : { refusal: ev.refusal };
        return [this.chunk(delta, openAiFinishReason(ev.stopReason))];
      }
      case "message_stop": {
        this.ended = true;
        const out: ChatStreamData[] = [];
        if (this.options.includeUsage && this.usage) {
          out.push({ ...this.base(), choices: [], usage: openAiChatUsage(this.usage) });
        }
        out.push("[DONE]");
        return out;
      }
    }
  }

  private stopPart(index: number): ChatStreamData[] {
    const t = this.thinking.get(index);
    if (t && this.thinking.delete(index)) {
      return [
        this.chunk({ thinking_blocks: [{ type: "thinking", thinking: t.text, signature: t.signature }] }),
      ];
    }
    const data = this.redacted.get(index);
    if (data !== undefined && this.redacted.delete(index)) {
      return [this.chunk({ thinking_blocks: [{ type: "redacted_thinking", data }] })];
    }
    const tool = this.tools.get(index);
    // A call without arguments streams none; clients must still get valid JSON: `{}`.
    if (tool && !tool.sentArgs) {
      tool.sentArgs = true;
      return [this.chunk({ tool_calls: [{ index: tool.ordinal, function: { arguments: "{}" } }] })];
    }
    return [];
  }

  private base(): Omit<ChatCompletionChunk, "choices"> {
    return { id: this.id, object: "chat.completion.chunk", created: this.created, model: this.model };
  }

  private chunk(delta: ChatCompletionDelta, finish: ChatFinishReason | null = null): ChatCompletionChunk {
    const c: ChatCompletionChunk = {
      ...this.base(),
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    };
    // With include_usage, every chunk but the last carries `usage: null` (SDK doc).
    if (this.options.includeUsage) c.usage = null;
    return c;
  }
}
