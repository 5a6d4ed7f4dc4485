import type { StopReason } from "../stop-reason.ts";
import type { UsageRecord } from "../usage.ts";
import type { OutputPart } from "./content.ts";

/** A complete (non-streamed) model answer, independent of its wire format. */
export interface IrResponse {
  /** The vendor's message id. */
  id: string;
  /** The vendor's exact model id. */
  model: string;
  content: OutputPart[];
  /** Null only if the vendor sent none (it should not for a complete answer). */
  stopReason: StopReason | null;
  /** The stop sequence that matched, when `stopReason.raw` says so. */
  stopSequence?: string;
  /** The vendor's explanation of a refusal, when it gave one. */
  refusal?: string;
  usage: UsageRecord;
  /** The vendor's usage object as received, for logs and audits. */
  rawUsage: unknown;
}
