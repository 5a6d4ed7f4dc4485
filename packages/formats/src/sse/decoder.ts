/**
 * Incremental Server-Sent Events parser following the WHATWG HTML "event stream
 * interpretation" rules (html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation).
 *
 * Bytes may arrive split anywhere: inside a UTF-8 character, inside a line, or between the CR and
 * LF of a CRLF. Each byte is decoded once and each character scanned once, so the cost stays
 * linear in the stream size however small the chunks are.
 */

/** One dispatched SSE event. Keys are present only when the stream set them. */
export interface SseEvent {
  /** The `event:` field; absent when the stream did not name the event (the spec's "message"). */
  event?: string;
  /** All `data:` lines of the event joined with "\n". */
  data: string;
  /** The last event ID: per spec it persists across events until another `id:` field changes it. */
  id?: string;
  /** A `retry:` field (ASCII digits only) that appeared in this event's lines. */
  retry?: number;
}

const LF = 10;
const SPACE = 32;

/** Stateful SSE parser: feed it chunks with {@link SseDecoder.push}, then call {@link SseDecoder.end}. */
export class SseDecoder {
  // fatal:false turns invalid UTF-8 into U+FFFD (spec: "UTF-8 decode"); the default
  // ignoreBOM:false drops one leading BOM, as the spec requires.
  private readonly text = new TextDecoder("utf-8");
  // Pieces of the current unterminated line; joined once when its terminator arrives.
  private partial: string[] = [];
  // The previous chunk ended with CR: a LF opening the next chunk belongs to that CRLF.
  private skipLf = false;
  private data: string[] = [];
  private eventType = "";
  private lastEventId = "";
  private pendingRetry: number | undefined;
  private isTruncated = false;

  /** The reconnection time of the last valid `retry:` field, if any. */
  retry: number | undefined;

  /** True after {@link end} when the stream stopped inside an event that was therefore dropped. */
  get truncated(): boolean {
    return this.isTruncated;
  }

  /** Parse one chunk of bytes and return the events it completed (possibly none). */
  push(chunk: Uint8Array): SseEvent[] {
    const out: SseEvent[] = [];
    this.scan(this.text.decode(chunk, { stream: true }), out);
    return out;
  }

  /**
   * End of stream. Per spec the pending event is discarded when the stream ends before its
   * blank line, so this returns no events; {@link truncated} tells whether one was dropped.
   */
  end(): SseEvent[] {
    const out: SseEvent[] = [];
    // Flush a dangling partial UTF-8 sequence (it becomes U+FFFD) into the pending line.
    this.scan(this.text.decode(), out);
    const pendingLine = this.partial.some((p) => p.length > 0);
    this.isTruncated = pendingLine || this.data.length > 0 || this.eventType !== "";
    this.partial = [];
    this.skipLf = false;
    this.resetEvent();
    return out;
  }

  private scan(text: string, out: SseEvent[]): void {
    let start = 0;
    if (this.skipLf && text.length > 0) {
      this.skipLf = false;
      if (text.charCodeAt(0) === LF) start = 1;
    }
    // indexOf runs natively; each position is remembered until passed, so no character is
    // searched twice, and a search that found nothing is never repeated.
    let nextLf = text.indexOf("\n", start);
    let nextCr = text.indexOf("\r", start);
    while (nextLf >= 0 || nextCr >= 0) {
      const isCr = nextCr >= 0 && (nextLf < 0 || nextCr < nextLf);
      const end = isCr ? nextCr : nextLf;
      let line = text.slice(start, end);
      if (this.partial.length > 0) {
        this.partial.push(line);
        line = this.partial.join("");
        this.partial = [];
      }
      this.processLine(line, out);
      start = end + 1;
      if (isCr) {
        if (start === text.length) this.skipLf = true;
        else if (text.charCodeAt(start) === LF) start++;
      }
      if (nextLf >= 0 && nextLf < start) nextLf = text.indexOf("\n", start);
      if (nextCr >= 0 && nextCr < start) nextCr = text.indexOf("\r", start);
    }
    if (start < text.length) this.partial.push(text.slice(start));
  }

  private processLine(line: string, out: SseEvent[]): void {
    if (line.length === 0) {
      this.dispatch(out);
      return;
    }
    const colon = line.indexOf(":");
    if (colon === 0) return; // comment
    let field: string;
    let value: string;
    if (colon < 0) {
      field = line;
      value = "";
    } else {
      field = line.slice(0, colon);
      const skip = line.charCodeAt(colon + 1) === SPACE ? 2 : 1;
      value = line.slice(colon + skip);
    }
    switch (field) {
      case "event":
        this.eventType = value;
        break;
      case "data":
        this.data.push(value);
        break;
      case "id":
        // Spec: an id containing U+0000 is ignored.
        if (!value.includes("\0")) this.lastEventId = value;
        break;
      case "retry":
        if (isAsciiDigits(value)) {
          this.retry = Number(value);
          this.pendingRetry = this.retry;
        }
        break;
      // Any other field name is ignored (spec).
    }
  }

  private dispatch(out: SseEvent[]): void {
    // Spec: with an empty data buffer nothing is dispatched, but the event type still resets.
    if (this.data.length > 0) {
      const ev: SseEvent = { data: this.data.join("\n") };
      if (this.eventType !== "") ev.event = this.eventType;
      if (this.lastEventId !== "") ev.id = this.lastEventId;
      if (this.pendingRetry !== undefined) ev.retry = this.pendingRetry;
      out.push(ev);
    }
    this.resetEvent();
  }

  private resetEvent(): void {
    this.data = [];
    this.eventType = "";
    this.pendingRetry = undefined;
  }
}

function isAsciiDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A TransformStream from response-body bytes to parsed SSE events. */
export function sseDecoderStream(): TransformStream<Uint8Array, SseEvent> {
  const decoder = new SseDecoder();
  return new TransformStream<Uint8Array, SseEvent>({
    transform(chunk, controller) {
      for (const ev of decoder.push(chunk)) controller.enqueue(ev);
    },
    flush(controller) {
      for (const ev of decoder.end()) controller.enqueue(ev);
    },
  });
}
