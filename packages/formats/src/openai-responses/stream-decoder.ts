/**
 * OpenAI Responses SSE events (from a GPT upstream) → IR stream events (https://platform.openai.com/docs/api-reference/responses-streaming).
 * One instance per stream.
 */
import type { ErrorKind } from "../errors.ts";
import type { IrStreamDecoder, IrStreamEvent, IrStreamFailure, IrStreamOutcome } from "../ir/stream.ts";
import { nonStandardTier } from "../service-tier.ts";
import type { SseEvent } from "../sse/decoder.ts";
import type { StoredObject } from "../stored-objects.ts";
import { estimateTokens } from "../tokens.ts";
import { emptyUsage, type UsageRecord } from "../usage.ts";
import { billableUsage, type RelayedOutput, type UsageTap } from "../usage-tap.ts";
import { thinkingFromReasoning } from "./decode-response.ts";
import { upstreamErrorFromOpenAi } from "./errors.ts";
import {
  type ResponsesResponseRead,
  type ResponsesStreamEventRead,
  ResponsesStreamEventSchema,
} from "./schema.ts";
import { responsesStopReason } from "./stop-reasons.ts";
import { countHostedCall, openAiResponsesUsageToRecord, ResponsesObjects } from "./usage.ts";

type Terminal = Extract<ResponsesStreamEventRead, { type: "response.completed" | "response.incomplete" }>;

/**
 * Decodes one Responses stream into IR events, and follows what it cost. It never throws on
 * stream content: an unreadable frame becomes an `error` event that ends the stream, as does a
 * `response.failed` or `error` event. GPT's reasoning becomes thinking whose signature carries
 * the encrypted reasoning, so an Anthropic client that sends it back gives GPT its reasoning
 * again (reasoning-token.ts). Events we do not model (hosted tools, done events) are skipped,
 * but hosted tool calls are counted: it is also the usage tap of the Responses format.
 */
export class OpenAiResponsesStreamDecoder implements IrStreamDecoder, UsageTap {
  private readonly tracker = new ResponsesItemTracker();
  private started = false;
  private finished = false;
  private failure: IrStreamFailure | undefined;
  private reportedUsage: unknown;
  private serviceTier: string | undefined;
  private toolUses: Record<string, number> | undefined;

  readonly tap: UsageTap = this;
  private readonly objects = new ResponsesObjects();

  created(): StoredObject[] {
    return this.objects.list();
  }

  get completed(): boolean {
    return this.finished;
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  onEvent(ev: SseEvent): void {
    this.decode(ev);
  }

  /** finished: a completed or incomplete response arrived; errored: an error ended it. */
  get outcome(): IrStreamOutcome {
    return this.failure ? "errored" : this.finished ? "finished" : "streaming";
  }

  /** The error that ended the stream, if one did. */
  get error(): IrStreamFailure | undefined {
    return this.failure;
  }

  /** OpenAI's usage with the tier and hosted tool calls, once the terminal event reported it. */
  reported(): UsageRecord | undefined {
    if (this.reportedUsage === undefined) return undefined;
    const record = openAiResponsesUsageToRecord(this.reportedUsage);
    if (this.serviceTier !== undefined) record.serviceTier = this.serviceTier;
    if (this.toolUses !== undefined) record.toolUses = { ...this.toolUses };
    return record;
  }

  relayed(): RelayedOutput {
    const thinking = estimateTokens(this.tracker.thought);
    const relayed: RelayedOutput = { output: estimateTokens(this.tracker.generated) + thinking, thinking };
    // OpenAI's usage counts no tool calls: a stream cut before its end still bills those it began.
    if (this.toolUses !== undefined) relayed.toolUses = { ...this.toolUses };
    return relayed;
  }

  /** Usage so far: OpenAI's counts, or the output counted from the deltas for a stream cut short. */
  usage(): UsageRecord {
    return billableUsage(this.reported(), this.relayed(), 0, this.finished);
  }

  /** OpenAI's raw usage object, once reported. */
  rawUsage(): unknown {
    return this.reportedUsage;
  }

  decode(ev: SseEvent): IrStreamEvent[] {
    if (this.outcome !== "streaming") return [];
    let json: unknown;
    try {
      json = JSON.parse(ev.data);
    } catch {
      return this.fail("upstream", "The upstream sent an unreadable event.", "");
    }
    const parsed = ResponsesStreamEventSchema.safeParse(json);
    if (!parsed.success) return this.fail("upstream", "The upstream sent an unreadable event.", "");
    const e = parsed.data;
    if (e.type === "other") {
      return ev.event === "error" ? this.fail("upstream", "The upstream stream failed.", "") : [];
    }
    if (!this.started && e.type !== "response.created" && e.type !== "error") {
      return this.fail("upstream", "The upstream sent an event before response.created.", "");
    }
    switch (e.type) {
      case "response.created":
        if (this.started) return [];
        this.started = true;
        this.objects.response(e.response, Date.now());
        return [
          {
            type: "message_start",
            id: e.response.id,
            model: e.response.model ?? "",
            usage: emptyUsage(),
            rawUsage: null,
          },
        ];
      case "response.completed":
      case "response.incomplete":
        return this.finish(e);
      case "response.failed":
        // What a failed response reports it used is billed too (the abnormal-end rule).
        this.report(e.response);
        return this.upstreamError(e.response.error?.code, e.response.error?.message);
      case "error":
        return this.upstreamError(e.error?.code ?? e.code, e.error?.message ?? e.message);
      case "response.output_item.added":
        // A hosted tool (web search…) is billed per call from the moment it starts.
        if (e.item.type === "other") this.toolUses = countHostedCall(this.toolUses, e.item.raw);
        this.objects.item(e.item.type === "other" ? e.item.raw : e.item, Date.now());
        return this.tracker.translate(e);
      default:
        return this.tracker.translate(e);
    }
  }

  end(): IrStreamEvent[] {
    if (this.outcome !== "streaming") return [];
    // A stream closed without its terminal event is an error, never a made-up finish.
    return this.fail("upstream", "The upstream stream ended before the response was complete.", "");
  }

  private finish(e: Terminal): IrStreamEvent[] {
    const out = this.tracker.closeAll();
    this.finished = true;
    this.report(e.response);
    const status = e.response.status ?? e.type.slice("response.".length);
    let stopReason = responsesStopReason(status, e.response.incomplete_details?.reason, this.tracker.calls);
    const refusal = this.tracker.refusal;
    // A GPT refusal is a refusal part in a completed answer; to the IR it is a refusal stop.
    if (refusal !== "" && stopReason.value === "stop")
      stopReason = { value: "content_filter", raw: "refusal" };
    out.push({
      type: "message_delta",
      stopReason,
      usage: this.usage(),
      rawUsage: this.reportedUsage,
      ...(refusal !== "" ? { refusal } : {}),
    });
    out.push({ type: "message_stop" });
    return out;
  }

  /** Takes in the usage and tier of a terminal response; a usage that is not an object is none. */
  private report(response: ResponsesResponseRead): void {
    const usage = response.usage;
    this.reportedUsage =
      typeof usage === "object" && usage !== null && !Array.isArray(usage) ? usage : undefined;
    this.serviceTier = nonStandardTier(response.service_tier);
  }

  private upstreamError(
    code: string | null | undefined,
    message: string | null | undefined,
  ): IrStreamEvent[] {
    const { kind, message: text } = upstreamErrorFromOpenAi(code, message);
    return this.fail(kind, text, code ?? "");
  }

  private fail(kind: ErrorKind, message: string, raw: string): IrStreamEvent[] {
    this.failure = { kind, message, raw };
    return [{ type: "error", kind, message, raw }];
  }
}

// ── output items, their content parts and their deltas, as IR parts ───────────────────────

// What is known of an output item, by output_index. A message's text parts are IR parts of
// their own, by content_index; `seen` remembers which ones were ever opened.
type Item =
  | { kind: "message"; open: Map<number, number>; seen: Set<number>; refusal: boolean }
  | { kind: "reasoning"; index: number; text: boolean }
  | { kind: "function_call"; index: number; args: boolean }
  | { kind: "custom"; index: number; input: string };
type Message = Extract<Item, { kind: "message" }>;

/** An output-item event of a Responses stream (one with an `output_index`). */
type ItemEvent = Extract<ResponsesStreamEventRead, { output_index: number }>;

/** Follows the output items of one stream; IR part indices are given out in order of opening. */
class ResponsesItemTracker {
  private readonly items = new Map<number, Item>();
  private next = 0;
  /** True once a function or custom tool call began. */
  calls = false;
  /** Refusal text of the answer so far. */
  refusal = "";
  /** Generated text and reasoning so far, for the estimate of a stream cut short. */
  generated = "";
  thought = "";

  /** The IR events of one output-item event. */
  translate(e: ItemEvent): IrStreamEvent[] {
    const item = this.items.get(e.output_index);
    switch (e.type) {
      case "response.output_item.added":
        return this.add(e);
      case "response.content_part.added":
        if (item?.kind !== "message" || e.part.type !== "output_text") return [];
        return this.openText(item, e.content_index, e.part.text ?? "");
      case "response.output_text.delta":
        return item?.kind === "message" ? this.openText(item, e.content_index, e.delta) : [];
      case "response.refusal.delta":
        if (item?.kind === "message") item.refusal = true;
        this.refusal += e.delta;
        this.generated += e.delta;
        return [];
      case "response.content_part.done":
        return item?.kind === "message" ? this.closeText(item, e.content_index) : [];
      case "response.reasoning_summary_part.added":
        // Summary parts are paragraphs of one thinking text.
        return item?.kind === "reasoning" && e.summary_index > 0 && item.text ? this.think(item, "\n\n") : [];
      case "response.reasoning_summary_text.delta":
        return item?.kind === "reasoning" ? this.think(item, e.delta) : [];
      case "response.function_call_arguments.delta":
        if (item?.kind !== "function_call" || e.delta === "") return [];
        item.args = true;
        this.generated += e.delta;
        return [{ type: "tool_input_delta", index: item.index, partialJson: e.delta }];
      case "response.custom_tool_call_input.delta":
        if (item?.kind === "custom") item.input += e.delta;
        this.generated += e.delta;
        return [];
      case "response.output_item.done":
        return item ? this.done(e, item) : [];
    }
  }

  /** Close every part still open (the response ended): the client gets a well-formed message. */
  closeAll(): IrStreamEvent[] {
    const out: IrStreamEvent[] = [];
    for (const item of this.items.values()) {
      if (item.kind === "message")
        for (const ci of [...item.open.keys()]) out.push(...this.closeText(item, ci));
      else out.push({ type: "part_stop", index: item.index });
    }
    this.items.clear();
    return out;
  }

  private add(e: Extract<ItemEvent, { type: "response.output_item.added" }>): IrStreamEvent[] {
    const it = e.item;
    if (it.type === "message") {
      this.items.set(e.output_index, { kind: "message", open: new Map(), seen: new Set(), refusal: false });
      return [];
    }
    // Hosted-tool items (web search…) have no IR counterpart.
    if (it.type === "other") return [];
    const index = this.next++;
    if (it.type === "reasoning") {
      this.items.set(e.output_index, { kind: "reasoning", index, text: false });
      return [{ type: "part_start", index, part: { kind: "thinking" } }];
    }
    this.calls = true;
    const custom = it.type === "custom_tool_call";
    this.items.set(
      e.output_index,
      custom ? { kind: "custom", index, input: "" } : { kind: "function_call", index, args: false },
    );
    return [{ type: "part_start", index, part: { kind: "tool_call", id: it.call_id, name: it.name } }];
  }

  private done(e: Extract<ItemEvent, { type: "response.output_item.done" }>, item: Item): IrStreamEvent[] {
    const it = e.item;
    const out: IrStreamEvent[] = [];
    this.items.delete(e.output_index);
    if (item.kind === "message") {
      // Content that arrived only in the done item (no deltas) is passed on now.
      (it.type === "message" ? it.content : []).forEach((part, ci) => {
        if (part.type === "output_text" && part.text && !item.seen.has(ci)) {
          out.push(...this.openText(item, ci, part.text));
        }
        if (part.type === "refusal" && part.refusal && !item.refusal) {
          this.refusal += part.refusal;
          this.generated += part.refusal;
        }
      });
      for (const ci of [...item.open.keys()]) out.push(...this.closeText(item, ci));
      return out;
    }
    if (item.kind === "reasoning" && it.type === "reasoning") {
      const summary = (it.summary ?? []).map((s) => s.text).join("\n\n");
      if (!item.text) out.push(...this.think(item, summary));
      // The item's id and encrypted content ride in the signature, for the way back.
      const part = thinkingFromReasoning(it.id, "", it.encrypted_content);
      if (part.type === "thinking") {
        out.push({ type: "signature_delta", index: item.index, signature: part.signature });
      }
    } else if (item.kind === "function_call" && it.type === "function_call" && !item.args && it.arguments) {
      this.generated += it.arguments;
      out.push({ type: "tool_input_delta", index: item.index, partialJson: it.arguments });
    } else if (item.kind === "custom") {
      // The IR's form of a free-text call: the text in an `{input}` wrapper (IrTool.custom).
      const input = it.type === "custom_tool_call" && it.input != null ? it.input : item.input;
      // Input that came only in the done item (no deltas) is counted now.
      if (item.input === "") this.generated += input;
      out.push({ type: "tool_input_delta", index: item.index, partialJson: JSON.stringify({ input }) });
    }
    out.push({ type: "part_stop", index: item.index });
    return out;
  }

  private openText(item: Message, ci: number, text: string): IrStreamEvent[] {
    const out: IrStreamEvent[] = [];
    let index = item.open.get(ci);
    if (index === undefined) {
      if (item.seen.has(ci)) return [];
      index = this.next++;
      item.open.set(ci, index);
      item.seen.add(ci);
      out.push({ type: "part_start", index, part: { kind: "text" } });
    }
    if (text !== "") {
      this.generated += text;
      out.push({ type: "text_delta", index, text });
    }
    return out;
  }

  private closeText(item: Message, ci: number): IrStreamEvent[] {
    const index = item.open.get(ci);
    if (index === undefined) return [];
    item.open.delete(ci);
    return [{ type: "part_stop", index }];
  }

  private think(item: Extract<Item, { kind: "reasoning" }>, text: string): IrStreamEvent[] {
    if (text === "") return [];
    item.text = true;
    this.thought += text;
    return [{ type: "thinking_delta", index: item.index, text }];
  }
}
