/**
 * IR stream events → OpenAI Responses SSE (wire-formats.md §3.3, §9.2, §10.2). One instance per
 * stream.
 */
import type { IrStreamEncoder, IrStreamEvent } from "../ir/stream.ts";
import { encodeSse } from "../sse/encoder.ts";
import type { StopReason } from "../stop-reason.ts";
import { emptyUsage, type UsageRecord } from "../usage.ts";
import { responsesError } from "./error-renderer.ts";
import { customToolNames, itemId, REFUSAL_FALLBACK, responseId } from "./output-items.ts";
import { type ResponsesEncodeOptions, unixSeconds } from "./response-codec.ts";
import { responsesEnding } from "./stop-reasons.ts";
import { closeItem, itemPrefix, type OpenItem, openItem, ref, refusalItem } from "./stream-items.ts";
import type {
  ResponsesStreamEventBody as Body,
  ResponsesOutputItem,
  ResponsesResponse,
  ResponsesStreamEvent,
} from "./types.ts";
import { openAiResponsesUsage } from "./usage.ts";

/** The SSE text of one event: `event:` equal to its `type`, as OpenAI sends it. */
export const responsesStreamFrame = (e: ResponsesStreamEvent): string =>
  encodeSse({ event: e.type, data: JSON.stringify(e) });

/**
 * Encodes one answer as a Responses stream: response.created and response.in_progress, then per
 * IR part one output item (added, its deltas, done — Codex acts only on output_item.done), then
 * exactly one terminal event. `sequence_number` counts from 0 and `output_index` counts items.
 *
 * Terminal: response.completed; response.incomplete only for real truncation (Codex retries it);
 * response.failed, with `response.error {code, message}`, for an upstream error or a stream cut
 * short (§13 P7). A failed response lists the completed items only: an item cut mid-way gets no
 * output_item.done, so a client never runs half a tool call. Nothing follows the terminal event,
 * and there is no `[DONE]`.
 */
export class OpenAiResponsesStreamEncoder implements IrStreamEncoder {
  private seq = 0;
  private vendorId = "";
  private model = "";
  private readonly createdAt: number;
  private readonly custom: ReadonlySet<string>;
  private started = false;
  private ended = false;
  // Items being streamed, by IR part index; completed items, by output index.
  private readonly open = new Map<number, OpenItem>();
  private readonly output: ResponsesOutputItem[] = [];
  private nextOutput = 0;
  private stop: StopReason | null = null;
  private refusal: string | undefined;
  private usage: UsageRecord = emptyUsage();

  constructor(private readonly options: ResponsesEncodeOptions = {}) {
    this.createdAt = options.createdAt ?? unixSeconds();
    this.custom = customToolNames(options.tools);
  }

  /** The events one IR event becomes (possibly none). */
  encode(ev: IrStreamEvent): ResponsesStreamEvent[] {
    if (this.ended) return [];
    const out: Body[] = [];
    if (!this.started && (ev.type === "message_start" || ev.type === "error")) {
      this.started = true;
      // A stream that fails before it starts still opens with response.created: SDKs require it.
      this.vendorId = ev.type === "message_start" ? ev.id : `gw_${crypto.randomUUID()}`;
      this.model = this.options.model ?? (ev.type === "message_start" ? ev.model : "");
      if (ev.type === "message_start") this.usage = ev.usage;
      out.push({ type: "response.created", response: this.snapshot("in_progress") });
      out.push({ type: "response.in_progress", response: this.snapshot("in_progress") });
    }
    if (this.started) out.push(...this.encodeStarted(ev));
    // Numbered in place: each body is a fresh object, and a copy per delta shows in the profile.
    for (const e of out) (e as ResponsesStreamEvent).sequence_number = this.seq++;
    return out as ResponsesStreamEvent[];
  }

  /** {@link encode} as SSE text. */
  encodeSse(ev: IrStreamEvent): string {
    let text = "";
    for (const e of this.encode(ev)) text += responsesStreamFrame(e);
    return text;
  }

  private encodeStarted(ev: IrStreamEvent): Body[] {
    const item = "index" in ev ? this.open.get(ev.index) : undefined;
    switch (ev.type) {
      case "part_start": {
        const custom = ev.part.kind === "tool_call" && this.custom.has(ev.part.name);
        const oi = this.nextOutput++;
        const opened = openItem(oi, itemId(itemPrefix(ev.part, custom), this.vendorId, oi), ev.part, custom);
        this.open.set(ev.index, opened.item);
        return opened.events;
      }
      case "text_delta":
        if (item?.kind !== "message") return [];
        item.text += ev.text;
        return [
          {
            type: "response.output_text.delta",
            ...ref(item),
            content_index: 0,
            delta: ev.text,
            logprobs: [],
          },
        ];
      case "thinking_delta": {
        if (item?.kind !== "reasoning" || ev.text === "") return [];
        const out: Body[] = [];
        const s = { ...ref(item), summary_index: 0 };
        // The summary part opens with the first text: thinking shown as omitted has none.
        if (!item.summary) {
          item.summary = true;
          out.push({
            type: "response.reasoning_summary_part.added",
            ...s,
            part: { type: "summary_text", text: "" },
          });
        }
        item.text += ev.text;
        out.push({ type: "response.reasoning_summary_text.delta", ...s, delta: ev.text });
        return out;
      }
      case "signature_delta":
        if (item?.kind === "reasoning") item.signature += ev.signature;
        return [];
      case "tool_input_delta":
        if (item?.kind !== "function_call" && item?.kind !== "custom") return [];
        item.input += ev.partialJson;
        if (item.kind === "custom" || ev.partialJson === "") return [];
        return [{ type: "response.function_call_arguments.delta", ...ref(item), delta: ev.partialJson }];
      case "part_stop":
        return item ? this.close(ev.index, item) : [];
      case "message_delta":
        this.stop = ev.stopReason;
        this.refusal = ev.refusal;
        this.usage = ev.usage;
        return [];
      case "message_stop":
        return this.finish();
      case "error": {
        this.ended = true;
        const error = responsesError(ev.kind, ev.message);
        return [
          {
            type: "response.failed",
            response: { ...this.snapshot("failed"), error, usage: this.usageOut() },
          },
        ];
      }
      case "message_start":
        return [];
    }
  }

  private close(index: number, item: OpenItem): Body[] {
    this.open.delete(index);
    const { done, events } = closeItem(item);
    this.output[item.oi] = done;
    return events;
  }

  private finish(): Body[] {
    this.ended = true;
    // Every item gets its output_item.done, even if the upstream forgot to close its block.
    const open = [...this.open].sort(([, a], [, b]) => a.oi - b.oi);
    const out = open.flatMap(([index, item]) => this.close(index, item));
    if (this.stop?.value === "content_filter") {
      const oi = this.nextOutput++;
      const { done, events } = refusalItem(
        oi,
        itemId("msg", this.vendorId, oi),
        this.refusal ?? REFUSAL_FALLBACK,
      );
      this.output[oi] = done;
      out.push(...events);
    }
    const { status, incompleteDetails } = responsesEnding(this.stop);
    const response = {
      ...this.snapshot(status),
      incomplete_details: incompleteDetails,
      usage: this.usageOut(),
    };
    out.push({ type: status === "incomplete" ? "response.incomplete" : "response.completed", response });
    return out;
  }

  private usageOut() {
    return openAiResponsesUsage(this.usage);
  }

  private snapshot(status: ResponsesResponse["status"]): ResponsesResponse {
    return {
      id: responseId(this.vendorId),
      object: "response",
      created_at: this.createdAt,
      status,
      model: this.model,
      output: this.output.filter((i) => i !== undefined),
      error: null,
      incomplete_details: null,
      usage: null,
    };
  }
}
