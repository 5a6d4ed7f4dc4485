/**
 * SSE encoding: the inverse of the decoder for the fields the gateway emits.
 */

/** An event to write: an optional `event:` name and its data text. */
export interface SseMessage {
  event?: string;
  data: string;
}

// Any of the three SSE line terminators; data is split on them so that each becomes its own
// `data:` line, which the decoder joins back with "\n".
const LINE_BREAK = /\r\n|\r|\n/;

/**
 * Encode one event as `event: <name>\ndata: <line>\n…\n\n`. Multi-line data becomes several
 * `data:` lines (CRLF and CR inside data are normalised to LF by the round trip).
 * Throws a RangeError for an event name containing a line break, which would inject fields.
 */
export function encodeSse(message: SseMessage): string {
  let out = "";
  if (message.event !== undefined) {
    if (LINE_BREAK.test(message.event)) throw new RangeError("SSE event name contains a line break");
    out = `event: ${message.event}\n`;
  }
  // Fast path: JSON payloads never contain raw line breaks.
  const lines =
    message.data.includes("\n") || message.data.includes("\r")
      ? message.data.split(LINE_BREAK)
      : [message.data];
  for (const line of lines) out += `data: ${line}\n`;
  return `${out}\n`;
}

const utf8 = new TextEncoder();

/** {@link encodeSse} as UTF-8 bytes, ready for a response body. */
export function encodeSseBytes(message: SseMessage): Uint8Array {
  return utf8.encode(encodeSse(message));
}

/** A TransformStream from events to UTF-8 SSE bytes. */
export function sseEncoderStream(): TransformStream<SseMessage, Uint8Array> {
  return new TransformStream<SseMessage, Uint8Array>({
    transform(message, controller) {
      controller.enqueue(encodeSseBytes(message));
    },
  });
}
