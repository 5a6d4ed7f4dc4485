/**
 * The one metering contract every vendor format follows. A usage tap reads an upstream answer
 * (a stream event by event, or a whole JSON body) beside the relay, and {@link billableUsage}
 * turns what it saw into what is billed:
 *
 * - a normal end (the terminal event arrived, no error frame, usage reported): the vendor's
 *   reported usage, exactly;
 * - any abnormal end (client hang-up, upstream cut, error frame, missing terminal event or
 *   usage): the input as the larger of what was reported and the admission estimate, plus
 *   every output token generated so far, counted from the deltas the gateway relayed (text,
 *   thinking or reasoning, tool arguments) and never below what the vendor reported; and per
 *   server tool, the larger of the uses reported and the calls the stream showed.
 */
import type { SseEvent } from "./sse/decoder.ts";
import type { StoredObject } from "./stored-objects.ts";
import { estimateTokens } from "./tokens.ts";
import { emptyUsage, totalInput, type UsageRecord } from "./usage.ts";

/** What a tap follows of one upstream stream. */
export interface UsageTap {
  /** Take one SSE event of the upstream stream into account; never throws on its content. */
  onEvent(ev: SseEvent): void;
  /** True once the vendor's terminal event arrived (message_stop, response.completed, [DONE]). */
  readonly completed: boolean;
  /** True once the stream reported an error (an error frame, a failed response, an unreadable event). */
  readonly failed: boolean;
  /** The usage the vendor reported so far (possibly only its input side), or undefined. */
  reported(): UsageRecord | undefined;
  /** Output generated so far, counted from the relayed deltas. */
  relayed(): RelayedOutput;
  /** Objects the vendor stored for later that the stream named (a stored response, a container). */
  created(): StoredObject[];
}

/** Output tokens counted from the deltas a stream carried. */
export interface RelayedOutput {
  output: number;
  /** The part of `output` spent thinking or reasoning. */
  thinking: number;
  /**
   * Server-side tool calls the stream showed starting, by tool, where the vendor reports them
   * only with its final usage (OpenAI's hosted tools): a call that ran is billed however the
   * stream ends.
   */
  toolUses?: Readonly<Record<string, number>>;
}

/**
 * Collects the generated text of a stream's deltas. Kept whole because estimateTokens is not
 * additive over pieces (each piece would round up on its own).
 */
export class GeneratedText {
  private text = "";
  private thought = "";

  add(text: string): void {
    this.text += text;
  }

  addThinking(text: string): void {
    this.thought += text;
  }

  counted(): RelayedOutput {
    const thinking = estimateTokens(this.thought);
    return { output: estimateTokens(this.text) + thinking, thinking };
  }
}

/** Whether a tap saw a stream through to a clean end: terminal event, no error, usage known. */
export const endedNormally = (tap: UsageTap): boolean =>
  tap.completed && !tap.failed && tap.reported() !== undefined;

/**
 * The usage to bill for an upstream answer, by the contract above. `normal` says whether the
 * answer ended normally; `inputEstimate` is admission's estimate of the input.
 */
export function billableUsage(
  reported: UsageRecord | undefined,
  relayed: RelayedOutput,
  inputEstimate: number,
  normal: boolean,
): UsageRecord {
  if (normal && reported) return reported;
  const usage: UsageRecord = reported ? { ...reported } : emptyUsage();
  // The input side keeps the vendor's split; a shortfall against the estimate is uncached input.
  usage.input += Math.max(0, inputEstimate - totalInput(usage));
  usage.output = Math.max(usage.output, relayed.output);
  usage.thinking = Math.min(usage.output, Math.max(usage.thinking, relayed.thinking));
  for (const [tool, calls] of Object.entries(relayed.toolUses ?? {})) {
    // A new tally: the reported record's own is left as it was.
    if (calls > (usage.toolUses?.[tool] ?? 0)) usage.toolUses = { ...usage.toolUses, [tool]: calls };
  }
  return usage;
}

/** {@link billableUsage} of what a tap saw. */
export function billableUsageOf(tap: UsageTap, inputEstimate: number): UsageRecord {
  return billableUsage(tap.reported(), tap.relayed(), inputEstimate, endedNormally(tap));
}
