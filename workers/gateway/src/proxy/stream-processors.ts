import { encodeSse, OpenAiChatStreamUsage, SseDecoder, type SseTranslator, type UsageTap } from "@cc/formats";
import type { StreamProcessor } from "./relay.ts";
import type { UpstreamFormat } from "./upstream-formats.ts";

/** A relay's processor and the usage tap that settlement reads once the relay ends. */
export interface MeteredStream extends StreamProcessor {
  readonly tap: UsageTap;
}

const concat = (a: Uint8Array | undefined, b: Uint8Array | undefined): Uint8Array | undefined => {
  if (!a || !b) return a ?? b;
  const joined = new Uint8Array(a.byteLength + b.byteLength);
  joined.set(a);
  joined.set(b, a.byteLength);
  return joined;
};

/**
 * Same format in and out: the upstream's bytes pass untouched and the format's usage tap reads
 * them beside the stream. A stream that closes before its terminal event ends with the
 * format's own error frame rather than passing as whole.
 */
export function passthroughStream(upstream: UpstreamFormat): MeteredStream {
  const sse = new SseDecoder();
  const tap = upstream.tap();
  return {
    tap,
    push: (chunk) => chunk,
    observe: (chunk) => {
      for (const ev of sse.push(chunk)) tap.onEvent(ev);
    },
    close: () => {
      for (const ev of sse.end()) tap.onEvent(ev);
      return tap.completed || tap.failed ? undefined : upstream.brokenStream();
    },
    fail: () => upstream.brokenStream(),
  };
}

/**
 * An OpenAI Chat passthrough whose client did not ask for usage: the gateway asked the
 * upstream for it (to bill) and removes the usage-only chunk, which breaks clients that read
 * `chunk.choices[0]`; every other event's data passes verbatim.
 */
export function chatWithoutUsageStream(upstream: UpstreamFormat): MeteredStream {
  const sse = new SseDecoder();
  const tap = new OpenAiChatStreamUsage();
  const utf8 = new TextEncoder();
  const reframe = (events: ReturnType<SseDecoder["push"]>) => {
    let out = "";
    for (const ev of events) if (!tap.read(ev)) out += encodeSse({ data: ev.data });
    return out ? utf8.encode(out) : undefined;
  };
  return {
    tap,
    push: (chunk) => reframe(sse.push(chunk)),
    close: () => {
      const tail = reframe(sse.end());
      return tap.completed || tap.failed ? tail : concat(tail, upstream.brokenStream());
    },
    fail: () => upstream.brokenStream(),
  };
}

/**
 * Another format upstream: every event translated into the client's format as it arrives.
 * When the upstream fails, its own error frame goes through the translator, so the client
 * gets the error in its format (or nothing more if the stream had already ended).
 */
export function translatedStream(upstream: UpstreamFormat, translator: SseTranslator): MeteredStream {
  return {
    tap: translator.decoder.tap,
    push: (chunk) => translator.push(chunk),
    close: () => translator.end(),
    fail: () => concat(translator.push(upstream.brokenStream()), translator.end()),
  };
}
