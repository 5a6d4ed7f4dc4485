import type { ErrorKind } from "../errors.ts";
import type { SseEvent } from "../sse/decoder.ts";
import type { StopReason } from "../stop-reason.ts";
import type { UsageRecord } from "../usage.ts";
import type { UsageTap } from "../usage-tap.ts";

/** The part a `part_start` opens. Only tool calls and redacted thinking carry data up front. */
export type IrPartStart =
  | { kind: "text" }
  | { kind: "thinking" }
  | { kind: "redacted_thinking"; data: string }
  | { kind: "tool_call"; id: string; name: string };

/**
 * One event of a streamed answer. `index` identifies a part within the message; it is the
 * vendor's block index, so it may have gaps where the decoder dropped a block it does not model.
 * Order: message_start, (part_start, deltas, part_stop)*, message_delta, message_stop; an error
 * may end the stream at any point.
 */
export type IrStreamEvent =
  | { type: "message_start"; id: string; model: string; usage: UsageRecord; rawUsage: unknown }
  | { type: "part_start"; index: number; part: IrPartStart }
  | { type: "text_delta"; index: number; text: string }
  | { type: "thinking_delta"; index: number; text: string }
  | { type: "signature_delta"; index: number; signature: string }
  | { type: "tool_input_delta"; index: number; partialJson: string }
  | { type: "part_stop"; index: number }
  | {
      type: "message_delta";
      stopReason: StopReason | null;
      stopSequence?: string;
      refusal?: string;
      /** Cumulative usage so far (replaces, never adds to, earlier values). */
      usage: UsageRecord;
      rawUsage: unknown;
    }
  | { type: "message_stop" }
  | { type: "error"; kind: ErrorKind; message: string /** The vendor's error type. */; raw: string };

/** How an upstream stream has ended so far: completed, failed, or neither yet. */
export type IrStreamOutcome = "streaming" | "finished" | "errored";

/** The error that ended a stream: the kind we report, a client-safe message, the vendor's type. */
export interface IrStreamFailure {
  kind: ErrorKind;
  message: string;
  raw: string;
}

/**
 * Turns one wire format's SSE events into IR events, and keeps what settlement needs: the
 * usage so far and how the stream ended.
 */
export interface IrStreamDecoder {
  /** Translate one SSE event; never throws on stream content (a bad frame becomes an error event). */
  decode(event: SseEvent): IrStreamEvent[];
  /** The upstream closed (or failed): an error event if the stream had not completed. */
  end(): IrStreamEvent[];
  readonly outcome: IrStreamOutcome;
  /** The error that ended the stream, if one did. */
  readonly error: IrStreamFailure | undefined;
  /** Usage so far: the vendor's counts, or an estimate for a stream cut short. */
  usage(): UsageRecord;
  /** The upstream format's usage tap, fed by {@link decode}: what settlement bills. */
  readonly tap: UsageTap;
}

/** Turns IR events into one wire format's SSE text. */
export interface IrStreamEncoder {
  /** SSE text for one event (possibly empty); nothing after a terminal event. */
  encodeSse(event: IrStreamEvent): string;
}
