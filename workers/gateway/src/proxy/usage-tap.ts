import { AnthropicStreamUsage, SseDecoder, type UsageRecord } from "@cc/formats";

/** How a relayed stream ended. */
export type StreamOutcome = "ok" | "stream_error" | "client_hangup";

export interface TappedStream {
  usage: UsageRecord;
  outcome: StreamOutcome;
  /** ms from the request's start to the first upstream byte, if any arrived. */
  ttfbMs: number | null;
  stopReason: string | null;
}

/**
 * Relays an Anthropic SSE body to the client untouched while an SSE parser beside it reads
 * the usage. Each chunk is enqueued before it is parsed, so parsing never delays a byte.
 *
 * If the upstream dies mid-stream the client gets an `event: error` frame (never a
 * fabricated message_stop); if the client hangs up, the upstream fetch is cancelled and the
 * usage so far is reported, so the caller pays for what was generated.
 */
export function tapAnthropicStream(
  body: ReadableStream<Uint8Array>,
  startedAt: number,
  errorFrame: () => Uint8Array,
): { readable: ReadableStream<Uint8Array>; done: Promise<TappedStream> } {
  const decoder = new SseDecoder();
  const tracker = new AnthropicStreamUsage();
  let ttfbMs: number | null = null;
  let truncated = false;
  let flushed = false;
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      if (ttfbMs === null) ttfbMs = Date.now() - startedAt;
      controller.enqueue(chunk);
      for (const event of decoder.push(chunk)) tracker.onEvent(event);
    },
    flush(controller) {
      flushed = true;
      for (const event of decoder.end()) tracker.onEvent(event);
      // The upstream closed cleanly but mid-message: tell the client with an error frame
      // rather than let it take a truncated answer for a whole one.
      if (!tracker.finished && !tracker.sawError) {
        truncated = true;
        controller.enqueue(errorFrame());
      }
    },
  });

  const result = (outcome: StreamOutcome): TappedStream => ({
    usage: tracker.usage(),
    outcome,
    ttfbMs,
    stopReason: tracker.stopReason ?? null,
  });

  const done = body.pipeTo(writable, { preventAbort: true }).then(
    // A cancelled readable (the client went away) can end the pipe without an error in some
    // runtimes; only a stream that reached flush() was delivered whole.
    () => result(!flushed ? "client_hangup" : tracker.sawError || truncated ? "stream_error" : "ok"),
    async () => {
      // Either side failed. A client that went away has errored our readable, so writing
      // fails; an upstream that died leaves it open for the error frame.
      try {
        const writer = writable.getWriter();
        await writer.write(errorFrame());
        await writer.close();
        return result("stream_error");
      } catch {
        return result("client_hangup");
      }
    },
  );
  return { readable, done };
}
