import { argumentPieces, type SseEvent, textPieces } from "../sse.ts";
import { type OutputItem, outputText } from "./items.ts";
import type { ResponseObject } from "./response.ts";

/** Numbers events 0, 1, 2…; fields after `type` in alphabetical order, as the API sends them. */
class Sequence {
  readonly events: SseEvent[] = [];

  push(type: string, fields: Record<string, unknown>): void {
    const all: Record<string, unknown> = { ...fields, sequence_number: this.events.length };
    const sorted = Object.keys(all)
      .sort()
      .map((k) => [k, all[k]]);
    this.events.push({ type, ...Object.fromEntries(sorted) });
  }
}

/** The added → deltas → done events of one output item (https://platform.openai.com/docs/api-reference/responses-streaming). */
function itemEvents(seq: Sequence, item: OutputItem, output_index: number): void {
  const item_id = item.id;
  switch (item.type) {
    case "reasoning": {
      const { encrypted_content: _hidden, ...start } = item;
      seq.push("response.output_item.added", { item: { ...start, summary: [] }, output_index });
      item.summary.forEach((part, summary_index) => {
        const at = { item_id, output_index, summary_index };
        seq.push("response.reasoning_summary_part.added", { ...at, part: { ...part, text: "" } });
        for (const delta of textPieces(part.text))
          seq.push("response.reasoning_summary_text.delta", { ...at, delta });
        seq.push("response.reasoning_summary_text.done", { ...at, text: part.text });
        seq.push("response.reasoning_summary_part.done", { ...at, part });
      });
      break;
    }
    case "message": {
      seq.push("response.output_item.added", {
        item: { ...item, status: "in_progress", content: [] },
        output_index,
      });
      item.content.forEach((part, content_index) => {
        const at = { content_index, item_id, output_index };
        seq.push("response.content_part.added", { ...at, part: outputText("") });
        for (const delta of textPieces(part.text)) {
          seq.push("response.output_text.delta", { ...at, delta, logprobs: [] });
        }
        seq.push("response.output_text.done", { ...at, logprobs: [], text: part.text });
        seq.push("response.content_part.done", { ...at, part });
      });
      break;
    }
    case "function_call":
      seq.push("response.output_item.added", {
        item: { ...item, status: "in_progress", arguments: "" },
        output_index,
      });
      for (const delta of argumentPieces(item.arguments)) {
        seq.push("response.function_call_arguments.delta", { delta, item_id, output_index });
      }
      seq.push("response.function_call_arguments.done", {
        arguments: item.arguments,
        item_id,
        name: item.name,
        output_index,
      });
      break;
    case "custom_tool_call":
      seq.push("response.output_item.added", {
        item: { ...item, status: "in_progress", input: "" },
        output_index,
      });
      for (const delta of argumentPieces(item.input)) {
        seq.push("response.custom_tool_call_input.delta", { delta, item_id, output_index });
      }
      seq.push("response.custom_tool_call_input.done", { input: item.input, item_id, output_index });
      break;
    default:
      // A hosted tool call: its own progress events, then done.
      seq.push("response.output_item.added", { item: { ...item, status: "in_progress" }, output_index });
      seq.push(`response.${item.type}.in_progress`, { item_id, output_index });
      seq.push(`response.${item.type}.completed`, { item_id, output_index });
  }
  seq.push("response.output_item.done", { item, output_index });
}

/**
 * The whole stream: response.created and response.in_progress (the response in progress,
 * output []), each item's events, then response.completed — or response.incomplete when the
 * output budget ran out — with the final response (full output and usage).
 */
export function responseEvents(started: ResponseObject, final: ResponseObject): SseEvent[] {
  const seq = new Sequence();
  seq.push("response.created", { response: started });
  seq.push("response.in_progress", { response: started });
  final.output.forEach((item, i) => {
    itemEvents(seq, item, i);
  });
  seq.push(final.status === "incomplete" ? "response.incomplete" : "response.completed", { response: final });
  return seq.events;
}

/**
 * Where `cut` and `stream-error` break off: after the second delta event, or before the
 * first output_item.done / the terminal event when there are fewer deltas.
 */
export function responsesBreakAt(events: SseEvent[]): number {
  let deltas = 0;
  for (let i = 0; i < events.length; i++) {
    const type = events[i]?.type ?? "";
    if (type.endsWith(".delta") && ++deltas === 2) return i + 1;
    if (
      type === "response.output_item.done" ||
      type === "response.completed" ||
      type === "response.incomplete"
    ) {
      return i;
    }
  }
  return events.length;
}
