/** How a relayed upstream body ended. */
export type RelayEnd = "complete" | "upstream_failed" | "client_hangup";

export interface RelayResult {
  end: RelayEnd;
  /** ms from the request's start to the first upstream byte, if any arrived. */
  ttfbMs: number | null;
}

/** What a relay does with the upstream's bytes on their way to the client. */
export interface StreamProcessor {
  /** The client's bytes for one upstream chunk (the chunk itself for a passthrough). */
  push(chunk: Uint8Array): Uint8Array | undefined;
  /** Looks at a chunk after its bytes were passed on: a parser beside an untouched stream. */
  observe?(chunk: Uint8Array): void;
  /** The upstream closed cleanly: the last bytes (an error frame if the stream was incomplete). */
  close(): Uint8Array | undefined;
  /** The upstream failed mid-stream: the bytes that tell the client so, in its format. */
  fail(): Uint8Array | undefined;
}

/**
 * Relays an upstream body to the client through one TransformStream, unbuffered: each chunk's
 * bytes are enqueued before anything else looks at them. `done` settles when the relay ends —
 * after the processor has seen every byte — and says how: completely, with an upstream failure
 * (the client got the processor's error frame, never a fabricated end), or with the client gone
 * (the upstream fetch is then cancelled).
 */
export function relay(
  body: ReadableStream<Uint8Array>,
  startedAt: number,
  processor: StreamProcessor,
): { readable: ReadableStream<Uint8Array>; done: Promise<RelayResult> } {
  let ttfbMs: number | null = null;
  let closed = false;
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      if (ttfbMs === null) ttfbMs = Date.now() - startedAt;
      const out = processor.push(chunk);
      if (out) controller.enqueue(out);
      processor.observe?.(chunk);
    },
    flush(controller) {
      closed = true;
      const tail = processor.close();
      if (tail) controller.enqueue(tail);
    },
  });

  const done = body.pipeTo(writable, { preventAbort: true }).then(
    // A cancelled readable (the client went away) can end the pipe without an error in
    // workerd; only a stream that reached flush() was delivered whole.
    (): RelayResult => ({ end: closed ? "complete" : "client_hangup", ttfbMs }),
    async (): Promise<RelayResult> => {
      // Either side failed. A client that went away has errored our readable, so writing
      // fails; an upstream that died leaves it open for the error frame.
      try {
        const writer = writable.getWriter();
        const tail = processor.fail();
        if (tail) await writer.write(tail);
        await writer.close();
        return { end: "upstream_failed", ttfbMs };
      } catch {
        return { end: "client_hangup", ttfbMs };
      }
    },
  );
  return { readable, done };
}
