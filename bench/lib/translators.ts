/**
 * The stream translators the micro-benchmarks time, looked up by name in @cc/formats' public
 * API at run time: the package is being extended while this bench exists, so a translator
 * that is not exported yet is reported as "not available yet" instead of breaking the bench.
 */
import type { SseEvent } from "../../packages/formats/src/index.ts";
import type { Packages } from "./packages.ts";

export interface StreamDecoderLike {
  decode(event: SseEvent): unknown[];
  end(): unknown[];
}
export interface StreamEncoderLike {
  encodeSse(event: unknown): string;
}
export interface Translator {
  /** The exports used, for the report. */
  via: string;
  make(): { decoder: StreamDecoderLike; encoder: StreamEncoderLike };
}
/** A translator, or why there is none. */
export type Lookup = { ok: true; translator: Translator } | { ok: false; reason: string };

type Formats = Packages["formats"];
type Ctor<T> = new (options?: unknown) => T;
const exportsOf = (formats: Formats) => formats as unknown as Record<string, unknown>;
const ctor = <T>(formats: Formats, name: string): Ctor<T> | undefined => {
  const value = exportsOf(formats)[name];
  return typeof value === "function" ? (value as Ctor<T>) : undefined;
};

const SAMPLE =
  'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-6","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":3,"output_tokens":1}}}\n\n' +
  'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n' +
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}\n\n' +
  'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n' +
  'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":1}}\n\n' +
  'event: message_stop\ndata: {"type":"message_stop"}\n\n';

/** Runs a translator over a small stream: it must produce output without throwing. */
function check(formats: Formats, via: string, make: Translator["make"]): Lookup {
  try {
    const { decoder, encoder } = make();
    const sse = new formats.SseDecoder();
    let out = "";
    const events = sse.push(new TextEncoder().encode(SAMPLE)).concat(sse.end());
    for (const ev of events) for (const ir of decoder.decode(ev)) out += encoder.encodeSse(ir);
    for (const ir of decoder.end()) out += encoder.encodeSse(ir);
    if (!out.includes("Hi")) return { ok: false, reason: `${via} produced no text for a sample stream` };
    return { ok: true, translator: { via, make } };
  } catch (err) {
    return { ok: false, reason: `${via} threw on a sample stream: ${(err as Error).message}` };
  }
}

const DECODER = "AnthropicStreamDecoder";
const OPTIONS = { includeUsage: true, created: 1_760_000_000 };

function lookup(formats: Formats, encoderNames: string[]): Lookup {
  const Decoder = ctor<StreamDecoderLike>(formats, DECODER);
  if (!Decoder) return { ok: false, reason: `@cc/formats exports no ${DECODER}` };
  for (const name of encoderNames) {
    const Encoder = ctor<StreamEncoderLike>(formats, name);
    if (Encoder) {
      return check(formats, `${DECODER} → ${name}`, () => ({
        decoder: new Decoder(),
        encoder: new Encoder(OPTIONS),
      }));
    }
  }
  return { ok: false, reason: `@cc/formats exports no ${encoderNames.join(" / ")} yet` };
}

/** Anthropic stream → OpenAI Chat chunks (the /v1/chat/completions route's stream path). */
export const chatTranslator = (formats: Formats): Lookup => lookup(formats, ["OpenAiChatStreamEncoder"]);

/** Anthropic stream → OpenAI Responses events (the /v1/responses route, Claude models). */
export const responsesTranslator = (formats: Formats): Lookup =>
  lookup(formats, ["OpenAiResponsesStreamEncoder", "ResponsesStreamEncoder", "OpenAiResponseStreamEncoder"]);

/** translateSseStream (the TransformStream the routes use), when exported. */
export type TranslatePipe = (
  d: StreamDecoderLike,
  e: StreamEncoderLike,
) => TransformStream<Uint8Array, Uint8Array>;

export function translateSseStream(formats: Formats): TranslatePipe | undefined {
  const fn = exportsOf(formats).translateSseStream;
  return typeof fn === "function" ? (fn as TranslatePipe) : undefined;
}

/**
 * What translateSseStream's transform does per chunk, without the TransformStream around it:
 * SSE parse, decode to IR, encode to the client's SSE, UTF-8 encode. Returns the output size.
 */
export function translateAll(formats: Formats, t: Translator, chunks: Uint8Array[]): number {
  const { decoder, encoder } = t.make();
  const sse = new formats.SseDecoder();
  const utf8 = new TextEncoder();
  let bytes = 0;
  const emit = (events: SseEvent[], ended: boolean) => {
    let out = "";
    for (const ev of events) for (const ir of decoder.decode(ev)) out += encoder.encodeSse(ir);
    if (ended) for (const ir of decoder.end()) out += encoder.encodeSse(ir);
    if (out !== "") bytes += utf8.encode(out).byteLength;
  };
  for (const c of chunks) emit(sse.push(c), false);
  emit(sse.end(), true);
  return bytes;
}
