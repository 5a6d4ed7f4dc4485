import { encodeSse, openAiChatUsageToRecord, SseDecoder, type SseEvent, type UsageRecord } from "@cc/formats";

interface ChunkLike {
  choices?: unknown[];
  usage?: unknown;
  error?: unknown;
}

const parse = (data: string): ChunkLike | undefined => {
  try {
    return JSON.parse(data) as ChunkLike;
  } catch {
    return undefined;
  }
};

/**
 * Follows an OpenAI Chat stream relayed to the client: the usage chunk (which the gateway
 * always asks the upstream for, to bill), whether `[DONE]` arrived, and whether an error frame
 * did. With `dropUsage`, `filter` removes the usage-only chunk for a client that did not ask
 * for it (an unexpected `choices: []` chunk breaks `chunk.choices[0]` consumers, §13 P6);
 * every other event's data passes verbatim.
 */
export class OpenAiChatStreamWatch {
  private readonly sse = new SseDecoder();
  private readonly utf8 = new TextEncoder();
  private record: UsageRecord | undefined;
  done = false;
  sawError = false;

  constructor(private readonly dropUsage: boolean) {}

  /** Reads a chunk beside a byte-for-byte relay. */
  observe(chunk: Uint8Array): void {
    for (const event of this.sse.push(chunk)) this.onEvent(event);
  }

  /** The chunk the client should get, without the usage chunk when it did not ask for it. */
  filter(chunk: Uint8Array): Uint8Array | undefined {
    return this.reframe(this.sse.push(chunk));
  }

  /** The end of the upstream stream: any last complete event. */
  end(): Uint8Array | undefined {
    return this.reframe(this.sse.end());
  }

  usage(fallback: UsageRecord): UsageRecord {
    return this.record ?? fallback;
  }

  private reframe(events: SseEvent[]): Uint8Array | undefined {
    let out = "";
    for (const event of events)
      if (!this.onEvent(event) || !this.dropUsage) out += encodeSse({ data: event.data });
    return out ? this.utf8.encode(out) : undefined;
  }

  /** True when the event is the usage-only chunk. */
  private onEvent(event: SseEvent): boolean {
    if (event.data === "[DONE]") {
      this.done = true;
      return false;
    }
    const chunk = parse(event.data);
    if (!chunk) return false;
    if (chunk.error !== undefined) this.sawError = true;
    if (chunk.usage) this.record = openAiChatUsageToRecord(chunk.usage);
    return Array.isArray(chunk.choices) && chunk.choices.length === 0 && chunk.usage !== undefined;
  }
}
