/**
 * The events that open and close one output item of a Responses stream (wire-formats.md §3.3).
 * The stream encoder keeps the state; these functions say what each step sends.
 */
import type { IrPartStart } from "../ir/stream.ts";
import {
  customToolCallItem,
  customToolInputFromJson,
  functionCallItem,
  messageItem,
  outputText,
  reasoningItem,
  refusalPart,
} from "./output-items.ts";
import type { ResponsesStreamEventBody as Body, ResponsesOutputItem } from "./types.ts";

/** An output item being streamed: its place, its id and what it has received so far. */
export type OpenItem = { oi: number; id: string } & (
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
export function openItem(
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
export const itemPrefix = (part: IrPartStart, custom: boolean): "msg" | "rs" | "fc" | "ctc" =>
  part.kind === "text" ? "msg" : part.kind === "tool_call" ? (custom ? "ctc" : "fc") : "rs";

/** The closing events of an item, ending with output_item.done, and the completed item. */
export function closeItem(item: OpenItem): { done: ResponsesOutputItem; events: Body[] } {
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

/** A whole message item with one refusal part: the answer of a refusal (wire-formats.md §3.3). */
export function refusalItem(
  oi: number,
  id: string,
  text: string,
): { done: ResponsesOutputItem; events: Body[] } {
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
