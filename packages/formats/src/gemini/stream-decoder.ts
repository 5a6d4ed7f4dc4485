/**
 * Gemini SSE chunks → IR stream events (https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent):
 * a Gemini model's stream for a client of another format. One instance per stream.
 */
import type { ErrorKind } from "../errors.ts";
import type { IrStreamDecoder, IrStreamEvent, IrStreamFailure, IrStreamOutcome } from "../ir/stream.ts";
import type { SseEvent } from "../sse/decoder.ts";
import type { UsageRecord } from "../usage.ts";
import { billableUsage, type UsageTap } from "../usage-tap.ts";
import { geminiStop } from "./decode-response.ts";
import { upstreamErrorFromGemini } from "./errors.ts";
import { GeminiPartsReader } from "./read-parts.ts";
import { endsAnswer, GeminiStreamUsage, readGeminiStreamEvent } from "./stream-usage.ts";

/**
 * Decodes one Gemini stream into IR events, and follows what it cost. It never throws on stream
 * content: an unreadable frame or Google's error frame becomes an `error` event that ends the
 * stream; a stream that closes before a chunk with a finishReason is an error, never a finish.
 */
export class GeminiStreamDecoder implements IrStreamDecoder {
  private readonly tracker = new GeminiStreamUsage();
  readonly tap: UsageTap = this.tracker;
  private id = "";
  private readonly reader = new GeminiPartsReader(() => this.id);
  private started = false;
  private finished = false;
  private failure: IrStreamFailure | undefined;

  get outcome(): IrStreamOutcome {
    return this.failure ? "errored" : this.finished ? "finished" : "streaming";
  }

  get error(): IrStreamFailure | undefined {
    return this.failure;
  }

  usage(): UsageRecord {
    return billableUsage(this.tracker.reported(), this.tracker.relayed(), 0, this.finished);
  }

  decode(ev: SseEvent): IrStreamEvent[] {
    if (this.outcome !== "streaming") return [];
    const read = readGeminiStreamEvent(ev);
    if (read.kind === "invalid") {
      this.tracker.onError();
      return this.fail("upstream", "The upstream sent an unreadable event.", "");
    }
    if (read.kind === "error") {
      this.tracker.onError();
      const { kind, message } = upstreamErrorFromGemini(read.status, read.message);
      return this.fail(kind, message, read.status ?? "");
    }
    const chunk = read.chunk;
    this.tracker.onChunk(chunk);
    const out: IrStreamEvent[] = [];
    if (!this.started) {
      this.started = true;
      this.id = chunk.responseId ?? "gemini";
      out.push({
        type: "message_start",
        id: this.id,
        model: chunk.modelVersion ?? "",
        usage: this.usage(),
        rawUsage: this.tracker.rawUsage(),
      });
    }
    const candidate = chunk.candidates?.[0];
    for (const p of candidate?.content?.parts ?? []) out.push(...this.reader.read(p));
    if (!endsAnswer(chunk)) return out;
    this.reader.close(out);
    this.finished = true;
    const { stopReason, refusal } = geminiStop(
      candidate?.finishReason,
      candidate?.finishMessage,
      chunk.promptFeedback?.blockReason,
      this.reader.calls > 0,
    );
    out.push(
      {
        type: "message_delta",
        stopReason,
        usage: this.usage(),
        rawUsage: this.tracker.rawUsage(),
        ...(refusal !== undefined ? { refusal } : {}),
      },
      { type: "message_stop" },
    );
    return out;
  }

  end(): IrStreamEvent[] {
    if (this.outcome !== "streaming") return [];
    return this.fail("upstream", "The upstream stream ended before the response was complete.", "");
  }

  private fail(kind: ErrorKind, message: string, raw: string): IrStreamEvent[] {
    this.failure = { kind, message, raw };
    return [{ type: "error", kind, message, raw }];
  }
}
