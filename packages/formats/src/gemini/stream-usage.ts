/**
 * The usage tap of a Gemini stream (`streamGenerateContent?alt=sse`,
 * https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent): every
 * `data:` frame is a whole GenerateContentResponse chunk; `usageMetadata` is cumulative (the
 * last one replaces the earlier ones); the chunk with a `finishReason` (or a blocked prompt's
 * `promptFeedback`) ends the answer; a fault after HTTP 200 is a frame with Google's error body.
 */
import type { SseEvent } from "../sse/decoder.ts";
import type { StoredObject } from "../stored-objects.ts";
import type { UsageRecord } from "../usage.ts";
import { GeneratedText, type RelayedOutput, type UsageTap } from "../usage-tap.ts";
import { type GeminiResponse, GeminiResponseSchema } from "./schema.ts";
import { geminiUsageToRecord } from "./usage.ts";

/** What one frame of a Gemini stream is. */
export type GeminiStreamRead =
  | { kind: "chunk"; chunk: GeminiResponse }
  | { kind: "error"; status: string | undefined; message: string | undefined }
  | { kind: "invalid" };

/** Parse one SSE event of a Gemini stream; never throws. */
export function readGeminiStreamEvent(ev: SseEvent): GeminiStreamRead {
  let json: unknown;
  try {
    json = JSON.parse(ev.data);
  } catch {
    return { kind: "invalid" };
  }
  if (typeof json === "object" && json !== null && "error" in json) {
    const e = (json as { error?: { status?: unknown; message?: unknown } }).error;
    return {
      kind: "error",
      status: typeof e?.status === "string" ? e.status : undefined,
      message: typeof e?.message === "string" ? e.message : undefined,
    };
  }
  const parsed = GeminiResponseSchema.safeParse(json);
  return parsed.success ? { kind: "chunk", chunk: parsed.data } : { kind: "invalid" };
}

/** True when a chunk ends the answer: candidate 0 finished, or the prompt was blocked. */
export const endsAnswer = (chunk: GeminiResponse): boolean =>
  Boolean(chunk.candidates?.[0]?.finishReason || chunk.promptFeedback?.blockReason);

export class GeminiStreamUsage implements UsageTap {
  private usageMetadata: unknown;
  private finished = false;
  private errors = 0;
  private readonly generated = new GeneratedText();

  get completed(): boolean {
    return this.finished;
  }

  get failed(): boolean {
    return this.errors > 0;
  }

  onEvent(ev: SseEvent): void {
    const read = readGeminiStreamEvent(ev);
    if (read.kind === "chunk") this.onChunk(read.chunk);
    else this.errors++;
  }

  /** Take one already parsed chunk into account. */
  onChunk(chunk: GeminiResponse): void {
    if (chunk.usageMetadata) this.usageMetadata = chunk.usageMetadata;
    for (const p of chunk.candidates?.[0]?.content?.parts ?? []) {
      if (p.thought === true) this.generated.addThinking(p.text ?? "");
      else if (p.functionCall) this.generated.add(JSON.stringify(p.functionCall.args ?? {}));
      else if (p.text !== undefined) this.generated.add(p.text);
    }
    if (endsAnswer(chunk)) this.finished = true;
  }

  /** The stream failed (an error frame the caller read itself). */
  onError(): void {
    this.errors++;
  }

  reported(): UsageRecord | undefined {
    return this.usageMetadata === undefined ? undefined : geminiUsageToRecord(this.usageMetadata);
  }

  /** Gemini's raw usageMetadata as known so far. */
  rawUsage(): unknown {
    return this.usageMetadata;
  }

  relayed(): RelayedOutput {
    return this.generated.counted();
  }

  created(): StoredObject[] {
    return [];
  }
}
