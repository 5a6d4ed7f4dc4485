// The fold is a checker as well as an accumulator: it refuses streams that break the grammar.
import { describe, expect, it } from "vitest";
import type { ResponsesResponse, ResponsesStreamEvent } from "../src/openai-responses/types.ts";
import { foldResponsesEvents } from "./fold-responses.ts";

const response: Omit<ResponsesResponse, "status"> = {
  id: "resp_1",
  object: "response",
  created_at: 1,
  model: "m",
  output: [],
  error: null,
  incomplete_details: null,
  usage: null,
};
const item = {
  type: "function_call",
  id: "fc_1",
  call_id: "c",
  name: "f",
  arguments: "",
  status: "in_progress",
} as const;
const events = (done: string): ResponsesStreamEvent[] => [
  { type: "response.created", response: { ...response, status: "in_progress" }, sequence_number: 0 },
  { type: "response.output_item.added", output_index: 0, item, sequence_number: 1 },
  {
    type: "response.function_call_arguments.delta",
    item_id: "fc_1",
    output_index: 0,
    delta: '{"a": 1}',
    sequence_number: 2,
  },
  {
    type: "response.output_item.done",
    output_index: 0,
    item: { ...item, arguments: done, status: "completed" },
    sequence_number: 3,
  },
  { type: "response.completed", response: { ...response, status: "completed" }, sequence_number: 4 },
];

describe("foldResponsesEvents", () => {
  it("folds items from their deltas, arguments compacted as a non-streamed answer has them", () => {
    expect(foldResponsesEvents(events('{"a": 1}')).output).toEqual([
      { ...item, arguments: '{"a":1}', status: "completed" },
    ]);
  });

  it("throws when an output_item.done disagrees with its deltas, or no terminal event came", () => {
    expect(() => foldResponsesEvents(events('{"a": 2}'))).toThrow(/disagrees/);
    expect(() => foldResponsesEvents(events('{"a": 1}').slice(0, -1))).toThrow(/no terminal event/);
  });
});
