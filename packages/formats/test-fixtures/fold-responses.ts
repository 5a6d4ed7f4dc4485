/**
 * Streamed Responses events → the Response a non-streamed request would have returned: what a
 * Responses client assembles from the stream, so the tests can compare a stream with the
 * non-streamed answer. It also checks the stream's grammar (fold-responses.test.ts).
 */
import type {
  ResponsesOutputItem,
  ResponsesResponse,
  ResponsesStreamEvent,
} from "../src/openai-responses/types.ts";

// Streamed argument fragments are the vendor's JSON text, spaced as it likes; a non-streamed
// answer serialises the parsed input compactly. Fold to that form when the text is JSON.
function compactJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

// The text an item accumulated, to compare with its output_item.done.
function itemText(item: ResponsesOutputItem): string {
  switch (item.type) {
    case "message":
      return JSON.stringify(item.content.map((c) => (c.type === "output_text" ? c.text : c.refusal)));
    case "reasoning":
      return JSON.stringify(item.summary.map((s) => s.text));
    case "function_call":
      return item.arguments;
    case "custom_tool_call":
      return item.input;
  }
}

/**
 * Fold the events of one streamed answer into a Response, the way a client accumulates them:
 * each item from output_item.added, its deltas and *.done events applied in order; then the
 * terminal event's response with those items as `output`. Throws when the events break the
 * grammar: a delta for a missing item or part, an output_item.done that disagrees with what its
 * deltas built, no terminal event.
 */
export function foldResponsesEvents(events: readonly ResponsesStreamEvent[]): ResponsesResponse {
  const items: ResponsesOutputItem[] = [];
  let terminal: ResponsesResponse | undefined;
  const at = (oi: number): ResponsesOutputItem => {
    const item = items[oi];
    if (!item) throw new Error(`no output item at index ${oi}`);
    return item;
  };
  for (const e of events) {
    if (terminal) throw new Error(`${e.type} after the terminal event`);
    const item = "output_index" in e ? items[e.output_index] : undefined;
    const message = item?.type === "message" ? item : undefined;
    const reasoning = item?.type === "reasoning" ? item : undefined;
    switch (e.type) {
      case "response.output_item.added":
        if (e.output_index !== items.length) throw new Error(`output_index ${e.output_index} out of order`);
        items.push(structuredClone(e.item));
        break;
      case "response.content_part.added":
        message?.content.push(structuredClone(e.part));
        break;
      case "response.output_text.delta":
      case "response.output_text.done": {
        const part = message?.content[e.content_index];
        if (part?.type !== "output_text") throw new Error(`${e.type} without an output_text part`);
        part.text = e.type === "response.output_text.done" ? e.text : part.text + e.delta;
        break;
      }
      case "response.refusal.delta":
      case "response.refusal.done": {
        const part = message?.content[e.content_index];
        if (part?.type !== "refusal") throw new Error(`${e.type} without a refusal part`);
        part.refusal = e.type === "response.refusal.done" ? e.refusal : part.refusal + e.delta;
        break;
      }
      case "response.reasoning_summary_part.added":
        reasoning?.summary.push(structuredClone(e.part));
        break;
      case "response.reasoning_summary_text.delta":
      case "response.reasoning_summary_text.done": {
        const part = reasoning?.summary[e.summary_index];
        if (!part) throw new Error(`${e.type} without a summary part`);
        part.text = e.type === "response.reasoning_summary_text.done" ? e.text : part.text + e.delta;
        break;
      }
      case "response.function_call_arguments.delta":
      case "response.function_call_arguments.done": {
        if (item?.type !== "function_call") throw new Error(`${e.type} without a function_call`);
        item.arguments =
          e.type === "response.function_call_arguments.done" ? e.arguments : item.arguments + e.delta;
        break;
      }
      case "response.custom_tool_call_input.delta":
      case "response.custom_tool_call_input.done": {
        if (item?.type !== "custom_tool_call") throw new Error(`${e.type} without a custom_tool_call`);
        item.input = e.type === "response.custom_tool_call_input.done" ? e.input : item.input + e.delta;
        break;
      }
      case "response.output_item.done": {
        const built = at(e.output_index);
        if (built.type !== e.item.type || built.id !== e.item.id || itemText(built) !== itemText(e.item)) {
          throw new Error(`output_item.done at ${e.output_index} disagrees with its deltas`);
        }
        items[e.output_index] = structuredClone(e.item);
        break;
      }
      case "response.completed":
      case "response.incomplete":
      case "response.failed":
        terminal = e.response;
        break;
    }
  }
  if (!terminal) throw new Error("the events hold no terminal event");
  const output = items.map((i) =>
    i.type === "function_call" ? { ...i, arguments: compactJson(i.arguments) } : i,
  );
  return { ...terminal, output };
}
