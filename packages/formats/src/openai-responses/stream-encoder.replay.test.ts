// Anthropic streams (recorded and hand-made) → the exact Responses events a Codex client gets
// (docs/wire-formats.md, "Claude → OpenAI Responses (Codex)").
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { foldResponsesEvents } from "../../test-fixtures/fold-responses.ts";
import { anthropicMessageFromEvents, HAND_MADE, RECORDED, sseEvents } from "../../test-fixtures/replay.ts";
import { anthropicToResponses, CREATED_AT } from "../../test-fixtures/responses-replay.ts";
import { decodeAnthropicResponse } from "../anthropic-messages/decode-response.ts";
import { AnthropicStreamDecoder } from "../anthropic-messages/stream-decoder.ts";
import type { IrTool } from "../ir/request.ts";
import { SseDecoder } from "../sse/decoder.ts";
import { translateSseStream } from "../translate-stream.ts";
import { encodeOpenAiResponsesResponse } from "./encode-response.ts";
import { OpenAiResponsesStreamEncoder } from "./stream-encoder.ts";
import type { ResponsesStreamEvent } from "./types.ts";

const HAND = new URL("../../test-fixtures/", import.meta.url);
const REC = new URL("../../../../fixtures/recorded/", import.meta.url);
const bytes = (file: string) =>
  new Uint8Array(readFileSync(new URL(file, HAND_MADE.includes(file) ? HAND : REC)));
const TOOLS: IrTool[] = [{ name: "apply_patch", inputSchema: {}, custom: {} }];
const replay = (file: string): ResponsesStreamEvent[] => anthropicToResponses(sseEvents(bytes(file)), TOOLS);

const R = "response.";
const msg = (deltas: number) => [
  `${R}output_item.added`,
  `${R}content_part.added`,
  ...Array(deltas).fill(`${R}output_text.delta`),
  `${R}output_text.done`,
  `${R}content_part.done`,
  `${R}output_item.done`,
];
const rs = (deltas: number) => [
  `${R}output_item.added`,
  `${R}reasoning_summary_part.added`,
  ...Array(deltas).fill(`${R}reasoning_summary_text.delta`),
  `${R}reasoning_summary_text.done`,
  `${R}reasoning_summary_part.done`,
  `${R}output_item.done`,
];
const fc = (deltas: number) => [
  `${R}output_item.added`,
  ...Array(deltas).fill(`${R}function_call_arguments.delta`),
  `${R}function_call_arguments.done`,
  `${R}output_item.done`,
];
const START = [`${R}created`, `${R}in_progress`];

const SEQUENCES: Record<string, string[]> = {
  "a-text.sse": [...START, ...msg(6), `${R}completed`],
  "a-tool-no-args.sse": [...START, ...msg(2), ...fc(0), `${R}completed`],
  "a-thinking-summarized.sse": [...START, ...rs(4), ...msg(6), `${R}completed`],
  "a-refusal.sse": [
    ...START,
    `${R}output_item.added`,
    `${R}content_part.added`,
    `${R}refusal.delta`,
    `${R}refusal.done`,
    `${R}content_part.done`,
    `${R}output_item.done`,
    `${R}completed`,
  ],
  "a-multi-tool.sse": [...START, ...msg(1), ...fc(2), ...fc(2), ...fc(0), `${R}completed`],
  "a-thinking-tool.sse": [...START, ...rs(2), ...fc(1), `${R}completed`],
  "a-max-tokens.sse": [...START, ...msg(2), `${R}incomplete`],
  "a-error-midstream.sse": [
    ...START,
    `${R}output_item.added`,
    `${R}content_part.added`,
    `${R}output_text.delta`,
    `${R}failed`,
  ],
  "a-apply-patch.sse": [
    ...START,
    ...rs(1),
    ...msg(1),
    `${R}output_item.added`,
    `${R}custom_tool_call_input.delta`,
    `${R}custom_tool_call_input.done`,
    `${R}output_item.done`,
    `${R}completed`,
  ],
};
const TERMINAL = new Set([`${R}completed`, `${R}incomplete`, `${R}failed`]);

describe("every Anthropic fixture → Responses", () => {
  for (const file of [...RECORDED, ...HAND_MADE]) {
    it(`${file}: the exact event sequence, numbered from 0, one terminal event last`, () => {
      const out = replay(file);
      expect(out.map((e) => e.type)).toEqual(SEQUENCES[file]);
      expect(out.map((e) => e.sequence_number)).toEqual(out.map((_, i) => i));
      expect(out.filter((e) => TERMINAL.has(e.type))).toHaveLength(1);
    });

    it(`${file}: every item is added once and done once (unless the stream failed), in output order`, () => {
      const out = replay(file);
      const added = out.flatMap((e) => (e.type === `${R}output_item.added` ? [e.output_index] : []));
      const done = out.flatMap((e) => (e.type === `${R}output_item.done` ? [e.output_index] : []));
      expect(added).toEqual(added.map((_, i) => i));
      if (file === "a-error-midstream.sse") expect(done).toEqual([]);
      else expect(done).toEqual(added);
    });

    it(`${file}: SSE frames carry event: equal to the JSON type, and no [DONE]`, async () => {
      const encoder = new OpenAiResponsesStreamEncoder({ createdAt: CREATED_AT, tools: TOOLS });
      const piped = new Blob([bytes(file)])
        .stream()
        .pipeThrough(translateSseStream(new AnthropicStreamDecoder(), encoder));
      const text = await new Response(piped).text();
      const sse = new SseDecoder();
      const frames = sse.push(new TextEncoder().encode(text)).concat(sse.end());
      expect(frames.map((f) => f.event)).toEqual(
        frames.map((f) => (JSON.parse(f.data) as { type: string }).type),
      );
      expect(frames.map((f) => JSON.parse(f.data))).toEqual(replay(file));
      expect(text).not.toContain("[DONE]");
    });
  }

  for (const file of [...RECORDED, ...HAND_MADE].filter((f) => f !== "a-error-midstream.sse")) {
    it(`${file}: the folded stream equals the non-streamed translation, usage in integers`, () => {
      const events = sseEvents(bytes(file));
      const direct = encodeOpenAiResponsesResponse(
        decodeAnthropicResponse(anthropicMessageFromEvents(events)),
        {
          createdAt: CREATED_AT,
          tools: TOOLS,
        },
      );
      const out = replay(file);
      expect(foldResponsesEvents(out)).toEqual(direct);
      const usage = direct.usage ?? {};
      const numbers = JSON.stringify(usage).match(/-?[\d.]+/g) ?? [];
      expect(numbers.length).toBeGreaterThan(0);
      expect(numbers.every((n) => Number.isInteger(Number(n)))).toBe(true);
    });
  }
});
