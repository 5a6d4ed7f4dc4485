/**
 * IR stream events → OpenAI Responses SSE (https://platform.openai.com/docs/api-reference/responses-streaming;
 * docs/wire-formats.md, "Claude → OpenAI Responses (Codex)"). One instance per
 * stream.
 */
import type { IrPartStart, IrStreamEncoder, IrStreamEvent } from "../ir/stream.ts";
import { encodeSse } from "../sse/encoder.ts";
import type { StopReason } from "../stop-reason.ts";
import { emptyUsage, type UsageRecord } from "../usage.ts";
import {
  customToolCallItem,
  customToolInputFromJson,
  customToolNames,
  functionCallItem,
  itemId,
  messageItem,
  outputText,
  REFUSAL_FALLBACK,
  type ResponsesEncodeOptions,
  reasoningItem,
  refusalPart,
  responseId,
  unixSeconds,
} from "./encode-response.ts";
import { responsesError } from "./errors.ts";
import { responsesEnding } from "./stop-reasons.ts";
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

/** JSON.rawJSON where the runtime has it (workerd, Node 22+); TypeScript's lib lacks it. */
const rawJSON = (JSON as unknown as { rawJSON?: (json: string) => unknown }).rawJSON;
/** Strings shorter than this are cheaper to serialise again than to look up. */
const SHARED_TEXT_MIN = 1024;

/** A delta's frame from its fields' JSON (no line break can occur in JSON text). */
const frame = (type: string, fields: string, seq: number): string =>
  `event: ${type}\ndata: {"type":"${type}",${fields},"sequence_number":${seq}}\n\n`;

/**
 * Encodes one answer as a Responses stream: response.created and response.in_progress, then per
 * IR part one output item (added, its deltas, done — Codex acts only on output_item.done), then
 * exactly one terminal event. `sequence_number` counts from 0 and `output_index` counts items.
 *
 * Terminal: response.completed; response.incomplete only for real truncation (Codex retries it);
 * response.failed, with `response.error {code, message}`, for an upstream error or a stream cut
 * short (https://github.com/openai/codex/issues/24973). A failed response lists the completed items only: an item cut mid-way gets no
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
  /** Long texts of this stream as JSON, by text (see sharedFrame). */
  private readonly serialized = new Map<string, unknown>();

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
    const delta = this.deltaFrame(ev);
    if (delta !== undefined) return delta;
    let text = "";
    for (const e of this.encode(ev)) text += this.sharedFrame(e);
    if (this.ended) this.serialized.clear();
    return text;
  }

  /**
   * {@link responsesStreamFrame}, serialising each long text once per stream: an item's text
   * repeats in its `…done` events, its output_item.done and response.completed, and writing it
   * as JSON four times was most of the cost of closing an item (JSON.rawJSON, V8 11.4+).
   */
  private sharedFrame(e: ResponsesStreamEvent): string {
    if (rawJSON === undefined) return responsesStreamFrame(e);
    const data = JSON.stringify(e, (_key, value: unknown) => {
      if (typeof value !== "string" || value.length < SHARED_TEXT_MIN) return value;
      let raw = this.serialized.get(value);
      if (raw === undefined) {
        raw = rawJSON(JSON.stringify(value));
        this.serialized.set(value, raw);
      }
      return raw;
    });
    return encodeSse({ event: e.type, data });
  }

  /**
   * The frame of a plain delta — nearly every event of a stream — written as text: the same
   * bytes as {@link encode} + {@link responsesStreamFrame} (stream-encoder.frames.test.ts), without
   * building and serialising an object per delta. Undefined for anything else.
   */
  private deltaFrame(ev: IrStreamEvent): string | undefined {
    if (!this.started || this.ended) return undefined;
    const item =
      ev.type === "text_delta" || ev.type === "thinking_delta" || ev.type === "tool_input_delta"
        ? this.open.get(ev.index)
        : undefined;
    if (item === undefined) return undefined;
    const ref = `"item_id":${JSON.stringify(item.id)},"output_index":${item.oi}`;
    if (ev.type === "text_delta" && item.kind === "message") {
      item.text += ev.text;
      return frame(
        "response.output_text.delta",
        `${ref},"content_index":0,"delta":${JSON.stringify(ev.text)},"logprobs":[]`,
        this.seq++,
      );
    }
    if (ev.type === "thinking_delta" && item.kind === "reasoning" && item.summary && ev.text !== "") {
      item.text += ev.text;
      return frame(
        "response.reasoning_summary_text.delta",
        `${ref},"summary_index":0,"delta":${JSON.stringify(ev.text)}`,
        this.seq++,
      );
    }
    if (ev.type === "tool_input_delta" && item.kind === "function_call" && ev.partialJson !== "") {
      item.input += ev.partialJson;
      return frame(
        "response.function_call_arguments.delta",
        `${ref},"delta":${JSON.stringify(ev.partialJson)}`,
        this.seq++,
      );
    }
    return undefined;
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

// ── the events that open and close one output item: the encoder keeps the state, these
// functions say what each step sends ──────────────────────────────────────────────────────

/** An output item being streamed: its place, its id and what it has received so far. */
type OpenItem = { oi: number; id: string } & (
  | { kind: "message"; text: string }
  | { kind: "reasoning"; text: string; signature: string; redacted?: string; summary: boolean }
  | { kind: "function_call" | "custom"; callId: string; name: string; input: string }
);

/** `item_id` and `output_index` of an item's events. */
export const ref = (item: { id: string; oi: number }) => ({ item_id: item.id, output_index: item.oi });

const added = (oi: number, item: ResponsesOutputItem): Body => ({
  type: "response.output_item.added",
  output_index: oi,
  item,
});

/** The item an IR part opens, and its opening events. `id` must suit the kind (see itemPrefix). */
function openItem(
  oi: number,
  id: string,
  part: IrPartStart,
  custom: boolean,
): { item: OpenItem; events: Body[] } {
  if (part.kind === "text") {
    const item: OpenItem = { kind: "message", oi, id, text: "" };
    const events: Body[] = [
      added(oi, messageItem(id, [], "in_progress")),
      { type: "response.content_part.added", ...ref(item), content_index: 0, part: outputText("") },
    ];
    return { item, events };
  }
  if (part.kind === "tool_call") {
    const item: OpenItem = {
      kind: custom ? "custom" : "function_call",
      oi,
      id,
      callId: part.id,
      name: part.name,
      input: "",
    };
    const start = custom
      ? customToolCallItem(id, part.id, part.name, "")
      : functionCallItem(id, part.id, part.name, "", "in_progress");
    return { item, events: [added(oi, start)] };
  }
  const redacted = part.kind === "redacted_thinking" ? { redacted: part.data } : {};
  const item: OpenItem = { kind: "reasoning", oi, id, text: "", signature: "", summary: false, ...redacted };
  return { item, events: [added(oi, { type: "reasoning", id, summary: [] })] };
}

/** The id prefix of the item an IR part opens. */
const itemPrefix = (part: IrPartStart, custom: boolean): "msg" | "rs" | "fc" | "ctc" =>
  part.kind === "text" ? "msg" : part.kind === "tool_call" ? (custom ? "ctc" : "fc") : "rs";

/** The closing events of an item, ending with output_item.done, and the completed item. */
function closeItem(item: OpenItem): { done: ResponsesOutputItem; events: Body[] } {
  const events: Body[] = [];
  let done: ResponsesOutputItem;
  if (item.kind === "message") {
    const part = { ...ref(item), content_index: 0 };
    events.push({ type: "response.output_text.done", ...part, text: item.text, logprobs: [] });
    events.push({ type: "response.content_part.done", ...part, part: outputText(item.text) });
    done = messageItem(item.id, [outputText(item.text)], "completed");
  } else if (item.kind === "reasoning") {
    if (item.summary) {
      const s = { ...ref(item), summary_index: 0 };
      events.push({ type: "response.reasoning_summary_text.done", ...s, text: item.text });
      events.push({
        type: "response.reasoning_summary_part.done",
        ...s,
        part: { type: "summary_text", text: item.text },
      });
    }
    done = reasoningItem(
      item.id,
      item.redacted === undefined
        ? { type: "thinking", text: item.text, signature: item.signature }
        : { type: "redacted_thinking", data: item.redacted },
    );
  } else if (item.kind === "function_call") {
    // A call that streamed no argument text still gets JSON: `{}`.
    const args = item.input === "" ? "{}" : item.input;
    events.push({
      type: "response.function_call_arguments.done",
      ...ref(item),
      name: item.name,
      arguments: args,
    });
    done = functionCallItem(item.id, item.callId, item.name, args, "completed");
  } else {
    // The text of a custom call is inside a JSON wrapper, readable only once the wrapper is
    // complete: it goes out as one delta here (Codex acts on output_item.done anyway).
    const input = customToolInputFromJson(item.input === "" ? "{}" : item.input);
    if (input !== "")
      events.push({ type: "response.custom_tool_call_input.delta", ...ref(item), delta: input });
    events.push({ type: "response.custom_tool_call_input.done", ...ref(item), input });
    done = customToolCallItem(item.id, item.callId, item.name, input);
  }
  events.push({ type: "response.output_item.done", output_index: item.oi, item: done });
  return { done, events };
}

/** A whole message item with one refusal part: the answer of a refusal (a `refusal` part). */
function refusalItem(oi: number, id: string, text: string): { done: ResponsesOutputItem; events: Body[] } {
  const part = { item_id: id, output_index: oi, content_index: 0 };
  const done = messageItem(id, [refusalPart(text)], "completed");
  const events: Body[] = [
    added(oi, messageItem(id, [], "in_progress")),
    { type: "response.content_part.added", ...part, part: refusalPart("") },
    { type: "response.refusal.delta", ...part, delta: text },
    { type: "response.refusal.done", ...part, refusal: text },
    { type: "response.content_part.done", ...part, part: refusalPart(text) },
    { type: "response.output_item.done", output_index: oi, item: done },
  ];
  return { done, events };
}
