/**
 * The output items of a Responses stream (from a GPT upstream) as IR parts: the part of the
 * stream decoder that follows items, their content parts and their deltas.
 */
import type { IrStreamEvent } from "../ir/stream.ts";
import { thinkingFromReasoning } from "./response-codec.ts";
import type { ResponsesStreamEventRead } from "./response-schema.ts";

// What is known of an output item, by output_index. A message's text parts are IR parts of
// their own, by content_index; `seen` remembers which ones were ever opened.
type Item =
  | { kind: "message"; open: Map<number, number>; seen: Set<number>; refusal: boolean }
  | { kind: "reasoning"; index: number; text: boolean }
  | { kind: "function_call"; index: number; args: boolean }
  | { kind: "custom"; index: number; input: string };
type Message = Extract<Item, { kind: "message" }>;

/** An output-item event of a Responses stream (one with an `output_index`). */
export type ItemEvent = Extract<ResponsesStreamEventRead, { output_index: number }>;

/** Follows the output items of one stream; IR part indices are given out in order of opening. */
export class ResponsesItemTracker {
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
