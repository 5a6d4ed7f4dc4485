/**
 * OpenAI Responses SSE events (from a GPT upstream) → IR stream events (wire-formats.md §3.3).
 * One instance per stream.
 */
import type { ErrorKind } from "../errors.ts";
import type { IrStreamDecoder, IrStreamEvent, IrStreamFailure, IrStreamOutcome } from "../ir/stream.ts";
import { nonStandardTier } from "../service-tier.ts";
import type { SseEvent } from "../sse/decoder.ts";
import type { StoredObject } from "../stored-objects.ts";
import { estimateTokens } from "../tokens.ts";
import { emptyUsage, type UsageRecord } from "../usage.ts";
import { billableUsage, type RelayedOutput, type UsageTap } from "../usage-tap.ts";
import { upstreamErrorFromOpenAi } from "./error-renderer.ts";
import {
  type ResponsesResponseRead,
  type ResponsesStreamEventRead,
  ResponsesStreamEventSchema,
} from "./response-schema.ts";
import { responsesStopReason } from "./stop-reasons.ts";
import { ResponsesItemTracker } from "./stream-decoder-items.ts";
import { countHostedCall, openAiResponsesUsageToRecord, ResponsesObjects } from "./usage.ts";

type Terminal = Extract<ResponsesStreamEventRead, { type: "response.completed" | "response.incomplete" }>;

/**
 * Decodes one Responses stream into IR events, and follows what it cost. It never throws on
 * stream content: an unreadable frame becomes an `error` event that ends the stream, as does a
 * `response.failed` or `error` event. GPT's reasoning becomes thinking whose signature carries
 * the encrypted reasoning, so an Anthropic client that sends it back gives GPT its reasoning
 * again (reasoning-token.ts). Events we do not model (hosted tools, done events) are skipped,
 * but hosted tool calls are counted: it is also the usage tap of the Responses format.
 */
export class OpenAiResponsesStreamDecoder implements IrStreamDecoder, UsageTap {
  private readonly tracker = new ResponsesItemTracker();
  private started = false;
  private finished = false;
  private failure: IrStreamFailure | undefined;
  private reportedUsage: unknown;
  private serviceTier: string | undefined;
  private toolUses: Record<string, number> | undefined;

  readonly tap: UsageTap = this;
  private readonly objects = new ResponsesObjects();

  created(): StoredObject[] {
    return this.objects.list();
  }

  get completed(): boolean {
    return this.finished;
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  onEvent(ev: SseEvent): void {
    this.decode(ev);
  }

  /** finished: a completed or incomplete response arrived; errored: an error ended it. */
  get outcome(): IrStreamOutcome {
    return this.failure ? "errored" : this.finished ? "finished" : "streaming";
  }

  /** The error that ended the stream, if one did. */
  get error(): IrStreamFailure | undefined {
    return this.failure;
  }

  /** OpenAI's usage with the tier and hosted tool calls, once the terminal event reported it. */
  reported(): UsageRecord | undefined {
    if (this.reportedUsage === undefined) return undefined;
    const record = openAiResponsesUsageToRecord(this.reportedUsage);
    if (this.serviceTier !== undefined) record.serviceTier = this.serviceTier;
    if (this.toolUses !== undefined) record.toolUses = { ...this.toolUses };
    return record;
  }

  relayed(): RelayedOutput {
    const thinking = estimateTokens(this.tracker.thought);
    const relayed: RelayedOutput = { output: estimateTokens(this.tracker.generated) + thinking, thinking };
    // OpenAI's usage counts no tool calls: a stream cut before its end still bills those it began.
    if (this.toolUses !== undefined) relayed.toolUses = { ...this.toolUses };
    return relayed;
  }

  /** Usage so far: OpenAI's counts, or the output counted from the deltas for a stream cut short. */
  usage(): UsageRecord {
    return billableUsage(this.reported(), this.relayed(), 0, this.finished);
  }

  /** OpenAI's raw usage object, once reported. */
  rawUsage(): unknown {
    return this.reportedUsage;
  }

  decode(ev: SseEvent): IrStreamEvent[] {
    if (this.outcome !== "streaming") return [];
    let json: unknown;
    try {
      json = JSON.parse(ev.data);
    } catch {
      return this.fail("upstream", "The upstream sent an unreadable event.", "");
    }
    const parsed = ResponsesStreamEventSchema.safeParse(json);
    if (!parsed.success) return this.fail("upstream", "The upstream sent an unreadable event.", "");
    const e = parsed.data;
    if (e.type === "other") {
      return ev.event === "error" ? this.fail("upstream", "The upstream stream failed.", "") : [];
    }
    if (!this.started && e.type !== "response.created" && e.type !== "error") {
      return this.fail("upstream", "The upstream sent an event before response.created.", "");
    }
    switch (e.type) {
      case "response.created":
        if (this.started) return [];
        this.started = true;
        this.objects.response(e.response, Date.now());
        return [
          {
            type: "message_start",
            id: e.response.id,
            model: e.response.model ?? "",
            usage: emptyUsage(),
            rawUsage: null,
          },
        ];
      case "response.completed":
      case "response.incomplete":
        return this.finish(e);
      case "response.failed":
        // What a failed response reports it used is billed too (the abnormal-end rule).
        this.report(e.response);
        return this.upstreamError(e.response.error?.code, e.response.error?.message);
      case "error":
        return this.upstreamError(e.error?.code ?? e.code, e.error?.message ?? e.message);
      case "response.output_item.added":
        // A hosted tool (web search…) is billed per call from the moment it starts.
        if (e.item.type === "other") this.toolUses = countHostedCall(this.toolUses, e.item.raw);
        this.objects.item(e.item.type === "other" ? e.item.raw : e.item, Date.now());
        return this.tracker.translate(e);
      default:
        return this.tracker.translate(e);
    }
  }

  end(): IrStreamEvent[] {
    if (this.outcome !== "streaming") return [];
    // A stream closed without its terminal event is an error, never a made-up finish.
    return this.fail("upstream", "The upstream stream ended before the response was complete.", "");
  }

  private finish(e: Terminal): IrStreamEvent[] {
    const out = this.tracker.closeAll();
    this.finished = true;
    this.report(e.response);
    const status = e.response.status ?? e.type.slice("response.".length);
    let stopReason = responsesStopReason(status, e.response.incomplete_details?.reason, this.tracker.calls);
    const refusal = this.tracker.refusal;
    // A GPT refusal is a refusal part in a completed answer; to the IR it is a refusal stop.
    if (refusal !== "" && stopReason.value === "stop")
      stopReason = { value: "content_filter", raw: "refusal" };
    out.push({
      type: "message_delta",
      stopReason,
      usage: this.usage(),
      rawUsage: this.reportedUsage,
      ...(refusal !== "" ? { refusal } : {}),
    });
    out.push({ type: "message_stop" });
    return out;
  }

  /** Takes in the usage and tier of a terminal response; a usage that is not an object is none. */
  private report(response: ResponsesResponseRead): void {
    const usage = response.usage;
    this.reportedUsage =
      typeof usage === "object" && usage !== null && !Array.isArray(usage) ? usage : undefined;
    this.serviceTier = nonStandardTier(response.service_tier);
  }

  private upstreamError(
    code: string | null | undefined,
    message: string | null | undefined,
  ): IrStreamEvent[] {
    const { kind, message: text } = upstreamErrorFromOpenAi(code, message);
    return this.fail(kind, text, code ?? "");
  }

  private fail(kind: ErrorKind, message: string, raw: string): IrStreamEvent[] {
    this.failure = { kind, message, raw };
    return [{ type: "error", kind, message, raw }];
  }
}
