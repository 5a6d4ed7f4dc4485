/**
 * The stream translation pipe: upstream bytes → SSE events → IR events → the client's SSE
 * bytes. Any decoder pairs with any encoder, so a new wire format adds one of each, not one
 * adapter per pair.
 */
import type { IrStreamDecoder, IrStreamEncoder } from "./ir/stream.ts";
import { SseDecoder, type SseEvent } from "./sse/decoder.ts";

/**
 * Translates one upstream SSE body into the client's SSE, chunk by chunk: what the client gets
 * for each upstream chunk comes out at once. Keep the decoder: it holds the usage and outcome
 * for settlement (`tap`, `outcome`, `error`), also when the client hangs up mid-stream.
 */
export class SseTranslator {
  private readonly sse = new SseDecoder();
  private readonly utf8 = new TextEncoder();

  constructor(
    readonly decoder: IrStreamDecoder,
    private readonly encoder: IrStreamEncoder,
  ) {}

  /** The client's bytes for one upstream chunk (undefined when it completed no event). */
  push(chunk: Uint8Array): Uint8Array | undefined {
    return this.translate(this.sse.push(chunk), false);
  }

  /**
   * The upstream ended (cleanly, or after the caller pushed the upstream format's own error
   * frame): the last events, and the client's error frame if the stream had not completed.
   */
  end(): Uint8Array | undefined {
    return this.translate(this.sse.end(), true);
  }

  private translate(events: SseEvent[], upstreamEnded: boolean): Uint8Array | undefined {
    let out = "";
    for (const ev of events) for (const ir of this.decoder.decode(ev)) out += this.encoder.encodeSse(ir);
    // decoder.end() runs after the last events were decoded.
    if (upstreamEnded) for (const ir of this.decoder.end()) out += this.encoder.encodeSse(ir);
    return out === "" ? undefined : this.utf8.encode(out);
  }
}

/**
 * {@link SseTranslator} as a TransformStream from an upstream SSE body to the client's SSE body.
 * Closing the writable ends the translation: an unfinished stream ends with the client's error
 * frame. To choose the error, first write the upstream format's own error frame into it (e.g.
 * `renderAnthropicStreamError(err)`); it comes out in the client's format.
 */
export function translateSseStream(
  decoder: IrStreamDecoder,
  encoder: IrStreamEncoder,
): TransformStream<Uint8Array, Uint8Array> {
  const translator = new SseTranslator(decoder, encoder);
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      const out = translator.push(chunk);
      if (out) controller.enqueue(out);
    },
    flush(controller) {
      const out = translator.end();
      if (out) controller.enqueue(out);
    },
  });
}
