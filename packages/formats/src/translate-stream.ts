/**
 * The stream translation pipe: upstream bytes → SSE events → IR events → the client's SSE
 * bytes. Any decoder pairs with any encoder, so a new wire format adds one of each, not one
 * adapter per pair.
 */
import type { IrStreamDecoder, IrStreamEncoder } from "./ir/stream.ts";
import { SseDecoder, type SseEvent } from "./sse/decoder.ts";

/**
 * A TransformStream from an upstream SSE body to the client's SSE body. Output is written once
 * per upstream chunk, so the client sees each piece as soon as it arrived. Keep the decoder:
 * it holds the usage and outcome for settlement (`usage()`, `outcome`, `error`), also when the
 * client hangs up and the stream is cancelled without a flush.
 *
 * Closing the writable runs `decoder.end()`: an unfinished stream ends with the client's error
 * frame. So when the upstream body fails, close the writable (or first write the upstream
 * format's own error frame into it, e.g. `renderAnthropicStreamError(err)`, to choose the
 * error); it comes out in the client's format, or not at all if the stream had already ended.
 */
export function translateSseStream(
  decoder: IrStreamDecoder,
  encoder: IrStreamEncoder,
): TransformStream<Uint8Array, Uint8Array> {
  const sse = new SseDecoder();
  const utf8 = new TextEncoder();
  const translate = (events: SseEvent[], upstreamEnded: boolean): Uint8Array | undefined => {
    let out = "";
    for (const ev of events) for (const ir of decoder.decode(ev)) out += encoder.encodeSse(ir);
    // decoder.end() runs after the last events were decoded.
    if (upstreamEnded) for (const ir of decoder.end()) out += encoder.encodeSse(ir);
    return out === "" ? undefined : utf8.encode(out);
  };
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      const out = translate(sse.push(chunk), false);
      if (out) controller.enqueue(out);
    },
    flush(controller) {
      const out = translate(sse.end(), true);
      if (out) controller.enqueue(out);
    },
  });
}
