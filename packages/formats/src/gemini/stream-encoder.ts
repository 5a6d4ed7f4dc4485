/**
 * IR stream events → Gemini SSE (https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent):
 * the stream a Gemini client gets when Claude or GPT answers. One instance per stream.
 */
import { ERROR_STATUS } from "../errors.ts";
import type { IrStreamEncoder, IrStreamEvent } from "../ir/stream.ts";
import { encodeSse } from "../sse/encoder.ts";
import { emptyUsage, type UsageRecord } from "../usage.ts";
import { type GeminiEncodeOptions, geminiFinish } from "./encode-response.ts";
import { geminiErrorObject } from "./errors.ts";
import { carrierOf, GeminiPartsWriter } from "./parts.ts";
import type { GeminiPartOut, GeminiResponseOut } from "./types.ts";
import { geminiUsageMetadata } from "./usage.ts";

/** The SSE frame of one chunk: `data: <json>`, as Google streams with `alt=sse`. */
export const geminiStreamFrame = (chunk: unknown): string => encodeSse({ data: JSON.stringify(chunk) });

/**
 * Encodes one answer as Gemini chunks: every chunk a GenerateContentResponse with the same
 * `responseId` and `modelVersion`; text and thought text as they arrive; a function call whole,
 * once its arguments are complete (Gemini never splits one); the last chunk with the
 * `finishReason` and the usage. An error ends the stream with Google's error body in a frame,
 * and no finishReason is made up.
 */
export class GeminiStreamEncoder implements IrStreamEncoder {
  private started = false;
  private ended = false;
  private id = "";
  private model = "";
  private usage: UsageRecord = emptyUsage();
  private readonly writer: GeminiPartsWriter;
  private readonly calls = new Map<number, { id: string; name: string; json: string }>();
  private readonly thinking = new Map<number, { text: string; signature: string }>();
  private finish: ReturnType<typeof geminiFinish> | undefined;

  constructor(private readonly options: GeminiEncodeOptions = {}) {
    this.writer = new GeminiPartsWriter(options.includeThoughts === true);
  }

  /** The chunks one IR event becomes (possibly none). */
  encode(ev: IrStreamEvent): unknown[] {
    if (this.ended) return [];
    if (ev.type === "error") {
      this.ended = true;
      return [{ error: geminiErrorObject(ev.kind, ERROR_STATUS[ev.kind], ev.message) }];
    }
    if (ev.type === "message_start") {
      if (this.started) return [];
      this.started = true;
      this.id = ev.id;
      this.model = this.options.model ?? ev.model;
      this.usage = ev.usage;
      return [];
    }
    if (!this.started) return [];
    switch (ev.type) {
      case "part_start":
        if (ev.part.kind === "tool_call")
          this.calls.set(ev.index, { id: ev.part.id, name: ev.part.name, json: "" });
        else if (ev.part.kind === "thinking") this.thinking.set(ev.index, { text: "", signature: "" });
        else if (ev.part.kind === "redacted_thinking")
          this.writer.carry(carrierOf({ type: "redacted_thinking", data: ev.part.data }) as string);
        return [];
      case "text_delta":
        return this.chunk(this.writer.write({ type: "text", text: ev.text }));
      case "thinking_delta": {
        const t = this.thinking.get(ev.index);
        if (t) t.text += ev.text;
        return this.chunk(this.writer.thought(ev.text));
      }
      case "signature_delta": {
        const t = this.thinking.get(ev.index);
        if (t) t.signature += ev.signature;
        return [];
      }
      case "tool_input_delta": {
        const call = this.calls.get(ev.index);
        if (call) call.json += ev.partialJson;
        return [];
      }
      case "part_stop":
        return this.stopPart(ev.index);
      case "message_delta":
        this.usage = ev.usage;
        this.finish = geminiFinish(ev.stopReason, ev.refusal);
        return [];
      case "message_stop": {
        this.ended = true;
        const out = this.stopAll();
        const parts = this.writer.flush();
        out.push(this.response(parts.length > 0 ? parts : [{ text: "" }], true));
        return out;
      }
    }
  }

  /** {@link encode} as SSE text. */
  encodeSse(ev: IrStreamEvent): string {
    return this.encode(ev).map(geminiStreamFrame).join("");
  }

  private stopPart(index: number): unknown[] {
    const t = this.thinking.get(index);
    if (t && this.thinking.delete(index)) {
      const carrier = carrierOf({ type: "thinking", text: t.text, signature: t.signature });
      if (carrier) this.writer.carry(carrier);
      return [];
    }
    const call = this.calls.get(index);
    if (!call || !this.calls.delete(index)) return [];
    let args: Record<string, unknown> = {};
    try {
      const parsed: unknown = call.json === "" ? {} : JSON.parse(call.json);
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed))
        args = parsed as Record<string, unknown>;
    } catch {
      // Arguments the upstream left unfinished: the call goes with none rather than broken JSON.
    }
    return this.chunk(this.writer.write({ type: "tool_call", id: call.id, name: call.name, input: args }));
  }

  private stopAll(): unknown[] {
    return [...this.thinking.keys(), ...this.calls.keys()]
      .sort((a, b) => a - b)
      .flatMap((i) => this.stopPart(i));
  }

  private chunk(parts: GeminiPartOut[]): unknown[] {
    return parts.length === 0 ? [] : [this.response(parts, false)];
  }

  private response(parts: GeminiPartOut[], last: boolean): GeminiResponseOut {
    const out: GeminiResponseOut = {
      candidates: [
        {
          content: { role: "model", parts },
          ...(last ? (this.finish ?? geminiFinish(null, undefined)) : {}),
          index: 0,
        },
      ],
      modelVersion: this.model,
      responseId: this.id,
    };
    if (last) out.usageMetadata = geminiUsageMetadata(this.usage);
    return out;
  }
}
