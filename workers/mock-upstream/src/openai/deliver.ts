import { sseResponse } from "../anthropic/stream.ts";
import { GARBLED_FRAME, garbledJson, resetBody, resetJson, sseBody } from "../body-faults.ts";
import { openAiErrorResponse, SERVER_ERROR } from "./errors.ts";
import type { Plan } from "./scenario.ts";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface Delivery {
  plan: Plan;
  stream: boolean;
  /** The non-streamed body. */
  json: unknown;
  /** The complete stream, one SSE event per frame. */
  frames: string[];
  /** Where `cut` and `stream-error` break off (frames kept before it). */
  breakAt: number;
  /** The in-stream error frame of `stream-error`; it is frame number `breakAt`. */
  failure: (index: number) => string;
}

/**
 * Sends the answer as the scenario wants it. Without streaming: `slow` waits first,
 * `stream-error` is a 500 server_error, `cut` sends half of the JSON, `reset` half then a failed
 * body, `garbled` an HTML page. Streaming: `cut` stops at `breakAt` (no terminal event),
 * `stream-error` adds its error frame there, `reset` fails the body there, `garbled` adds a frame
 * that is not JSON, `slow` waits between chunks.
 */
export async function deliver(d: Delivery): Promise<Response> {
  const name = d.plan.scenario.name;
  if (!d.stream) {
    if (name === "slow") await sleep(d.plan.delayMs);
    if (name === "stream-error") return openAiErrorResponse(500, SERVER_ERROR);
    const json = JSON.stringify(d.json);
    if (name === "reset") return resetJson(json);
    if (name === "garbled") return garbledJson();
    const body = name === "cut" ? json.slice(0, Math.floor(json.length / 2)) : json;
    return new Response(body, { headers: { "content-type": "application/json" } });
  }
  let frames = d.frames;
  if (["cut", "stream-error", "reset", "garbled"].includes(name)) frames = frames.slice(0, d.breakAt);
  if (name === "stream-error") frames.push(d.failure(d.breakAt));
  if (name === "reset") return sseBody(resetBody(frames));
  if (name === "garbled") frames.push(GARBLED_FRAME);
  return sseResponse(frames, name === "slow" ? d.plan.delayMs : 0);
}
