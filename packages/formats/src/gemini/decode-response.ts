/**
 * Gemini `GenerateContentResponse` → IR response (https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse):
 * a Gemini model's answer for a client of another format. Candidate 0 is the answer; a prompt
 * Google blocked (`promptFeedback.blockReason`, no candidate) is a refusal. The parts are read
 * by the stream's reader (read-parts.ts) and folded.
 */
import { GatewayError } from "../errors.ts";
import type { OutputPart } from "../ir/content.ts";
import type { IrResponse } from "../ir/response.ts";
import type { IrStreamEvent } from "../ir/stream.ts";
import type { StopReason } from "../stop-reason.ts";
import { GeminiPartsReader } from "./read-parts.ts";
import { type GeminiResponse, GeminiResponseSchema } from "./schema.ts";
import { geminiStopReason } from "./stop-reasons.ts";
import { geminiUsageToRecord } from "./usage.ts";

/** The stop reason of candidate 0, or of a blocked prompt (a refusal, with its explanation). */
export function geminiStop(
  finishReason: string | null | undefined,
  finishMessage: string | null | undefined,
  blockReason: string | null | undefined,
  hasCalls: boolean,
): { stopReason: StopReason | null; refusal?: string } {
  if (blockReason)
    return {
      stopReason: { value: "content_filter", raw: blockReason },
      refusal: `The prompt was blocked (${blockReason}).`,
    };
  const stopReason = finishReason ? geminiStopReason(finishReason, hasCalls) : null;
  return stopReason?.value === "content_filter"
    ? { stopReason, refusal: finishMessage ?? `The answer was blocked (${stopReason.raw}).` }
    : { stopReason };
}

/** Folds the part events of one answer into its parts. */
export function foldPartEvents(events: IrStreamEvent[]): OutputPart[] {
  const parts = new Map<number, OutputPart>();
  const args = new Map<number, string>();
  for (const e of events) {
    if (e.type === "part_start") {
      const p = e.part;
      parts.set(
        e.index,
        p.kind === "tool_call"
          ? { type: "tool_call", id: p.id, name: p.name, input: {} }
          : p.kind === "thinking"
            ? { type: "thinking", text: "", signature: "" }
            : p.kind === "text"
              ? { type: "text", text: "" }
              : { type: "redacted_thinking", data: p.data },
      );
    } else if (e.type === "text_delta" || e.type === "thinking_delta") {
      const p = parts.get(e.index);
      if (p?.type === "text" || p?.type === "thinking") p.text += e.text;
    } else if (e.type === "signature_delta") {
      const p = parts.get(e.index);
      if (p?.type === "thinking") p.signature += e.signature;
    } else if (e.type === "tool_input_delta") args.set(e.index, (args.get(e.index) ?? "") + e.partialJson);
  }
  for (const [index, json] of args) {
    const p = parts.get(index);
    if (p?.type === "tool_call") p.input = JSON.parse(json) as Record<string, unknown>;
  }
  return [...parts.entries()].sort(([a], [b]) => a - b).map(([, p]) => p);
}

const unreadable = (cause: unknown) =>
  new GatewayError("upstream", "The upstream response could not be read.", { cause });

/** Decode a whole generateContent answer; a body that is not one is a 502. */
export function decodeGeminiResponse(json: unknown): IrResponse {
  const parsed = GeminiResponseSchema.safeParse(json);
  if (!parsed.success) throw unreadable(parsed.error);
  const r: GeminiResponse = parsed.data;
  const id = r.responseId ?? "gemini";
  const reader = new GeminiPartsReader(() => id);
  const candidate = r.candidates?.[0];
  const events = (candidate?.content?.parts ?? []).flatMap((p) => reader.read(p));
  const content = foldPartEvents(reader.close(events));
  const { stopReason, refusal } = geminiStop(
    candidate?.finishReason,
    candidate?.finishMessage,
    r.promptFeedback?.blockReason,
    reader.calls > 0,
  );
  const res: IrResponse = {
    id,
    model: r.modelVersion ?? "",
    content,
    stopReason,
    usage: geminiUsageToRecord(r.usageMetadata),
    rawUsage: r.usageMetadata,
  };
  if (refusal !== undefined) res.refusal = refusal;
  return res;
}
