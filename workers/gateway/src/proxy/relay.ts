/** How a relayed upstream body ended. */
export type RelayEnd = "complete" | "upstream_failed" | "client_hangup";

export interface RelayResult {
  end: RelayEnd;
  /** ms from the request's start to the first upstream byte, if any arrived. */
  ttfbMs: number | null;
}

export interface RelayHooks {
  /** Sees each chunk right after it was passed on (a parser beside the stream). */
  onChunk?: (chunk: Uint8Array) => void;
  /**
   * Replaces each chunk with what the client should get instead (undefined: nothing), for
   * the rare relay that must edit the stream; without it the bytes pass untouched.
   */
  rewrite?: (chunk: Uint8Array) => Uint8Array | undefined;
  /** The upstream closed cleanly: a last chance to add bytes (e.g. an error frame for a cut stream). */
  onClose?: () => Uint8Array | undefined;
  /** The upstream failed mid-stream: the bytes that tell the client so, in its format. */
  errorFrame: () => Uint8Array;
}

/**
 * Relays an upstream body to the client through a TransformStream, unbuffered: each chunk is
 * enqueued before anything else looks at it. `done` settles when the relay ends and says how:
 * completely, with an upstream failure (the client got `errorFrame`, never a fabricated end),
 * or with the client gone (the upstream fetch is then cancelled).
 */
export function relay(
  body: ReadableStream<Uint8Array>,
  startedAt: number,
  hooks: RelayHooks,
): { readable: ReadableStream<Uint8Array>; done: Promise<RelayResult> } {
  let ttfbMs: number | null = null;
  let closed = false;
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      if (ttfbMs === null) ttfbMs = Date.now() - startedAt;
      const out = hooks.rewrite ? hooks.rewrite(chunk) : chunk;
      if (out) controller.enqueue(out);
      hooks.onChunk?.(chunk);
    },
    flush(controller) {
      closed = true;
      const tail = hooks.onClose?.();
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
        await writer.write(hooks.errorFrame());
        await writer.close();
        return { end: "upstream_failed", ttfbMs };
      } catch {
        return { end: "client_hangup", ttfbMs };
      }
    },
  );
  return { readable, done };
}
